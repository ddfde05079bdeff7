/**
 * The judicial adapter: the courts' own chain. No adapter action targets it (courts and
 * the gateway's workflows write through their own txs, see contract.ts); it is queried and proved
 * like any chain: orders (`order/<orderId>`) are what partner adapters check before acting.
 */
import { ErrorCode } from '../../src/errors.js';
import type { DevLedgerDefinition } from '../sdk/definition.js';
import { refuse } from '../sdk/record.js';
import { judicialContract } from './contract.js';
import { JUDICIAL_CHAIN_ID, JUDICIAL_RECORD_TYPES } from '../../src/judicial/record-types.js';

const noActions = (): never => {
  throw refuse(
    'unknown_action',
    'the judicial chain takes no adapter actions; courts write through their own txs',
    ErrorCode.InvalidArgument,
  );
};

export const judicial: DevLedgerDefinition = {
  chainId: JUDICIAL_CHAIN_ID,
  description:
    'Cases, mediation agreements and judgments, performance, evidence anchors, service of documents, enforcement orders, the enforcement audit log and the alliance registry',
  version: '1.0.0',
  recordTypes: JUDICIAL_RECORD_TYPES,
  actions: [],
  contracts: [judicialContract],
  actionTx: noActions,
  actionResultKey: noActions,
};

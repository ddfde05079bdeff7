/**
 * The data adapter: data-asset registrations and the trades (licences) of them, queried as evidence;
 * a court may preserve (freeze) an asset, so that no trade of it is accepted, and release it.
 * @example
 * const ledger = DevLedger.open({ chainId: data.chainId, contracts: contractsOf(data) });
 * await ledger.submit(data.actionTx({ actionId, kind: 'freeze', target: assetId, court, caseId, orderId }));
 */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { assetKey, dataContract } from './contract.js';
import { DATA_ACTIONS, DATA_CHAIN_ID, DATA_RECORD_TYPES } from './schema.js';

export const data: DevLedgerDefinition = {
  chainId: DATA_CHAIN_ID,
  description: 'Data assets (owner, sha256 of the dataset, licence terms, court preservation) and their trades (licences granted)',
  version: '1.0.0',
  recordTypes: DATA_RECORD_TYPES,
  actions: DATA_ACTIONS,
  contracts: [dataContract],
  actionTx: (action) => buildActionTx(data, action),
  actionResultKey: (action) => {
    checkAction(data, action);
    return assetKey(action.target);
  },
};

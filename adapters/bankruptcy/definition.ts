/**
 * The bankruptcy adapter (破产): cases, creditors' signed claims and the administrator's reviews,
 * creditors' meetings and signed ballots; a court may close a meeting, which writes its tally.
 * @example
 * const ledger = DevLedger.open({ chainId: bankruptcy.chainId, contracts: contractsOf(bankruptcy) });
 * await ledger.submit(bankruptcy.actionTx({ actionId, kind: 'close_meeting', target: meetingTarget(caseId, meetingId), court, caseId, orderId }));
 */
import { buildActionTx, checkAction, recordKey, type DevLedgerDefinition } from '../sdk/definition.js';
import { bankruptcyActionContract, bankruptcyRegistryContract } from './contract.js';
import { BANKRUPTCY_ACTIONS, BANKRUPTCY_CHAIN_ID, BANKRUPTCY_RECORD_TYPES } from './schema.js';

export const bankruptcy: DevLedgerDefinition = {
  chainId: BANKRUPTCY_CHAIN_ID,
  description: "Bankruptcy cases: creditors' signed claims, the administrator's reviews, creditors' meetings, signed ballots and tallies",
  version: '1.0.0',
  recordTypes: BANKRUPTCY_RECORD_TYPES,
  actions: BANKRUPTCY_ACTIONS,
  contracts: [bankruptcyRegistryContract, bankruptcyActionContract],
  actionTx: (action) => buildActionTx(bankruptcy, action),
  actionResultKey: (action) => {
    checkAction(bankruptcy, action);
    return recordKey('meeting', action.target);
  },
};

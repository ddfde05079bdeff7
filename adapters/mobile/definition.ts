/**
 * The mobile enforcement adapter (移动执行): a court delegates and revokes officer devices by
 * order; devices submit signed on-site records through the intake (intake-server.ts).
 * @example
 * const ledger = DevLedger.open({ chainId: mobile.chainId, contracts: contractsOf(mobile) });
 * await ledger.submit(mobile.actionTx({ actionId, kind: 'delegate', target: deviceDid, court, caseId, orderId }));
 */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { deviceKey, mobileContract } from './contract.js';
import { MOBILE_ACTIONS, MOBILE_CHAIN_ID, MOBILE_RECORD_TYPES } from './schema.js';

export const mobile: DevLedgerDefinition = {
  chainId: MOBILE_CHAIN_ID,
  description: 'Mobile enforcement: officer devices delegated by courts and the on-site records they sign',
  version: '1.0.0',
  recordTypes: MOBILE_RECORD_TYPES,
  actions: MOBILE_ACTIONS,
  contracts: [mobileContract],
  actionTx: (action) => buildActionTx(mobile, action),
  actionResultKey: (action) => {
    checkAction(mobile, action);
    return deviceKey(action.target);
  },
};

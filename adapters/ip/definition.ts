/** The IP adapter: copyrights, trademarks, patents; a court may freeze and release. */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { ipContract, parseIpRightKey } from './contract.js';
import { IP_ACTIONS, IP_CHAIN_ID, IP_RECORD_TYPES } from './schema.js';

export const ip: DevLedgerDefinition = {
  chainId: IP_CHAIN_ID,
  description: 'Copyrights, trademarks and patents (owner hash, registration, status, transfers, enforcement)',
  version: '1.0.0',
  recordTypes: IP_RECORD_TYPES,
  actions: IP_ACTIONS,
  assetIndex: 'owner',
  contracts: [ipContract],
  actionTx: (action) => {
    parseIpRightKey(action.target);
    return buildActionTx(ip, action);
  },
  actionResultKey: (action) => {
    checkAction(ip, action);
    parseIpRightKey(action.target);
    return action.target;
  },
};

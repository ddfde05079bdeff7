/** The credit adapter: dishonest debtors list and consumption restrictions, with provable absence. */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { creditContract, dishonestKey, restrictionKey } from './contract.js';
import { CREDIT_ACTIONS, CREDIT_CHAIN_ID, CREDIT_RECORD_TYPES } from './schema.js';

export const credit: DevLedgerDefinition = {
  chainId: CREDIT_CHAIN_ID,
  description: 'Dishonest judgment debtors list and high-consumption restrictions (by person hash; absence provable)',
  version: '1.0.0',
  recordTypes: CREDIT_RECORD_TYPES,
  actions: CREDIT_ACTIONS,
  contracts: [creditContract],
  actionTx: (action) => buildActionTx(credit, action),
  actionResultKey: (action) => {
    const spec = checkAction(credit, action);
    return spec.targetRecordType === 'dishonest' ? dishonestKey(action.target) : restrictionKey(action.target);
  },
};

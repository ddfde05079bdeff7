/** The property adapter: real estate and movables titles; a court may seize and release. */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { propertyContract, titleKey } from './contract.js';
import { PROPERTY_ACTIONS, PROPERTY_CHAIN_ID, PROPERTY_RECORD_TYPES } from './schema.js';

export const property: DevLedgerDefinition = {
  chainId: PROPERTY_CHAIN_ID,
  description: 'Real estate and movables titles (owner hashes and shares, mortgages, court seizures)',
  version: '1.0.0',
  recordTypes: PROPERTY_RECORD_TYPES,
  actions: PROPERTY_ACTIONS,
  assetIndex: 'owner',
  contracts: [propertyContract],
  actionTx: (action) => buildActionTx(property, action),
  actionResultKey: (action) => {
    checkAction(property, action);
    return titleKey(action.target);
  },
};

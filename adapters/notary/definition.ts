/**
 * The enterprise registry's adapter (企业登记): a `notary` chain, its records kept in a record
 * database (record-db.ts) and vouched for by its notaries; a court may freeze equity.
 * @example
 * const backend = new RecordDbBackend({ definition: enterprise, file: 'data/enterprise/records.jsonl' });
 */
import { checkAction } from '../sdk/definition.js';
import { ENTERPRISE_ACTIONS, ENTERPRISE_CHAIN_ID, ENTERPRISE_RECORD_TYPES } from './enterprise-schema.js';
import { enterpriseKey, freezeWrites } from './enterprise-registry.js';
import type { RecordDbDefinition } from './record-db-backend.js';

export const enterprise: RecordDbDefinition = {
  chainId: ENTERPRISE_CHAIN_ID,
  description: 'Enterprise registrations (name, legal representative hash, registered capital, frozen equity, status)',
  version: '1.0.0',
  recordTypes: ENTERPRISE_RECORD_TYPES,
  actions: ENTERPRISE_ACTIONS,
  actionTargetKey: (action) => {
    checkAction(enterprise, action);
    return enterpriseKey(action.target);
  },
  actionWrites: (action, read) => {
    checkAction(enterprise, action);
    return freezeWrites(action, read);
  },
};

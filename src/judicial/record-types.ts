/**
 * The judicial chain's id and its record types as the adapter announces them and the gateway
 * serves them (src/relay/gateway-chains.ts): name, key prefix, indexes.
 */
import type { RecordTypeSpec } from '../chain/ledger/record-type.js';

export const JUDICIAL_CHAIN_ID = 'judicial';

export const JUDICIAL_RECORD_TYPES: readonly RecordTypeSpec[] = [
  { name: 'case', keyPrefix: 'case/', description: 'Case: court, parties (hashes), cause, kind, status', indexes: ['court', 'party'] },
  {
    name: 'agreement',
    keyPrefix: 'agreement/',
    description: 'Mediation agreement or judgment: parties, obligations (debtor, creditor, amount, paid, deadline)',
    indexes: ['case', 'debtor'],
  },
  {
    name: 'performance',
    keyPrefix: 'performance/',
    description: 'Performance report against an obligation: `performance/<agreementId>/<reportId>`',
    indexes: ['case'],
  },
  {
    name: 'anchor',
    keyPrefix: 'anchor/',
    description: 'Evidence, case file or served document anchored by sha256: a 45-byte pointer into its signed batch',
    indexes: ['case'],
  },
  {
    name: 'anchor-batch',
    keyPrefix: 'anchor-batch/',
    description: "A submitter's signed batch of anchors, stored once: claim, signature, metadata, every leaf",
    indexes: [],
  },
  { name: 'service', keyPrefix: 'service/', description: "Served document and the recipient's signed receipt", indexes: ['case'] },
  {
    name: 'served-document',
    keyPrefix: 'served-document/',
    description: 'The services of one document, keyed by its sha256: `served-document/<documentHash>` -> service ids',
    indexes: [],
  },
  {
    name: 'order',
    keyPrefix: 'order/',
    description: 'Enforcement order: court, case, chain, kind, target, amount, legal basis, validity',
    indexes: ['case'],
  },
  {
    name: 'termination',
    keyPrefix: 'termination/',
    description: 'Enforcement terminated for lack of assets (终结本次执行) and its resumption: round, status, outstanding',
    indexes: ['case'],
  },
  {
    name: 'audit',
    keyPrefix: 'audit/',
    description: 'Enforcement audit log entry `audit/<caseId>/<seq>`, hash-linked; head at `audit-head/<caseId>`',
    indexes: [],
  },
  {
    name: 'registry',
    keyPrefix: 'registry/',
    description: 'Alliance registry state (src/identity/registry.ts registryStateEntries): head, members and chains',
    indexes: [],
  },
];

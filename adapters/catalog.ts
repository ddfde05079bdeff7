/**
 * The alliance's chain catalog (src/relay/chain-catalog.ts): each domain chain's kind, name,
 * record types and action kinds, from the adapters' own schemas (adapters/<chain>/schema.ts, the
 * same data the adapters announce) and the tutorial adapter (adapters/examples/lawyer). The
 * gateway node (src/node/gateway-node.ts) hands it to the relay.
 */
import type { CatalogChain, ChainCatalog } from '../src/relay/chain-catalog.js';
import type { ChainKindName } from '../src/relay/light-clients/chain-config.js';
import { CREDIT_ACTIONS, CREDIT_RECORD_TYPES } from './credit/schema.js';
import { lawyer } from './examples/lawyer/definition.js';
import { FINANCE_ACTIONS, FINANCE_RECORD_TYPES } from './finance/schema.js';
import { IP_ACTIONS, IP_RECORD_TYPES } from './ip/schema.js';
import { JUDICIAL_RECORD_TYPES } from '../src/judicial/record-types.js';
import { PROPERTY_ACTIONS, PROPERTY_RECORD_TYPES } from './property/schema.js';
import type { ActionSpec, RecordTypeSpec } from './sdk/definition.js';
import { wireKindOf } from '../src/judicial/wire-kind.js';

function chain(kind: ChainKindName, displayName: string, recordTypes: readonly RecordTypeSpec[], actions: readonly ActionSpec[]): CatalogChain {
  return {
    kind,
    displayName,
    recordTypes: recordTypes.map((r) => ({ name: r.name, indexes: r.indexes })),
    actions: actions.map((a) => wireKindOf(a.kind)),
  };
}

/** The alliance's domain chains (DESIGN.md "Who uses it"), by chain id. */
export const ALLIANCE_CATALOG: ChainCatalog = {
  judicial: chain('judicial', 'Judicial chain (evidence, cases, orders)', JUDICIAL_RECORD_TYPES, []),
  ip: chain('ip', 'Intellectual property (copyright, trademark, patent)', IP_RECORD_TYPES, IP_ACTIONS),
  property: chain('property', 'Property registry (real estate, movables)', PROPERTY_RECORD_TYPES, PROPERTY_ACTIONS),
  credit: chain('credit', 'Credit system (dishonest debtors, restrictions)', CREDIT_RECORD_TYPES, CREDIT_ACTIONS),
  finance: chain('finance', 'Finance (bank accounts, loans)', FINANCE_RECORD_TYPES, FINANCE_ACTIONS),
  // The tutorial adapter (policy: courts verify a lawyer's licence online), schema from its definition.
  lawyer: chain('registry', 'Lawyer qualifications', lawyer.recordTypes, lawyer.actions),
};

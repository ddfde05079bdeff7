/**
 * The alliance's chain catalog (src/relay/chain-catalog.ts): each domain chain's kind, name,
 * record types, actions and record layouts, from the adapters' own schemas (adapters/<chain>/schema.ts,
 * the same data the adapters announce and check orders with) and the tutorial adapter
 * (adapters/examples/lawyer). The gateway node (src/node/gateway-node.ts) hands it to the relay.
 */
import { catalogEvmRecords, catalogRecordLayouts, type CatalogChain, type ChainCatalog } from '../src/relay/chain-catalog.js';
import type { EvmRecordLayout } from '../src/verify/evm/evm-record.js';
import type { ChainKindName } from '../src/relay/light-clients/chain-config.js';
import { BANKRUPTCY_ACTIONS, BANKRUPTCY_RECORD_LAYOUTS, BANKRUPTCY_RECORD_TYPES } from './bankruptcy/schema.js';
import { COLLAB_ACTIONS, COLLAB_CHAIN_ID, COLLAB_RECORD_LAYOUTS, COLLAB_RECORD_TYPES } from './collab/schema.js';
import { CREDIT_ACTIONS, CREDIT_RECORD_LAYOUTS, CREDIT_RECORD_TYPES } from './credit/schema.js';
import { DATA_ACTIONS, DATA_CHAIN_ID, DATA_RECORD_LAYOUTS, DATA_RECORD_TYPES } from './data/schema.js';
import { lawyer, LAWYER_RECORD_LAYOUTS } from './examples/lawyer/definition.js';
import { BANK_ACTIONS, BANK_CHAIN_ID, BANK_EVM_LAYOUTS, BANK_RECORD_TYPES } from './evm/bank-schema.js';
import { ENTERPRISE_ACTIONS, ENTERPRISE_CHAIN_ID, ENTERPRISE_RECORD_LAYOUTS, ENTERPRISE_RECORD_TYPES } from './notary/enterprise-schema.js';
import { FINANCE_ACTIONS, FINANCE_RECORD_LAYOUTS, FINANCE_RECORD_TYPES } from './finance/schema.js';
import { IP_ACTIONS, IP_RECORD_LAYOUTS, IP_RECORD_TYPES } from './ip/schema.js';
import { JUDICIAL_RECORD_LAYOUTS } from '../src/judicial/record-layouts.js';
import { JUDICIAL_RECORD_TYPES } from '../src/judicial/record-types.js';
import { MOBILE_ACTIONS, MOBILE_RECORD_LAYOUTS, MOBILE_RECORD_TYPES } from './mobile/schema.js';
import { PROPERTY_ACTIONS, PROPERTY_RECORD_LAYOUTS, PROPERTY_RECORD_TYPES } from './property/schema.js';
import { MARKET_RECORD_LAYOUTS } from './market/layouts.js';
import { MARKET_ACTIONS, MARKET_CHAIN_ID, MARKET_RECORD_TYPES } from './market/schema.js';
import type { ActionSpec, RecordTypeSpec } from './sdk/definition.js';
import type { RecordLayout, RecordLayouts } from '../src/verify/record-layout.js';

function chain(
  kind: ChainKindName,
  displayName: string,
  recordTypes: readonly RecordTypeSpec[],
  actions: readonly ActionSpec[],
  recordLayouts: readonly RecordLayout[],
): CatalogChain {
  return {
    kind,
    displayName,
    recordTypes: recordTypes.map((r) => ({ name: r.name, keyPrefix: r.keyPrefix, indexes: r.indexes })),
    actions: actions.map((a) => ({ kind: a.kind, targetRecordType: a.targetRecordType })),
    recordLayouts,
  };
}

/** The alliance's domain chains (DESIGN.md "Who uses it"), by chain id. */
export const ALLIANCE_CATALOG: ChainCatalog = {
  judicial: chain('judicial', 'Judicial chain (evidence, cases, orders)', JUDICIAL_RECORD_TYPES, [], JUDICIAL_RECORD_LAYOUTS),
  ip: chain('ip', 'Intellectual property (copyright, trademark, patent)', IP_RECORD_TYPES, IP_ACTIONS, IP_RECORD_LAYOUTS),
  property: chain(
    'property',
    'Property registry (real estate, movables)',
    PROPERTY_RECORD_TYPES,
    PROPERTY_ACTIONS,
    PROPERTY_RECORD_LAYOUTS,
  ),
  // Market regulation (市场监管): equity is a property right, so Investigate's property domain searches it too.
  [MARKET_CHAIN_ID]: chain(
    'property',
    'Market regulation (市场监管: equity, movable mortgages, leases, warehouse receipts)',
    MARKET_RECORD_TYPES,
    MARKET_ACTIONS,
    MARKET_RECORD_LAYOUTS,
  ),
  credit: chain('credit', 'Credit system (dishonest debtors, restrictions)', CREDIT_RECORD_TYPES, CREDIT_ACTIONS, CREDIT_RECORD_LAYOUTS),
  // Mobile enforcement (adapters/mobile): officer devices delegated by courts, on-site records signed on the device.
  mobile: chain('judicial', 'Mobile enforcement (移动执行)', MOBILE_RECORD_TYPES, MOBILE_ACTIONS, MOBILE_RECORD_LAYOUTS),
  // Bankruptcy cases (opinions art. 25): signed claims and ballots, creditors' meetings; a court closes a meeting.
  bankruptcy: chain(
    'registry',
    "Bankruptcy (破产: claims, creditors' meetings, ballots)",
    BANKRUPTCY_RECORD_TYPES,
    BANKRUPTCY_ACTIONS,
    BANKRUPTCY_RECORD_LAYOUTS,
  ),
  // Political-legal collaboration (政法协同, art. 19): case transfers and evidence shared between courts and organs.
  // Kind `registry`: no asset investigation reads it.
  [COLLAB_CHAIN_ID]: chain(
    'registry',
    'Political-legal collaboration (政法协同: transfers, shared evidence)',
    COLLAB_RECORD_TYPES,
    COLLAB_ACTIONS,
    COLLAB_RECORD_LAYOUTS,
  ),
  finance: chain('finance', 'Finance (bank accounts, loans, credit cards)', FINANCE_RECORD_TYPES, FINANCE_ACTIONS, FINANCE_RECORD_LAYOUTS),
  // Data ownership and trading (数据权属与交易, policy art. 23): registrations and licences as evidence; courts preserve assets.
  [DATA_CHAIN_ID]: chain('registry', 'Data ownership and trading (数据权属与交易)', DATA_RECORD_TYPES, DATA_ACTIONS, DATA_RECORD_LAYOUTS),
  // The tutorial adapter (policy: courts verify a lawyer's licence online), schema from its definition.
  lawyer: chain('registry', 'Lawyer qualifications', lawyer.recordTypes, lawyer.actions, LAWYER_RECORD_LAYOUTS),
  // A bank consortium's EVM chain (adapters/evm): records proven by eth_getProof, final by its notaries.
  [BANK_CHAIN_ID]: {
    ...chain('finance', 'Bank consortium ledger (EVM)', BANK_RECORD_TYPES, BANK_ACTIONS, []),
    evmRecords: BANK_EVM_LAYOUTS,
  },
  // An enterprise registry kept in a database (adapters/notary): records vouched for by m of n notaries.
  [ENTERPRISE_CHAIN_ID]: chain(
    'registry',
    'Enterprise registry (企业登记, database)',
    ENTERPRISE_RECORD_TYPES,
    ENTERPRISE_ACTIONS,
    ENTERPRISE_RECORD_LAYOUTS,
  ),
};

/** How a person reads every record type of the alliance (src/verify/proven-record.ts), by record type. */
export const ALLIANCE_RECORD_LAYOUTS: RecordLayouts = catalogRecordLayouts(ALLIANCE_CATALOG);

/** Where the alliance's evm chains keep each record type, by record type (binds an evm bundle's proof to its record). */
export const ALLIANCE_EVM_RECORDS: ReadonlyMap<string, EvmRecordLayout> = catalogEvmRecords(ALLIANCE_CATALOG);

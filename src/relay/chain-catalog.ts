/**
 * What a gateway knows of a domain chain without asking it: its kind, name, record types (with
 * their key prefixes and secondary indexes), the actions its adapters execute and how a person
 * reads its records, by chain id. The gateway is given a catalog (the alliance's is
 * adapters/catalog.ts). A chain the registry admits that is not in it is served from the schema
 * of its registry entry (record types and actions the admin quorum approved; its records shown as
 * hex), or not at all when the entry has none (`unknown_schema`).
 */
import type { ChainEntry } from '../identity/chain-entry.js';
import type { RegistryState } from '../identity/registry.js';
import type { OrderCheckSchema } from '../judicial/order-check.js';
import { checkEvmRecordLayout, type EvmRecordLayout } from '../verify/evm/evm-record.js';
import { recordLayoutsOf, type RecordLayout, type RecordLayouts } from '../verify/record-layout.js';
import type { ChainKindName } from './light-clients/chain-config.js';

/** One record type as the gateway needs it. */
export interface CatalogRecordType {
  /** e.g. `credit.dishonest_debtor`. */
  readonly name: string;
  /** State keys of this type start with it (an order's target key is checked against it). */
  readonly keyPrefix: string;
  /** Secondary indexes its records are filed under; `owner` and `holder` are searched by Investigate. */
  readonly indexes: readonly string[];
}

/** One action the chain's adapters execute, as the order check needs it (src/judicial/order-check.ts). */
export interface CatalogAction {
  /** The definition's kind, as orders name it, e.g. `freeze`. */
  readonly kind: string;
  /** The record type its target names, or several joined by `|`. */
  readonly targetRecordType: string;
}

/** One chain of the catalog. */
export interface CatalogChain {
  readonly kind: ChainKindName;
  readonly displayName: string;
  readonly recordTypes: readonly CatalogRecordType[];
  readonly actions: readonly CatalogAction[];
  /** How a person reads its records (the verification page, VerifyBundle); values of a type without one are shown as hex. */
  readonly recordLayouts?: readonly RecordLayout[];
  /** For a chain the registry verifies as `evm`: where each record type lives in its contract's storage. */
  readonly evmRecords?: readonly EvmRecordLayout[];
}

/** The chains a gateway can serve, by chain id. */
export type ChainCatalog = Readonly<Record<string, CatalogChain>>;

/**
 * What the gateway knows of `chainId`: its catalog entry, else the schema of the chain's registry
 * entry `entry` (kind `registry`: a partner's registry, searched by no investigation domain), else
 * nothing.
 */
export function catalogChainOf(catalog: ChainCatalog, chainId: string, entry: ChainEntry | undefined): CatalogChain | undefined {
  if (Object.hasOwn(catalog, chainId)) return catalog[chainId];
  const s = entry?.schema;
  if (s === undefined) return undefined;
  return {
    kind: 'registry',
    displayName: entry!.displayName,
    recordTypes: s.recordTypes.map((r) => ({ name: r.name, keyPrefix: r.keyPrefix, indexes: [...r.indexes] })),
    actions: s.actions.map((a) => ({ kind: a.kind, targetRecordType: a.targetRecordType })),
  };
}

/**
 * What the order check needs of `chainId` (the same rules its adapters apply: the kind is one of
 * its actions, the target exactly its record type's state key), from the catalog or the chain's
 * registry entry in `state`; nothing for a chain known to neither.
 */
export function orderCheckSchemaOf(catalog: ChainCatalog, chainId: string, state?: RegistryState): OrderCheckSchema | undefined {
  const versions = state?.chains.get(chainId)?.versions;
  const c = catalogChainOf(catalog, chainId, versions?.[versions.length - 1]?.entry);
  return c === undefined ? undefined : { chainId, actions: c.actions, recordTypes: c.recordTypes };
}

/** Where the records of the catalog's evm chains live in their contracts' storage, by record type. */
export function catalogEvmRecords(catalog: ChainCatalog): ReadonlyMap<string, EvmRecordLayout> {
  return new Map(Object.values(catalog).flatMap((c) => (c.evmRecords ?? []).map((l) => [l.recordType, checkEvmRecordLayout(l)] as const)));
}

/** The record layouts of every chain of the catalog, by record type (refuses a record type given two). */
export function catalogRecordLayouts(catalog: ChainCatalog): RecordLayouts {
  return recordLayoutsOf(Object.values(catalog).map((c) => c.recordLayouts ?? []));
}

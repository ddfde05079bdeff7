/**
 * What a gateway knows of a domain chain without asking it: its kind, name, record types (with
 * their secondary indexes) and the action kinds its adapters execute, by chain id. The gateway
 * is given a catalog (the alliance's is adapters/catalog.ts); a chain the registry admits that
 * is not in it is not served (`unknown_schema`).
 */
import type { ChainKindName } from './light-clients/chain-config.js';

/** One record type as the gateway needs it. */
export interface CatalogRecordType {
  /** e.g. `credit.dishonest_debtor`. */
  readonly name: string;
  /** Secondary indexes its records are filed under; `owner` and `holder` are searched by Investigate. */
  readonly indexes: readonly string[];
}

/** One chain of the catalog. */
export interface CatalogChain {
  readonly kind: ChainKindName;
  readonly displayName: string;
  readonly recordTypes: readonly CatalogRecordType[];
  /** Action kinds as ActionKind names (`ACTION_KIND_FREEZE`, ...). */
  readonly actions: readonly string[];
}

/** The chains a gateway can serve, by chain id. */
export type ChainCatalog = Readonly<Record<string, CatalogChain>>;

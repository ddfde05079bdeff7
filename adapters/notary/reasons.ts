/**
 * Reasons of the `notary` chain kind's adapter side (adapters/notary): its record database, its
 * record notaries and the enterprise registry's action. `Reason` (src/errors.ts) includes this union.
 * A new reason: add it here, then throw it.
 */
export type NotaryRegistryReason =
  /** The record database's file cannot be read as its append-only log (a damaged, cut-short or out-of-order line); it is never rewritten. */
  | 'record_db_corrupt'
  /** A write was asked of a database opened read-only (a notary's view). */
  | 'record_db_read_only'
  /** A notarize request's time is further from the notary's clock than its allowed skew. */
  | 'notary_clock_skew'
  /** A notarize request names a database version the notary's copy has not reached. */
  | 'notary_version_unknown'
  /** A freeze asks for more equity than the registered capital less what is already frozen. */
  | 'insufficient_equity';

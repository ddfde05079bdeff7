/**
 * Reasons of the local stores (src/storage).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason a local store is refused with. */
export type StorageReason = 'store_locked';

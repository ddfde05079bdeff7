/**
 * Reasons of the development seed (src/seed).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason seeding refuses with. */
export type SeedReason = 'invalid_argument' | 'unknown_chain';

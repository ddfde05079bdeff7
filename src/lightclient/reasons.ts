/**
 * Reasons of the light-client layer (src/lightclient). Header/commit reasons from src/chain pass through and stay in ChainReason.
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { LightClientRejection } from './errors.js';
import type { HeldReason } from './witness.js';

/** Every reason the light client refuses or holds with. */
export type LightClientReason = LightClientRejection | HeldReason | 'client_not_frozen' | 'corrupt_trusted_store';

/**
 * Reasons of the conformance suite (src/conformance).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason the conformance suite refuses or fails with. */
export type ConformanceReason = 'check_failed' | 'invalid_conformance_options';

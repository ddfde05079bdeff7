/**
 * Reasons of the encodings (src/encoding).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason an encoding is refused with. */
export type EncodingReason = 'non_canonical_json';

/**
 * Reasons of the personal-identifier hashing (src/privacy).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason a personal identifier or salt is refused with. */
export type PrivacyReason = 'invalid_personal_id' | 'invalid_salt';

/**
 * Reasons of the gateway configuration (src/config).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason a configuration is refused with. */
export type ConfigReason = 'invalid_config';

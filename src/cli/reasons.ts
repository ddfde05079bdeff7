/**
 * Reasons of the command line (src/cli).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */

/** Every reason a CLI command fails with (a wrong command line is `usage`). */
export type CliReason =
  | 'adapter_did_ambiguous'
  | 'bundle_file_malformed'
  | 'case_not_found'
  | 'gateway_did_ambiguous'
  | 'gateway_did_unknown'
  | 'invalid_update'
  | 'judicial_anchor_unavailable'
  | 'module_unavailable'
  | 'registry_head_unavailable'
  | 'registry_not_synced'
  | 'registry_stream_missing'
  | 'registry_version_mismatch'
  | 'usage';

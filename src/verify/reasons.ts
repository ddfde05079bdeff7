/**
 * Reasons of the bundle verifier (src/verify).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { TraceRejection } from './anchored-trace.js';
import type { AttestationRejection } from './attestations.js';
import type { NotShownReason } from './proven-record.js';

/** Every reason a proof bundle or one of its parts is refused with. */
export type VerifyReason =
  | TraceRejection
  | AttestationRejection
  | NotShownReason
  | 'malformed_commit'
  | 'malformed_header'
  | 'malformed_proof'
  | 'malformed_validator_set'
  | 'missing_commit'
  | 'missing_header'
  | 'missing_proof'
  | 'missing_validator_set'
  | 'unspecified_proof_kind';

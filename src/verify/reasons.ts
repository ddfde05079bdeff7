/**
 * Reasons of the bundle verifier (src/verify).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { TraceRejection } from './anchored-trace.js';
import type { AttestationRejection } from './attestations.js';
import type { EvmReason } from './evm/reasons.js';
import type { NotaryRejection } from './notary.js';
import type { NotaryMisbehaviourRejection } from './notary-misbehaviour.js';
import type { NotShownReason } from './proven-record.js';
import type { RecordBundleRejection } from './record-bundle.js';

/** Why a check of `verifyBundle` failed or was skipped (its own reasons; a refused part's reason passes through). */
export type BundleCheckReason =
  | 'attestations_only'
  | 'bad_receipt_key'
  | 'bad_root_signature'
  | 'earlier_check_failed'
  | 'header_conflicts_with_trusted'
  | 'missing_receipt'
  | 'no_record_layout'
  | 'no_registry'
  | 'not_applicable'
  | 'not_required'
  | 'offline'
  | 'receipt_digest_mismatch'
  | 'receipt_signer_not_gateway'
  | 'signer_key_unknown'
  | 'trust_basis_not_allowed'
  | 'unsupported_chain_kind';

/** Every reason a proof bundle or one of its parts is refused with. */
export type VerifyReason =
  | TraceRejection
  | AttestationRejection
  | NotaryRejection
  | NotaryMisbehaviourRejection
  | 'invalid_notary_policy'
  /** Fewer of a notary chain's notaries than its threshold validly signed the notarized record. */
  | 'notary_quorum_not_met'
  | NotShownReason
  | BundleCheckReason
  | EvmReason
  | 'duplicate_record_layout'
  | RecordBundleRejection
  | 'malformed_commit'
  | 'malformed_header'
  | 'malformed_proof'
  | 'malformed_validator_set'
  | 'missing_commit'
  | 'missing_header'
  | 'missing_proof'
  | 'missing_validator_set'
  | 'unspecified_proof_kind';

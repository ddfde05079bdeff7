/**
 * Reasons of the judicial workflows (src/workflows): evidence, service of process, enforcement, audit history, proof bundles.
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { HistoryRejection } from './audit-log.js';
import type { RuleRejection } from './enforcement/rule-check.js';
import type { FilingReason } from './filings/filing-reasons.js';

/** Every reason a judicial workflow refuses or fails with. */
export type WorkflowReason =
  | HistoryRejection
  | RuleRejection
  | FilingReason
  | 'action_rejected'
  | 'action_result_timeout'
  | 'adapter_unavailable'
  | 'agreement_malformed'
  | 'anchor_hash_mismatch'
  | 'call_malformed'
  | 'anchor_path_invalid'
  | 'anchor_index_invalid'
  | 'anchor_batch_mismatch'
  | 'batch_too_large'
  | 'batch_size_invalid'
  | 'bundle_header_mismatch'
  | 'case_exists'
  | 'case_id_required'
  | 'claim_malformed'
  | 'gateway_error'
  | 'court_signature_invalid'
  | 'hash_malformed'
  | 'instrument_malformed'
  | 'invalid_debtor_hash'
  | 'limit_invalid'
  | 'mediation_closed'
  | 'mediation_failed'
  | 'mediation_malformed'
  | 'metadata_too_large'
  | 'metadata_unsorted'
  | 'not_case_court'
  | 'out_of_role'
  | 'receipt_not_recipient'
  | 'page_token_invalid'
  | 'receipt_signature_invalid'
  | 'recipient_unbound'
  | 'report_malformed'
  | 'reporter_not_mediator'
  | 'reporter_signature_invalid'
  | 'revoked'
  | 'server_signature_invalid'
  | 'state_conflict'
  | 'service_malformed'
  | 'stale_state'
  | 'submitter_signature_invalid'
  | 'unknown_case'
  | 'unknown_mediation_party'
  | 'unknown_obligation'
  | 'unknown_service'
  | 'unverifiable_answer'
  | 'withdrawal_malformed'
  | 'workflows_unavailable';

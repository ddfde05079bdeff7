/**
 * Reasons of the adapter side (adapters/sdk and the shipped contracts in adapters/<chain>): a contract's refusal of a
 * transaction or action, an order the adapter will not execute, and the runtime's own failures.
 * A partner contract may refuse with a reason of its own, marked with `foreignReason` (src/errors.ts).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { JwtRejection } from '../../src/identity/jwt-inspect.js';
import type { JudicialRecordRefusal } from '../../src/judicial/order.js';

/** Why a shipped contract refuses a transaction or an action (adapters/<chain>/contract.ts, `refuse`). */
export type ContractRefusal =
  | 'already_expired'
  | 'already_frozen'
  | 'already_listed'
  | 'already_received'
  | 'already_restricted'
  | 'already_seized'
  | 'already_terminated'
  | 'asset_frozen'
  | 'audit_fork'
  | 'audit_gap'
  | 'case_closed'
  | 'case_terminated'
  | 'court_mismatch'
  | 'custody_account'
  | 'duplicate_anchor'
  | 'anchor_root_mismatch'
  | 'held_by_other_case'
  | 'insufficient_custody'
  | 'insufficient_frozen'
  | 'insufficient_funds'
  | 'invalid_amount'
  | 'invalid_dates'
  | 'invalid_encumbrance'
  | 'invalid_record'
  | 'invalid_target'
  | 'invalid_transition'
  | 'not_active'
  | 'not_enforcement'
  | 'not_frozen'
  | 'not_listed'
  | 'not_restricted'
  | 'not_seized'
  | 'not_suspended'
  | 'not_terminated'
  | 'overpayment'
  | 'record_exists'
  | 'registry_key_mismatch'
  | 'registry_rollback'
  | 'termination_round'
  | 'unknown_action'
  | 'unknown_case'
  | 'unknown_obligation'
  | 'unknown_party'
  | 'unknown_record'
  | 'unknown_tx_type';

/** Why an adapter will not execute an order (order.ts, order-check.ts); a token's own reason is prefixed `order_`. */
export type OrderRefusal =
  | JudicialRecordRefusal
  | `order_${JwtRejection}`
  | 'judicial_client_frozen'
  | 'judicial_header_invalid'
  | 'judicial_header_unconfirmed'
  | 'judicial_proof_invalid'
  | 'judicial_proof_malformed'
  | 'judicial_proof_missing'
  | 'judicial_record_mismatch'
  | 'malformed_request'
  | 'order_issue'
  | 'order_issuer_not_court'
  | 'order_malformed'
  | 'order_mismatch'
  | 'order_missing'
  | 'order_replay_unavailable'
  | 'order_replayed'
  | 'order_wrong_chain'
  | 'unknown_action'
  | 'wrong_chain';

/** Every reason the adapter side refuses or fails with. */
export type SdkReason =
  | ContractRefusal
  | OrderRefusal
  | 'action_tx_mismatch'
  | 'adapter_not_authorised'
  | 'amount_not_allowed'
  | 'amount_required'
  | 'backend_not_started'
  | 'duplicate_backend'
  | 'unknown_backend'
  | 'historical_state_unavailable'
  | 'invalid_height'
  | 'invalid_index_key'
  | 'invalid_key'
  | 'invalid_trust_options'
  | 'judicial_unreachable'
  | 'key_not_of_record_type'
  | 'missing_judicial_trust'
  | 'negative_amount'
  /** A `notary` chain's registry entry names no notaries (or the chain is not admitted), so no answer can be notarized. */
  | 'notary_policy_unknown'
  /** A `notary` chain's database holds no version yet (version 0): there is no state for its notaries to vouch for. */
  | 'notary_database_empty'
  /** Fewer of a `notary` chain's notaries than its threshold signed the record the adapter read, before the deadline. */
  | 'notary_quorum_unavailable'
  | 'trusted_hash_mismatch'
  | 'unknown_index'
  | 'unknown_record_type'
  /** The request asks what this chain's kind has not got (an `evm` or `notary` chain: light blocks, index queries). */
  | 'unsupported_for_chain_kind';

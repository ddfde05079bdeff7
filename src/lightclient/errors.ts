/**
 * Light-client rejections, each a named reason (STYLE.md 6) counted in metrics by the caller.
 * Header/commit/validator-set reasons from src/chain pass through unchanged.
 */
import { CourtbridgeError, ErrorCode, VerificationError } from '../errors.js';
import type { ClientState } from './client-state.js';

export type LightClientRejection =
  | 'wrong_chain_id'
  | 'non_increasing_height'
  | 'non_increasing_time'
  | 'header_from_future'
  | 'height_ahead_of_time'
  | 'trust_expired'
  | 'wrong_validator_set_hash'
  | 'signature_suite_mismatch'
  | 'insufficient_power'
  | 'insufficient_trusted_power'
  | 'empty_state_root'
  | 'client_frozen'
  | 'prev_hash_mismatch'
  | 'client_exists'
  | 'client_not_found'
  | 'height_not_trusted'
  | 'invalid_operator_decision'
  | 'invalid_trust_options'
  | 'store_conflict';

/** Rejection of a header, commit or misbehaviour offered to the client (INVALID_ARGUMENT unless said). */
export function rejectUpdate(reason: LightClientRejection, message: string, code: ErrorCode = ErrorCode.InvalidArgument): never {
  throw new VerificationError(reason, message, { code });
}

/**
 * The error every call on a frozen client gets (DESIGN.md "Errors": FAILED_PRECONDITION for a
 * frozen client): says which chain, since when, why, and that an operator must unfreeze it.
 */
export function clientFrozenError(state: ClientState): CourtbridgeError {
  const ev = state.frozenEvidence;
  const why =
    ev === undefined
      ? 'misbehaviour'
      : `${ev.misbehaviour.kind} misbehaviour at height ${ev.misbehaviour.first.signedHeader.header.height}`;
  const since = ev === undefined ? 'an unknown time' : `unix time ${ev.frozenAtMs} ms`;
  return new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'client_frozen',
    `light client for chain ${state.chainId} is frozen since ${since} after ${why}; an operator must unfreeze it (LightClient.unfreeze) before it verifies or serves anything`,
    { details: { chainId: state.chainId, frozenAtMs: ev?.frozenAtMs ?? 0 } },
  );
}

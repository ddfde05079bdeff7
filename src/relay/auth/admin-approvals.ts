/**
 * A quorum of alliance-admin approvals over a signing input (operator orders: TripBreaker,
 * ResetBreaker, UnfreezeChain). Same rules as registry updates (src/identity/registry.ts
 * `countApprovals`): each approval counts once per distinct admin active at `atMs`, with a
 * low-S signature by a key of that admin valid at `atMs`; the rest are discarded with a named
 * reason, kept as evidence. Pure.
 */
import { checkSignatureShape, verify } from '../../crypto/secp256k1.js';
import { VerificationError, ErrorCode } from '../../errors.js';
import { fragmentOf } from '../../identity/did-url.js';
import { keyAtInState, mayActInState, type ApprovalRejection, type RegistryState } from '../../identity/registry.js';

/** An approval as it arrives in a request (proto AdminApproval). */
export interface AdminApprovalInput {
  readonly adminDid: string;
  readonly kid: string;
  readonly signature: Uint8Array;
}

/** The evidence of a met quorum. */
export interface QuorumEvidence {
  readonly approvedBy: readonly string[];
  readonly discarded: ReadonlyArray<{ adminDid: string; reason: ApprovalRejection }>;
  readonly quorum: number;
}

/**
 * @throws VerificationError PERMISSION_DENIED `approval_quorum_not_met` (details name each discarded approval)
 */
export function requireAdminQuorum(state: RegistryState, input: Uint8Array, approvals: readonly AdminApprovalInput[], atMs: number): QuorumEvidence {
  const approvedBy: string[] = [];
  const discarded: Array<{ adminDid: string; reason: ApprovalRejection }> = [];
  for (const a of approvals) {
    const why = ((): ApprovalRejection | undefined => {
      if (approvedBy.includes(a.adminDid)) return 'duplicate_approver';
      const shape = checkSignatureShape(a.signature);
      if (shape === 'bad_length') return 'bad_signature_length';
      if (shape === 'high_s') return 'high_s_signature';
      if (shape !== 'ok') return 'signature_out_of_range';
      const role = mayActInState(state, a.adminDid, 'admin', undefined, atMs);
      if (!role.ok) return role.reason === 'unknown_did' ? 'unknown_admin' : role.reason === 'revoked' ? 'revoked_admin' : 'not_admin';
      if (a.kid.startsWith('#') || fragmentOf(a.adminDid, a.kid) === undefined) return 'kid_not_of_admin';
      const key = keyAtInState(state, a.adminDid, a.kid, atMs);
      if (!key.ok) return key.reason === 'revoked' ? 'revoked_admin' : 'key_not_valid_at_time';
      return verify(a.signature, input, key.publicKey) ? undefined : 'bad_signature';
    })();
    if (why === undefined) approvedBy.push(a.adminDid);
    else discarded.push({ adminDid: a.adminDid, reason: why });
  }
  if (approvedBy.length < state.quorum) {
    const err = new VerificationError('approval_quorum_not_met', `${approvedBy.length} valid admin approvals of the ${state.quorum} required`, { code: ErrorCode.PermissionDenied });
    for (const d of discarded) err.details[`discarded:${d.adminDid}`] = d.reason;
    throw err;
  }
  return { approvedBy, discarded, quorum: state.quorum };
}

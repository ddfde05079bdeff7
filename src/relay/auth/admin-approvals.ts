/**
 * A quorum of alliance-admin approvals over a signing input (operator orders: TripBreaker,
 * ResetBreaker, UnfreezeChain). The rules are those of registry updates, by the same code
 * (src/identity/registry.ts `countAdminApprovals`): each approval counts once per distinct admin active at `atMs`, with a
 * low-S signature by a key of that admin valid at `atMs`; the rest are discarded with a named
 * reason, kept as evidence. Pure.
 */
import type { Signable } from '../../crypto/hash.js';
import { VerificationError, ErrorCode } from '../../errors.js';
import { countAdminApprovals, type ApprovalRejection, type RegistryState } from '../../identity/registry.js';
import type { Approval } from '../../identity/registry-update.js';

/** The evidence of a met quorum. */
export interface QuorumEvidence {
  readonly approvedBy: readonly string[];
  readonly discarded: ReadonlyArray<{ adminDid: string; reason: ApprovalRejection }>;
  readonly quorum: number;
}

/**
 * @throws VerificationError PERMISSION_DENIED `approval_quorum_not_met` (details name each discarded approval)
 */
export function requireAdminQuorum(
  state: RegistryState,
  input: Signable,
  approvals: readonly Readonly<Approval>[],
  atMs: number,
): QuorumEvidence {
  const { approvedBy, discarded } = countAdminApprovals(state, input, approvals, atMs);
  if (approvedBy.length < state.quorum) {
    const err = new VerificationError(
      'approval_quorum_not_met',
      `${approvedBy.length} valid admin approvals of the ${state.quorum} required`,
      { code: ErrorCode.PermissionDenied },
    );
    for (const d of discarded) err.details[`discarded:${d.adminDid}`] = d.reason;
    throw err;
  }
  return { approvedBy, discarded, quorum: state.quorum };
}

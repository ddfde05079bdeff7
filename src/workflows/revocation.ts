/**
 * A revocation takes effect everywhere at once (DESIGN.md "Identity"). A signed claim names its
 * own time (`signedAtMs`, `servedAtMs`) so that its key is looked up as it was then (rotation);
 * that time is the signer's choice, so whoever records the claim must also check the signer is
 * not revoked NOW, or a revoked DID could keep recording by backdating (the rule JWTs and
 * envelopes follow: src/identity/jwt-inspect.ts check 12, src/bus/envelope-verify.ts step 6).
 * Offline re-verification of what was recorded before the revocation does not call this.
 */
import { ErrorCode, VerificationError } from '../errors.js';
import type { Authority } from '../identity/authority.js';

/** @throws VerificationError PERMISSION_DENIED `revoked` when `did` is revoked at `nowMs`. */
export function assertNotRevokedNow(authority: Authority, did: string, kid: string, nowMs: number): void {
  const now = authority.keyAt(did, kid, nowMs);
  if (!now.ok && now.reason === 'revoked')
    throw new VerificationError('revoked', `${did}: ${now.message}`, { code: ErrorCode.PermissionDenied });
}

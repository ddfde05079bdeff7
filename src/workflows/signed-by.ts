/**
 * The one check of a signed workflow input (agreement, report, judgment, mediation, withdrawal,
 * service, receipt): the key `kid` the DID held at `atMs` per the registry, then a compact low-S
 * signature over `input`. A revoked key is `revoked` (PERMISSION_DENIED); any other failure is
 * the caller's `reason` (UNAUTHENTICATED). Pure: the authority and time are given.
 */
import type { Signable } from '../crypto/hash.js';
import { checkSignatureShape, verify } from '../crypto/signature-suite.js';
import { ErrorCode, VerificationError, type Reason } from '../errors.js';
import type { Authority } from '../identity/authority.js';

/** @returns the kid of the key that verified. @throws VerificationError `revoked` | `reason` */
export function checkSignedBy(
  authority: Authority,
  did: string,
  kid: string,
  atMs: number,
  sig: Uint8Array,
  input: Signable,
  reason: Reason,
  what = 'the signature',
): string {
  const key = authority.keyAt(did, kid, atMs);
  if (!key.ok)
    throw new VerificationError(key.reason === 'revoked' ? 'revoked' : reason, `${did}: ${key.message}`, {
      code: key.reason === 'revoked' ? ErrorCode.PermissionDenied : ErrorCode.Unauthenticated,
    });
  if (!(sig instanceof Uint8Array) || checkSignatureShape(sig, key.publicKey) !== 'ok' || !verify(sig, input, key.publicKey))
    throw new VerificationError(reason, `${what} does not verify under ${kid}`, { code: ErrorCode.Unauthenticated });
  return key.kid;
}

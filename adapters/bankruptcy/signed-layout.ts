/**
 * What a creditor signs, byte for byte (DESIGN.md "Conventions": a documented fixed layout), and
 * the check of it against the key embedded in the creditor's `did:key`. Pure: the contract, the
 * tally re-check and a creditor's own wallet compute the same bytes.
 *
 * Encoding (src/encoding/bytes.ts ByteWriter): `string` = u32 big-endian byte length + UTF-8 bytes,
 * `u64` = 8 bytes big-endian, `fixed32` = 32 raw bytes. The signature is compact secp256k1 ECDSA
 * over SHA-256 of these bytes, low-S (src/crypto/secp256k1.ts), 64 bytes written as hex.
 *
 * Claim:  string "courtbridge/bankruptcy-claim/v1", string chainId, string caseId, string claimId,
 *         string creditor DID, string amountCents, string security, string votingClass, u64 filedAtMs
 * Ballot: string "courtbridge/bankruptcy-ballot/v1", string chainId, string caseId, string meetingId,
 *         fixed32 motionHash, string creditor DID, string choice, string votingCents, u64 signedAtMs
 * The tag separates the two domains; the chain id keeps a signature from being replayed on another
 * chain; the case, meeting and motion hash bind a ballot to the one motion it answers.
 */
import { fromHex, toHex, ByteWriter } from '../../src/encoding/bytes.js';
import { sign } from '../../src/crypto/secp256k1.js';
import { checkSignatureShape, verify } from '../../src/crypto/signature-suite.js';
import { publicKeyOfDidKey } from '../../src/identity/did-key.js';
import type { BallotCast, ClaimFiling } from './schema.js';

export const CLAIM_SIGNING_TAG = 'courtbridge/bankruptcy-claim/v1';
export const BALLOT_SIGNING_TAG = 'courtbridge/bankruptcy-ballot/v1';

export function claimSigningBytes(chainId: string, c: ClaimFiling): Uint8Array {
  return new ByteWriter()
    .string(CLAIM_SIGNING_TAG)
    .string(chainId)
    .string(c.caseId)
    .string(c.claimId)
    .string(c.creditor)
    .string(c.amountCents)
    .string(c.security)
    .string(c.votingClass)
    .u64(c.filedAtMs)
    .finish();
}

export type BallotFields = Pick<BallotCast, 'caseId' | 'meetingId' | 'motionHash' | 'creditor' | 'choice' | 'votingCents' | 'signedAtMs'>;

export function ballotSigningBytes(chainId: string, b: BallotFields): Uint8Array {
  return new ByteWriter()
    .string(BALLOT_SIGNING_TAG)
    .string(chainId)
    .string(b.caseId)
    .string(b.meetingId)
    .fixed(fromHex(b.motionHash, 'motionHash'), 32, 'motionHash')
    .string(b.creditor)
    .string(b.choice)
    .string(b.votingCents)
    .u64(b.signedAtMs)
    .finish();
}

/** Why a creditor's signature does not hold, or `ok`. */
export type CreditorSignatureCheck = 'ok' | 'not_did_key' | 'malformed_signature' | 'bad_signature';

/** Check `signatureHex` over `message` against the key embedded in the `did:key` `creditor`. */
export function checkCreditorSignature(creditor: string, message: Uint8Array, signatureHex: string): CreditorSignatureCheck {
  const key = publicKeyOfDidKey(creditor);
  if (key === undefined) return 'not_did_key';
  let sig: Uint8Array;
  try {
    sig = fromHex(signatureHex, 'signature');
  } catch {
    return 'malformed_signature';
  }
  // The did:key says the suite (secp256k1 or SM2): a creditor's wallet may hold either.
  if (checkSignatureShape(sig, key) !== 'ok') return 'malformed_signature';
  return verify(sig, message, key) ? 'ok' : 'bad_signature';
}

/** A creditor's signature as stored (hex), for wallets, seeds and tests. */
export function signAsCreditor(message: Uint8Array, privateKey: Uint8Array): string {
  return toHex(sign(message, privateKey));
}

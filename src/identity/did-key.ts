/**
 * `did:key` for secp256k1 and SM2 keys (W3C CCG did:key spec): multibase base58btc (`z`) of the
 * multicodec-prefixed public key: `secp256k1-pub` (0xe7, varint `0xe7 0x01`) or `sm2-pub`
 * (0x1206, varint `0x86 0x24`), followed by the 33-byte compressed point. An SM2 key's bytes
 * (src/crypto/signature-suite.ts) already carry its multicodec prefix.
 *
 * For tests and throwaway keys only (DESIGN.md "Identity"): a did:key can be neither rotated
 * nor revoked, so the alliance never grants it a role (see AllianceAuthority).
 */
import { base58ToBytes, bytesToBase58 } from 'did-jwt';
import { concatBytes } from '../encoding/bytes.js';
import { isValidPublicKey, suiteOfKey } from '../crypto/signature-suite.js';

/** Multicodec varint for `secp256k1-pub` (0xe7). */
export const SECP256K1_PUB_MULTICODEC = Uint8Array.of(0xe7, 0x01);
export const DID_KEY_PREFIX = 'did:key:';

/** `did:key:z...` of a secp256k1 or SM2 public key (its bytes as signature-suite.ts defines them). */
export function didKeyOf(publicKey: Uint8Array): string {
  if (!isValidPublicKey(publicKey)) throw new TypeError('publicKey: expected a valid secp256k1 (33-byte) or SM2 (35-byte) key');
  return DID_KEY_PREFIX + multibaseOf(publicKey);
}

/** The key id (full DID URL) of a did:key: `did:key:z...#z...` (the spec's fragment = the multibase value). */
export function didKeyKid(did: string): string {
  return `${did}#${did.slice(DID_KEY_PREFIX.length)}`;
}

function multibaseOf(publicKey: Uint8Array): string {
  const multicodec = suiteOfKey(publicKey) === 'sm2' ? publicKey : concatBytes(SECP256K1_PUB_MULTICODEC, publicKey);
  return `z${bytesToBase58(multicodec)}`;
}

/**
 * The embedded key of a secp256k1 or SM2 did:key (in signature-suite.ts bytes), or `undefined`
 * when `did` is not one (wrong method, other multicodec, bad base58, not a point on the curve).
 */
export function publicKeyOfDidKey(did: string): Uint8Array | undefined {
  if (typeof did !== 'string' || !did.startsWith(DID_KEY_PREFIX)) return undefined;
  const mb = did.slice(DID_KEY_PREFIX.length);
  // Longer than any key's encoding (at most 49 chars): refused before the quadratic base58 decode.
  if (mb.length > 64) return undefined;
  let raw: Uint8Array;
  try {
    raw = base58ToBytes(mb.slice(1));
  } catch {
    return undefined;
  }
  // An SM2 key carries its own multicodec; anything else must be `0xe7 0x01` || a secp256k1 key.
  const pk = suiteOfKey(raw) === 'sm2' ? raw : raw.slice(2);
  // Re-encoding settles the rest: the `z` multibase, the multicodec prefix and the canonical
  // base58 string (no leading-zero or alphabet games): one key, one DID string.
  if (!isValidPublicKey(pk) || multibaseOf(pk) !== mb) return undefined;
  return pk;
}

/**
 * `did:key` for secp256k1 (W3C CCG did:key spec, multicodec `secp256k1-pub` = 0xe7, varint
 * `0xe7 0x01`, followed by the 33-byte compressed point, multibase base58btc prefix `z`).
 *
 * For tests and throwaway keys only (DESIGN.md "Identity"): a did:key can be neither rotated
 * nor revoked, so the alliance never grants it a role (see AllianceAuthority).
 */
import { base58ToBytes, bytesToBase58 } from 'did-jwt';
import { concatBytes } from '../encoding/bytes.js';
import { isValidPublicKey, PUBLIC_KEY_LENGTH } from '../crypto/secp256k1.js';

/** Multicodec varint for `secp256k1-pub` (0xe7). */
export const SECP256K1_PUB_MULTICODEC = Uint8Array.of(0xe7, 0x01);
export const DID_KEY_PREFIX = 'did:key:';

/** `did:key:z...` of a compressed secp256k1 public key. */
export function didKeyOf(publicKey: Uint8Array): string {
  if (!isValidPublicKey(publicKey)) throw new TypeError('publicKey: expected a valid 33-byte compressed secp256k1 point');
  return DID_KEY_PREFIX + multibaseOf(publicKey);
}

/** The key id (full DID URL) of a did:key: `did:key:z...#z...` (the spec's fragment = the multibase value). */
export function didKeyKid(did: string): string {
  return `${did}#${did.slice(DID_KEY_PREFIX.length)}`;
}

function multibaseOf(publicKey: Uint8Array): string {
  return `z${bytesToBase58(concatBytes(SECP256K1_PUB_MULTICODEC, publicKey))}`;
}

/**
 * The embedded key of a secp256k1 did:key, or `undefined` when `did` is not one (wrong
 * method, other multicodec, bad base58, not a point on the curve).
 */
export function publicKeyOfDidKey(did: string): Uint8Array | undefined {
  if (typeof did !== 'string' || !did.startsWith(DID_KEY_PREFIX)) return undefined;
  const mb = did.slice(DID_KEY_PREFIX.length);
  if (!mb.startsWith('z') || mb.length > 64) return undefined;
  let raw: Uint8Array;
  try {
    raw = base58ToBytes(mb.slice(1));
  } catch {
    return undefined;
  }
  if (raw.length !== 2 + PUBLIC_KEY_LENGTH || raw[0] !== 0xe7 || raw[1] !== 0x01) return undefined;
  const pk = raw.slice(2);
  if (!isValidPublicKey(pk)) return undefined;
  // Canonical form only: one key, one DID string (no leading-zero or alphabet games).
  if (multibaseOf(pk) !== mb) return undefined;
  return pk;
}

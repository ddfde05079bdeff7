/**
 * secp256k1 ECDSA over SHA-256, compact 64-byte signatures (r || s), low-S only.
 *
 * Signing uses @noble/secp256k1 (RFC 6979 deterministic nonces, so vectors are reproducible).
 * Verification uses node:crypto (OpenSSL), several times faster than pure JS; OpenSSL accepts
 * high-S signatures, so the range and low-S rules are checked here first (BIP-62 / EIP-2).
 * Key recovery (`recoverPublicKey`) is over a digest the caller hashed (Ethereum signs keccak256),
 * with the same rules.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import * as secp from '@noble/secp256k1';
import { hmacSha256, sha256, signableBytes, type Signable } from './hash.js';
import { assertBytes, bytesToBig, concatBytes, fromHex } from '../encoding/bytes.js';

// noble types its hash hooks as returning ArrayBuffer-backed arrays; ours are.
secp.hashes.sha256 = sha256 as typeof secp.hashes.sha256;
secp.hashes.hmacSha256 = hmacSha256 as typeof secp.hashes.hmacSha256;

export const CURVE_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = CURVE_N >> 1n;

export const PRIVATE_KEY_LENGTH = 32;
export const PUBLIC_KEY_LENGTH = 33;
export const SIGNATURE_LENGTH = 64;

export type SignatureCheck = 'ok' | 'bad_length' | 'r_out_of_range' | 's_out_of_range' | 'high_s';

export function generatePrivateKey(): Uint8Array {
  return secp.utils.randomSecretKey();
}

export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  assertBytes(privateKey, PRIVATE_KEY_LENGTH, 'privateKey');
  return secp.getPublicKey(privateKey, true);
}

/** Uncompressed 65-byte form (for JWKs and did-jwt). */
export function uncompressPublicKey(publicKey: Uint8Array): Uint8Array {
  return secp.Point.fromBytes(publicKey).toBytes(false);
}

export function isValidPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  try {
    secp.Point.fromBytes(publicKey).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/** Signs sha256(message): the message is hashed once by ECDSA-SHA256, as ES256K does. */
export function sign(message: Signable, privateKey: Uint8Array): Uint8Array {
  assertBytes(privateKey, PRIVATE_KEY_LENGTH, 'privateKey');
  return secp.sign(signableBytes(message, 'secp256k1'), privateKey, { prehash: true, lowS: true });
}

/** The shape rules every path applies before any curve math. */
export function checkSignatureShape(signature: Uint8Array): SignatureCheck {
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return 'bad_length';
  const r = bytesToBig(signature.subarray(0, 32));
  const s = bytesToBig(signature.subarray(32, 64));
  if (r === 0n || r >= CURVE_N) return 'r_out_of_range';
  if (s === 0n || s >= CURVE_N) return 's_out_of_range';
  if (s > HALF_N) return 'high_s';
  return 'ok';
}

/** Turn a valid high-S signature into its low-S twin (used only by tests and by native signing). */
export function normalizeS(signature: Uint8Array): Uint8Array {
  const s = bytesToBig(signature.subarray(32, 64));
  if (s <= HALF_N) return signature;
  const low = (CURVE_N - s).toString(16).padStart(64, '0');
  return concatBytes(signature.subarray(0, 32), fromHex(low));
}

/** Flip a low-S signature to its (equally valid under plain ECDSA) high-S twin: for tests. */
export function toHighS(signature: Uint8Array): Uint8Array {
  const s = bytesToBig(signature.subarray(32, 64));
  const high = (CURVE_N - s).toString(16).padStart(64, '0');
  return concatBytes(signature.subarray(0, 32), fromHex(high));
}

/**
 * The uncompressed 65-byte public key that signed the 32-byte `digest` (already hashed, e.g. by
 * keccak256 as Ethereum signs), from a compact signature and its recovery bit (0 or 1).
 * undefined when the signature breaks the shape rules (range, low-S: a high-S twin would recover
 * the same key, so it is refused as malleable) or recovers no point.
 */
export function recoverPublicKey(signature: Uint8Array, recovery: number, digest: Uint8Array): Uint8Array | undefined {
  if (checkSignatureShape(signature) !== 'ok' || (recovery !== 0 && recovery !== 1) || digest.length !== 32) return undefined;
  try {
    return secp.recoverPublicKey(concatBytes(Uint8Array.of(recovery), signature), digest, { prehash: false, isCompressed: false });
  } catch {
    return undefined;
  }
}

const SPKI_PREFIX = fromHex('3036301006072a8648ce3d020106052b8104000a032200');
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_MAX = 4096;

/** node:crypto KeyObject for a compressed key, cached: parsing costs as much as a verify. */
export function nativePublicKey(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex');
  let k = keyCache.get(id);
  if (k === undefined) {
    assertBytes(publicKey, PUBLIC_KEY_LENGTH, 'publicKey');
    k = createPublicKey({ key: Buffer.from(concatBytes(SPKI_PREFIX, publicKey)), format: 'der', type: 'spki' });
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, k);
  }
  return k;
}

/** Verify a compact low-S signature over sha256(message). Never throws on bad input: returns false. */
export function verify(signature: Uint8Array, message: Signable, publicKey: Uint8Array): boolean {
  if (checkSignatureShape(signature) !== 'ok') return false;
  let key: KeyObject;
  try {
    key = nativePublicKey(publicKey);
  } catch {
    return false;
  }
  return nodeVerify('sha256', signableBytes(message, 'secp256k1'), { key, dsaEncoding: 'ieee-p1363' }, signature);
}

/** Same verdict as `verify`, computed on libuv's thread pool so the event loop stays free. */
export function verifyAsync(signature: Uint8Array, message: Signable, publicKey: Uint8Array): Promise<boolean> {
  if (checkSignatureShape(signature) !== 'ok') return Promise.resolve(false);
  let key: KeyObject;
  try {
    key = nativePublicKey(publicKey);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    nodeVerify('sha256', signableBytes(message, 'secp256k1'), { key, dsaEncoding: 'ieee-p1363' }, signature, (err, ok) =>
      resolve(!err && ok),
    );
  });
}

/** Pure-JS verification with the same rules: the reference the native path is tested against. */
export function verifyReference(signature: Uint8Array, message: Signable, publicKey: Uint8Array): boolean {
  if (checkSignatureShape(signature) !== 'ok') return false;
  try {
    return secp.verify(signature, signableBytes(message, 'secp256k1'), publicKey, { prehash: true, lowS: true });
  } catch {
    return false;
  }
}

/**
 * Signature suites: secp256k1 (ECDSA over SHA-256, low-S) and SM2 (GB/T 32918.2 with SM3 and
 * Z_A, src/crypto/sm2.ts). A key says which suite it belongs to, so a verifier dispatches on
 * the key it took from the registry or the validator set, never on anything the signed message
 * says about itself: an SM2 signature checked against a secp256k1 key (or the reverse) is simply
 * a signature that does not verify.
 *
 * Key bytes, wherever a key is stored, signed over or sent:
 *   secp256k1  33 bytes, SEC 1 compressed (0x02 | 0x03 || x), as every layout has always held
 *   SM2        35 bytes, 0x86 0x24 || 33-byte compressed point: the multicodec `sm2-pub` (0x1206,
 *              varint 0x86 0x24), the same bytes a did:key of the key carries
 * The first byte tells them apart (0x02/0x03 against 0x86), so a layout reads a key without a
 * separate suite field and a secp256k1 key's bytes are unchanged.
 *
 * Every suite has the same named shape rules, checked before any curve math: exact length, both
 * scalars in range, and the suite's malleability rule (low-S for secp256k1; for SM2, r + s ≠ n,
 * see sm2.ts).
 */
import { concatBytes, type ByteReader, type ByteWriter } from '../encoding/bytes.js';
import { signableBytes, type Signable } from './hash.js';
import type { HashSuite } from './hash-suite.js';
import * as secp from './secp256k1.js';
import { checkSm2SignatureShape, generateSm2PrivateKey, isValidSm2Point, sm2PublicKeyOf, sm2Sign, sm2Verify } from './sm2.js';

export const SignatureSuites = ['secp256k1', 'sm2'] as const;
export type SignatureSuite = (typeof SignatureSuites)[number];

/** Multicodec varint of `sm2-pub` (0x1206): the prefix of an SM2 key's bytes. */
export const SM2_KEY_PREFIX = Uint8Array.of(0x86, 0x24);
export const SECP256K1_KEY_LENGTH = 33;
export const SM2_KEY_LENGTH = 35;
/** Every signature of every suite is 64 bytes, r || s. */
export const SIGNATURE_LENGTH = 64;

/** The same reasons for both suites (SM2 never says high_s: it has no such twin). */
export type SignatureShape = 'ok' | 'bad_length' | 'r_out_of_range' | 's_out_of_range' | 'high_s';

/** The hash that goes with a signature suite where a signer's own layout is hashed (receipts): SM3 with SM2. */
export function hashSuiteOfSignatureSuite(suite: SignatureSuite): HashSuite {
  return suite === 'sm2' ? 'sm3' : 'sha256';
}

export function isSignatureSuite(v: unknown): v is SignatureSuite {
  return v === 'secp256k1' || v === 'sm2';
}

/** The suite a key's bytes are shaped for (not yet whether the point is on the curve). */
export function suiteOfKey(key: Uint8Array): SignatureSuite | undefined {
  if (!(key instanceof Uint8Array)) return undefined;
  if (key.length === SECP256K1_KEY_LENGTH && (key[0] === 0x02 || key[0] === 0x03)) return 'secp256k1';
  if (key.length === SM2_KEY_LENGTH && key[0] === SM2_KEY_PREFIX[0] && key[1] === SM2_KEY_PREFIX[1]) return 'sm2';
  return undefined;
}

/** A key of a known suite whose point is on that suite's curve. */
export function isValidPublicKey(key: Uint8Array): boolean {
  const suite = suiteOfKey(key);
  if (suite === 'secp256k1') return secp.isValidPublicKey(key);
  if (suite === 'sm2') return isValidSm2Point(key.subarray(2));
  return false;
}

/** The key bytes of `suite` for a compressed point (an SM2 point gains its multicodec prefix). */
export function keyOfPoint(suite: SignatureSuite, point: Uint8Array): Uint8Array {
  return suite === 'sm2' ? concatBytes(SM2_KEY_PREFIX, point) : point.slice();
}

/** The 33-byte compressed point inside a key (what a JWK or a curve library takes). */
export function pointOfKey(key: Uint8Array): Uint8Array {
  return suiteOfKey(key) === 'sm2' ? key.subarray(2) : key;
}

export function generatePrivateKey(suite: SignatureSuite = 'secp256k1'): Uint8Array {
  return suite === 'sm2' ? generateSm2PrivateKey() : secp.generatePrivateKey();
}

/** The key bytes (see file comment) of a 32-byte private key under `suite`. */
export function publicKeyFor(suite: SignatureSuite, privateKey: Uint8Array): Uint8Array {
  return suite === 'sm2' ? keyOfPoint('sm2', sm2PublicKeyOf(privateKey)) : secp.publicKeyOf(privateKey);
}

/** Sign with `suite`: secp256k1 RFC 6979 low-S over sha256(bytes); SM2 over SM3(Z_A || bytes). */
export function signWith(suite: SignatureSuite, message: Signable, privateKey: Uint8Array): Uint8Array {
  const bytes = signableBytes(message, suite);
  return suite === 'sm2' ? sm2Sign(bytes, privateKey) : secp.sign(bytes, privateKey);
}

/** The shape rules of the key's suite (a key of no suite: `bad_length`, nothing verifies against it). */
export function checkSignatureShapeFor(suite: SignatureSuite, signature: Uint8Array): SignatureShape {
  return suite === 'sm2' ? checkSm2SignatureShape(signature) : secp.checkSignatureShape(signature);
}

/** The shape rules of the suite `key` belongs to (a key of no suite: `bad_length`). */
export function checkSignatureShape(signature: Uint8Array, key: Uint8Array): SignatureShape {
  const suite = suiteOfKey(key);
  return suite === undefined ? 'bad_length' : checkSignatureShapeFor(suite, signature);
}

/** Verify `signature` over `message` with the suite `key` belongs to. Never throws: false on bad input. */
export function verify(signature: Uint8Array, message: Signable, key: Uint8Array): boolean {
  const suite = suiteOfKey(key);
  if (suite === 'secp256k1') return secp.verify(signature, signableBytes(message, suite), key);
  if (suite === 'sm2') return sm2Verify(signature, signableBytes(message, suite), key.subarray(2));
  return false;
}

/**
 * Same verdict as `verify`; secp256k1 on libuv's thread pool. SM2 runs in JS (no native SM2
 * signature verify in node:crypto: sm2.ts), so it resolves after a synchronous check.
 */
export function verifyAsync(signature: Uint8Array, message: Signable, key: Uint8Array): Promise<boolean> {
  const suite = suiteOfKey(key);
  if (suite === 'secp256k1') return secp.verifyAsync(signature, signableBytes(message, suite), key);
  return Promise.resolve(verify(signature, message, key));
}

/** Write a key in its own length (33 or 35 bytes, see file comment). */
export function writePublicKey(w: ByteWriter, key: Uint8Array, title = 'publicKey'): ByteWriter {
  const suite = suiteOfKey(key);
  if (suite === undefined) throw new TypeError(`${title}: expected a 33-byte secp256k1 or 35-byte SM2 key`);
  return w.fixed(key, key.length, title);
}

/** Read a key: its first byte says its suite and so its length. Shape only; callers check the point. */
export function readPublicKey(r: ByteReader, title = 'publicKey'): Uint8Array {
  const first = r.peek(title);
  const key = r.fixed(first === SM2_KEY_PREFIX[0] ? SM2_KEY_LENGTH : SECP256K1_KEY_LENGTH, title).slice();
  if (suiteOfKey(key) === undefined) throw new RangeError(`${title}: neither a secp256k1 (0x02/0x03) nor an SM2 (0x86 0x24) key`);
  return key;
}

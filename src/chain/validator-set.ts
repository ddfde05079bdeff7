/**
 * The validators of a chain at one height, with their voting power (DESIGN.md "Header proofs").
 *
 * Canonical order: ascending by the UTF-8 bytes of the DID, so one set has one encoding and one
 * hash whatever order it was given in. No duplicate DIDs, no duplicate keys, power >= 1, and the
 * total power at most `MAX_TOTAL_POWER` so `3 * signedPower` stays an exact JS integer.
 *
 * Hash bytes, fixed layout, pinned by test/vectors/header.json:
 *   u32 count, then per validator in canonical order: string did, publicKey, u64 power
 * (the key in its own length: 33 bytes secp256k1, 35 bytes SM2, src/crypto/signature-suite.ts).
 * `validatorSetHash(set, suite) = H(encodeValidatorSet(set))`, H the hash suite of the chain's
 * registry entry (SHA-256 or SM3, src/crypto/hash-suite.ts); the encoding is the same under both.
 */
import { ByteReader, ByteWriter, assertBytes, toHex, utf8 } from '../encoding/bytes.js';
import { digest, type HashSuite } from '../crypto/hash-suite.js';
import { isValidPublicKey, readPublicKey, suiteOfKey, writePublicKey, type SignatureSuite } from '../crypto/signature-suite.js';
import { VerificationError } from '../errors.js';

export interface Validator {
  did: string;
  /** The validator's key (33-byte secp256k1 or 35-byte SM2, src/crypto/signature-suite.ts). */
  publicKey: Uint8Array;
  power: number;
}

export interface ValidatorSet {
  /** Canonical order (see file comment); frozen. */
  readonly validators: readonly Readonly<Validator>[];
  readonly totalPower: number;
}

export type ValidatorSetRejection =
  | 'empty_validator_set'
  | 'too_many_validators'
  | 'invalid_validator_did'
  | 'invalid_public_key'
  | 'invalid_power'
  | 'duplicate_validator_did'
  | 'duplicate_validator_key'
  | 'total_power_overflow'
  | 'non_canonical_validator_set';

/** 2^50: leaves room for `3 * power` and `denominator * power` below 2^53. */
export const MAX_TOTAL_POWER = 2 ** 50;
/** Bounds the work one commit can cost (one signature check per validator at most). */
export const MAX_VALIDATORS = 1000;

const compareDid = (a: string, b: string): number => Buffer.compare(utf8(a), utf8(b));

const reject = (reason: ValidatorSetRejection, message: string): never => {
  throw new VerificationError(reason, message);
};

/**
 * The DID index of every set newValidatorSet built, and only those: frozen all the way down, keys
 * copied, so its index and hash hold. A set built elsewhere (even one frozen at the top, over an
 * array that can still change) is indexed and hashed anew on every call.
 */
const indexes = new WeakMap<ValidatorSet, Map<string, Readonly<Validator>>>();
/** One cache per suite: a set's SHA-256 hash never answers for its SM3 hash. */
const hashes: Record<HashSuite, WeakMap<ValidatorSet, Uint8Array>> = { sha256: new WeakMap(), sm3: new WeakMap() };

/**
 * Build a checked, canonical, frozen validator set. Throws `VerificationError` with a
 * `ValidatorSetRejection` reason naming the offending entry.
 */
export function newValidatorSet(validators: readonly Validator[]): ValidatorSet {
  if (!Array.isArray(validators) || validators.length === 0) reject('empty_validator_set', 'validators: expected at least one validator');
  if (validators.length > MAX_VALIDATORS) reject('too_many_validators', `validators: at most ${MAX_VALIDATORS}, got ${validators.length}`);
  const byDid = new Map<string, Readonly<Validator>>();
  const keys = new Set<string>();
  let total = 0;
  const copy: Readonly<Validator>[] = [];
  validators.forEach((v, i) => {
    if (typeof v.did !== 'string' || !v.did.startsWith('did:')) reject('invalid_validator_did', `validators[${i}].did: expected a DID`);
    if (!(v.publicKey instanceof Uint8Array) || !isValidPublicKey(v.publicKey)) {
      reject('invalid_public_key', `validators[${i}].publicKey: expected a valid secp256k1 (33-byte) or SM2 (35-byte) key`);
    }
    if (!Number.isSafeInteger(v.power) || v.power < 1)
      reject('invalid_power', `validators[${i}].power: expected an integer >= 1, got ${v.power}`);
    if (byDid.has(v.did)) reject('duplicate_validator_did', `validators[${i}].did: ${v.did} appears twice`);
    const k = toHex(v.publicKey);
    if (keys.has(k)) reject('duplicate_validator_key', `validators[${i}].publicKey: key of ${v.did} is already held by another validator`);
    total += v.power;
    if (total > MAX_TOTAL_POWER) reject('total_power_overflow', `validators: total power exceeds ${MAX_TOTAL_POWER}`);
    const entry = Object.freeze({ did: v.did, publicKey: v.publicKey.slice(), power: v.power });
    byDid.set(v.did, entry);
    keys.add(k);
    copy.push(entry);
  });
  copy.sort((a, b) => compareDid(a.did, b.did));
  const set: ValidatorSet = Object.freeze({ validators: Object.freeze(copy), totalPower: total });
  indexes.set(set, byDid);
  return set;
}

/**
 * The one signature suite of every key in `set`, or 'mixed'. A chain's validators sign with the
 * suite its registry entry names (chain-entry.ts `signatureSuite`), and light clients hold every
 * set to it.
 */
export function signatureSuiteOfSet(set: ValidatorSet): SignatureSuite | 'mixed' {
  const first = suiteOfKey(set.validators[0]!.publicKey)!;
  return set.validators.every((v) => suiteOfKey(v.publicKey) === first) ? first : 'mixed';
}

/** The validator with `did` in `set`, if any (O(1): the index is built once per set). */
export function validatorByDid(set: ValidatorSet, did: string): Readonly<Validator> | undefined {
  const idx = indexes.get(set);
  return idx === undefined ? set.validators.find((v) => v.did === did) : idx.get(did);
}

/** Fixed-layout encoding (file comment); also the wire and storage form. */
export function encodeValidatorSet(set: ValidatorSet): Uint8Array {
  const w = new ByteWriter().u32(set.validators.length);
  for (const v of set.validators) writePublicKey(w.string(v.did), v.publicKey, `validator ${v.did} publicKey`).u64(v.power);
  return w.finish();
}

/** Read a validator set; rejects a non-canonical order so one set has exactly one encoding. */
export function readValidatorSet(r: ByteReader): ValidatorSet {
  const n = r.u32('validatorSet.count');
  if (n > MAX_VALIDATORS) reject('too_many_validators', `validatorSet.count: at most ${MAX_VALIDATORS}, got ${n}`);
  const vs: Validator[] = [];
  for (let i = 0; i < n; i++) {
    vs.push({
      did: r.string(`validators[${i}].did`),
      publicKey: readPublicKey(r, `validators[${i}].publicKey`),
      power: r.u64n(`validators[${i}].power`),
    });
    if (i > 0 && compareDid(vs[i - 1]!.did, vs[i]!.did) >= 0) {
      reject('non_canonical_validator_set', `validators[${i}]: not in canonical (ascending DID) order`);
    }
  }
  return newValidatorSet(vs);
}

export function decodeValidatorSet(bytes: Uint8Array): ValidatorSet {
  assertBytes(bytes, undefined, 'validator set bytes');
  const r = new ByteReader(bytes);
  const set = readValidatorSet(r);
  r.end('validator set');
  return set;
}

/** `H(encodeValidatorSet(set))` under the chain's hash suite, cached per suite for the sets newValidatorSet built. */
export function validatorSetHash(set: ValidatorSet, suite: HashSuite = 'sha256'): Uint8Array {
  const cache = hashes[suite];
  if (cache === undefined) throw new TypeError(`validatorSetHash: unknown hash suite ${String(suite)}`);
  let h = cache.get(set);
  if (h === undefined) {
    h = digest(suite, encodeValidatorSet(set));
    if (indexes.has(set)) cache.set(set, h);
  }
  return h.slice();
}

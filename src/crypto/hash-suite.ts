/**
 * The hash a chain's headers, validator sets and trees use, named by its registry entry
 * (src/identity/chain-entry.ts `hashSuite`): SHA-256 (FIPS 180-4) or SM3 (GB/T 32905, GM/T 0004),
 * the hash of an alliance deployed on national cryptography. Both are 32-byte digests through
 * node:crypto's one-shot `hash` (OpenSSL), so every layout keeps its fixed32 fields.
 *
 * A verifier never picks the suite from the data it checks: it takes it from the chain's entry,
 * so a header or proof hashed with the other suite simply does not match. It is refused with the
 * reason its first wrong hash gives (`wrong_validator_set_hash`, `commit_hash_mismatch`,
 * `trace_not_anchored`, `trust_anchor_mismatch`, `wrong_leaf`, `root_mismatch`, ...): no reason of
 * its own, since to the verifier it is a block or proof of other hashes, and naming it a suite
 * mismatch would mean guessing the suite from the bytes.
 */
import { hash } from 'node:crypto';

export const HashSuites = ['sha256', 'sm3'] as const;
export type HashSuite = (typeof HashSuites)[number];

export const DIGEST_LENGTH = 32;

export function isHashSuite(v: unknown): v is HashSuite {
  return v === 'sha256' || v === 'sm3';
}

/** One-shot digest under `suite` (a fresh 32-byte array). */
export function digest(suite: HashSuite, data: Uint8Array): Uint8Array {
  const b = hash(suite, data, 'buffer');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** SM3 (GB/T 32905-2016): the published examples (`sm3("abc") = 66c7f0f4…8f4ba8e0`) are pinned in test/crypto/hash-suite.test.ts. */
export function sm3(data: Uint8Array): Uint8Array {
  return digest('sm3', data);
}

/**
 * ECDSA over secp256k1 with nonces precomputed ahead of the message (SEC 1 v2 §4.1.3, split in
 * two). The expensive half of signing, R = k·G, r = R.x mod n and k⁻¹ mod n, depends only on k,
 * so it can be done while the signer is idle (receipts/worker-signer.ts does it on a worker
 * thread); the half that needs the message is s = k⁻¹·(z + r·d) mod n, a few big-integer
 * multiplications: microseconds instead of the ~400 µs of a full signature on the answer's path.
 *
 * Safety rules this file enforces (a reused or predictable k reveals the private key):
 * - a nonce is a 64-byte slot `r || k⁻¹`; `signWithNonce` consumes it: the slot is zeroed
 *   before the signature is returned, and a zeroed (or otherwise out-of-range) slot is refused,
 *   so a slot used twice fails loudly instead of signing twice with one k;
 * - `NoncePool.take` hands a slot out once and zeroes it in the pool (it is a queue, not a
 *   cache); `NoncePool.add` zeroes what it was given after copying it in;
 * - k itself is drawn by the producer from a CSPRNG (node:crypto), uniformly in [1, n-1] by
 *   rejection sampling (FIPS 186-5 A.3.2 "rejection sampling"). These signatures are not RFC
 *   6979 deterministic; a verifier cannot tell, and no vector pins a gateway's live signature.
 * JavaScript cannot wipe big integers: transient bigints (k⁻¹, d) live until collected, as in
 * noble's own signer. Output is the compact `r || s`, low-S (BIP-62), as every signature here.
 */
import { CURVE_N } from './secp256k1.js';
import { sha256 } from './hash.js';
import { assertBytes } from '../encoding/bytes.js';

/** Bytes of one precomputed nonce: r (32, big-endian) then k⁻¹ mod n (32, big-endian). */
export const NONCE_SLOT_LENGTH = 64;

const HALF_N = CURVE_N >> 1n;

function toBig(b: Uint8Array, from: number, to: number): bigint {
  let v = 0n;
  for (let i = from; i < to; i++) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

function writeBig(out: Uint8Array, at: number, v: bigint): void {
  for (let i = at + 31; i >= at; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** The private key as a scalar in [1, n-1] (checked once, where the key enters). */
export function privateScalar(privateKey: Uint8Array): bigint {
  assertBytes(privateKey, 32, 'privateKey');
  const d = toBig(privateKey, 0, 32);
  if (d === 0n || d >= CURVE_N) throw new RangeError('privateKey: not a scalar in [1, n-1]');
  return d;
}

/**
 * Compact low-S signature over sha256(message) (ECDSA-SHA256, as `sign` in secp256k1.ts) made
 * with the precomputed `nonce` slot, which is consumed: zeroed before this returns or throws.
 * Throws on a slot whose r or k⁻¹ is not in [1, n-1] (a zeroed slot: a nonce used twice) and on
 * s = 0 (probability ~2⁻²⁵⁶; SEC 1 §4.1.3 step 6: take another nonce).
 */
export function signWithNonce(message: Uint8Array, d: bigint, nonce: Uint8Array): Uint8Array {
  assertBytes(nonce, NONCE_SLOT_LENGTH, 'nonce');
  const r = toBig(nonce, 0, 32);
  const kInv = toBig(nonce, 32, 64);
  nonce.fill(0);
  if (r === 0n || r >= CURVE_N) throw new RangeError('nonce: r not in [1, n-1] (a consumed slot?)');
  if (kInv === 0n || kInv >= CURVE_N) throw new RangeError('nonce: k⁻¹ not in [1, n-1] (a consumed slot?)');
  // SEC 1 §4.1.3 step 5: z = the leftmost 256 bits of the hash, here all of them, reduced mod n.
  let z = toBig(sha256(message), 0, 32);
  if (z >= CURVE_N) z -= CURVE_N;
  let s = (kInv * ((z + r * d) % CURVE_N)) % CURVE_N;
  if (s === 0n) throw new RangeError('nonce: s = 0, take another nonce');
  if (s > HALF_N) s = CURVE_N - s; // low-S (BIP-62): the project rejects the high-S twin
  const out = new Uint8Array(64);
  writeBig(out, 0, r);
  writeBig(out, 32, s);
  return out;
}

/**
 * A bounded queue of precomputed nonce slots kept in one buffer. Each slot leaves exactly once:
 * `take` copies it out and zeroes it in the pool.
 */
export class NoncePool {
  private readonly slab: Uint8Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new TypeError('capacity: expected an integer >= 0');
    this.slab = new Uint8Array(capacity * NONCE_SLOT_LENGTH);
  }

  /** Slots ready to use. */
  get size(): number {
    return this.count;
  }

  /**
   * Append the slots in `slots` (a multiple of 64 bytes); returns how many were taken (no more
   * than the free room). `slots` is zeroed in every case: a slot is never kept in two places.
   */
  add(slots: Uint8Array): number {
    if (!(slots instanceof Uint8Array) || slots.length % NONCE_SLOT_LENGTH !== 0) throw new TypeError('slots: expected a multiple of 64 bytes');
    const n = Math.min(slots.length / NONCE_SLOT_LENGTH, this.capacity - this.count);
    for (let i = 0; i < n; i++) {
      const at = ((this.head + this.count) % this.capacity) * NONCE_SLOT_LENGTH;
      this.slab.set(slots.subarray(i * NONCE_SLOT_LENGTH, (i + 1) * NONCE_SLOT_LENGTH), at);
      this.count++;
    }
    slots.fill(0);
    return n;
  }

  /** The oldest slot (a fresh copy the caller consumes), zeroed here; undefined when empty. */
  take(): Uint8Array | undefined {
    if (this.count === 0) return undefined;
    const at = this.head * NONCE_SLOT_LENGTH;
    const slot = this.slab.slice(at, at + NONCE_SLOT_LENGTH);
    this.slab.fill(0, at, at + NONCE_SLOT_LENGTH);
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return slot;
  }

  /** Zero every slot (on close). */
  clear(): void {
    this.slab.fill(0);
    this.head = 0;
    this.count = 0;
  }
}

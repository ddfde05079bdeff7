/**
 * Precomputed-nonce ECDSA: signatures made with a precomputed (r, k⁻¹) verify with the native
 * and the reference verifier, are low-S, and a nonce slot is consumed exactly once (a consumed
 * slot is refused; the pool hands each slot out once and zeroes it).
 */
import * as secp from '@noble/secp256k1';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NONCE_SLOT_LENGTH, NoncePool, privateScalar, signWithNonce } from './ecdsa-precomputed.js';
import { sha256 } from './hash.js';
import { CURVE_N, checkSignatureShape, publicKeyOf, verify, verifyReference } from './secp256k1.js';
import { toHex, utf8 } from '../encoding/bytes.js';

const SK = sha256(utf8('courtbridge vector key 911'));
const OTHER = sha256(utf8('courtbridge vector key 912'));

const big32 = (v: bigint): Uint8Array => Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'));

/** Test-side precomputation (the worker's, written independently): slot r || k⁻¹ for k. */
function slotOf(k: bigint): Uint8Array {
  const r = secp.etc.mod(secp.Point.BASE.multiply(k).toAffine().x, CURVE_N);
  const slot = new Uint8Array(NONCE_SLOT_LENGTH);
  slot.set(big32(r), 0);
  slot.set(big32(secp.etc.invert(k, CURVE_N)), 32);
  return slot;
}
const randomK = (): bigint => secp.etc.mod(BigInt(`0x${randomBytes(40).toString('hex')}`), CURVE_N - 1n) + 1n;

describe('signWithNonce', () => {
  it('signs: 300 random messages verify natively and with the reference; low-S (checkSignatureShape); r is the nonce r', () => {
    const d = privateScalar(SK);
    const pk = publicKeyOf(SK);
    for (let i = 0; i < 300; i++) {
      const msg = randomBytes(1 + (i % 97));
      const slot = slotOf(randomK());
      const r = toHex(slot.subarray(0, 32));
      const sig = signWithNonce(msg, d, slot);
      expect(checkSignatureShape(sig)).toBe('ok');
      expect(toHex(sig.subarray(0, 32))).toBe(r);
      expect(verify(sig, msg, pk)).toBe(true);
      if (i < 60) expect(verifyReference(sig, msg, pk)).toBe(true);
    }
  });

  it('consumes its nonce: the slot is zeroed and refused a second time', () => {
    const d = privateScalar(SK);
    const slot = slotOf(randomK());
    signWithNonce(utf8('first'), d, slot);
    expect(slot.every((b) => b === 0)).toBe(true);
    expect(() => signWithNonce(utf8('second'), d, slot)).toThrow(/consumed slot/);
  });

  it('rejects malleated nonces, messages and keys', () => {
    const d = privateScalar(SK);
    const pk = publicKeyOf(SK);
    const msg = utf8('courtbridge/v1/receipt-batch root');
    const cases: { name: string; malleate: (slot: Uint8Array) => () => unknown; expected: RegExp | false }[] = [
      { name: 'r flipped (not the r of k)', malleate: (s) => () => verify(signWithNonce(msg, d, ((s[31]! ^= 1), s)), msg, pk), expected: false },
      { name: 'k⁻¹ flipped (not the inverse of k)', malleate: (s) => () => verify(signWithNonce(msg, d, ((s[63]! ^= 1), s)), msg, pk), expected: false },
      { name: 'tampered message', malleate: (s) => () => verify(signWithNonce(msg, d, s), utf8('courtbridge/v1/receipt-batch rooT'), pk), expected: false },
      { name: 'another key', malleate: (s) => () => verify(signWithNonce(msg, d, s), msg, publicKeyOf(OTHER)), expected: false },
      { name: 'r = n', malleate: (s) => () => signWithNonce(msg, d, (s.set(big32(CURVE_N), 0), s)), expected: /r not in/ },
      { name: 'k⁻¹ = 0', malleate: (s) => () => signWithNonce(msg, d, (s.fill(0, 32), s)), expected: /k⁻¹ not in/ },
      { name: 'short slot', malleate: (s) => () => signWithNonce(msg, d, s.subarray(0, 63)), expected: /nonce/ },
    ];
    for (const c of cases) {
      const run = c.malleate(slotOf(randomK()));
      if (c.expected === false) expect(run(), c.name).toBe(false);
      else expect(run, c.name).toThrow(c.expected);
    }
  });

  it('checks the private key where it enters', () => {
    expect(() => privateScalar(new Uint8Array(31))).toThrow(/privateKey/);
    expect(() => privateScalar(new Uint8Array(32))).toThrow(/privateKey/);
    expect(() => privateScalar(big32(CURVE_N))).toThrow(/privateKey/);
  });
});

describe('NoncePool', () => {
  const slots = (n: number, first: number): Uint8Array => {
    const out = new Uint8Array(n * NONCE_SLOT_LENGTH);
    for (let i = 0; i < n; i++) out.fill(first + i, i * NONCE_SLOT_LENGTH, (i + 1) * NONCE_SLOT_LENGTH);
    return out;
  };

  it('is a bounded FIFO whose slots leave once, zeroed behind them', () => {
    const pool = new NoncePool(4);
    const given = slots(3, 1);
    expect(pool.add(given)).toBe(3);
    expect(given.every((b) => b === 0)).toBe(true); // not kept in two places
    expect(pool.add(slots(3, 10))).toBe(1); // bounded: only the free room is taken
    expect(pool.size).toBe(4);
    const out = [pool.take(), pool.take()];
    expect(out.map((s) => s![0])).toEqual([1, 2]);
    expect(pool.size).toBe(2);
    expect(pool.add(slots(2, 20))).toBe(2); // wraps around the ring
    expect([pool.take(), pool.take(), pool.take(), pool.take()].map((s) => s![0])).toEqual([3, 10, 20, 21]);
    expect(pool.take()).toBeUndefined();
    // Every byte of the ring is zero once empty: nothing taken lingers.
    expect((pool as unknown as { slab: Uint8Array }).slab.every((b) => b === 0)).toBe(true);
  });

  it('clears, refuses bad input, and capacity 0 holds nothing', () => {
    const pool = new NoncePool(2);
    pool.add(slots(2, 5));
    pool.clear();
    expect(pool.size).toBe(0);
    expect(pool.take()).toBeUndefined();
    expect(() => pool.add(new Uint8Array(65))).toThrow(/slots/);
    expect(() => new NoncePool(-1)).toThrow(/capacity/);
    const none = new NoncePool(0);
    const given = slots(1, 9);
    expect(none.add(given)).toBe(0);
    expect(given.every((b) => b === 0)).toBe(true);
    expect(none.take()).toBeUndefined();
  });
});

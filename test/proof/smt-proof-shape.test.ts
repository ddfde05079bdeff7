/**
 * The stateless shape check of an SMT proof: a proof that is not an object (a function carrying
 * proof fields included), a leaf that is not an object and a leaf hash of the wrong length are
 * refused as malformed_proof, the message naming the field under the caller's title.
 */
import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.js';
import { checkProofShape } from '../../src/proof/smt-proof.js';

const h32 = new Uint8Array(32);

function refusal(proof: unknown): VerificationError {
  try {
    checkProofShape(proof, 'state');
  } catch (e) {
    if (e instanceof VerificationError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('checkProofShape: the proof itself', () => {
  it('refuses a value that is not an object, even a function that carries the fields of a proof', () => {
    const fn = Object.assign(() => undefined, { kind: 'absent', siblings: [] });
    for (const proof of [fn, 'absent', 7, null]) {
      const e = refusal(proof);
      expect(e.reason).toBe('malformed_proof');
      expect(e.message).toBe('smt proof: state: not an object');
    }
  });
});

describe('checkProofShape: the title', () => {
  it("names the fields under 'proof' when the caller gives no title", () => {
    expect(() => checkProofShape({ kind: 'maybe', siblings: [] })).toThrow("smt proof: proof.kind: expected 'member' or 'absent'");
  });
});

describe('checkProofShape: the leaf', () => {
  it('accepts a leaf of two 32-byte hashes', () => {
    expect(() => checkProofShape({ kind: 'absent', siblings: [], leaf: { keyHash: h32, valueHash: h32 } })).not.toThrow();
  });

  it('refuses a leaf that is not an object, naming it', () => {
    for (const leaf of [null, 7, 'leaf']) {
      const e = refusal({ kind: 'absent', siblings: [], leaf });
      expect(e.reason).toBe('malformed_proof');
      expect(e.message).toBe('smt proof: state.leaf: not an object');
    }
  });

  it('refuses a leaf hash that is not 32 bytes, naming which', () => {
    const key = refusal({ kind: 'member', siblings: [], leaf: { keyHash: new Uint8Array(31), valueHash: h32 } });
    expect(key.reason).toBe('malformed_proof');
    expect(key.message).toBe('smt proof: state.leaf.keyHash: expected 32 bytes');
    for (const valueHash of [new Uint8Array(31), new Uint8Array(33), undefined, Array.from(h32)]) {
      const value = refusal({ kind: 'member', siblings: [], leaf: { keyHash: h32, valueHash } });
      expect(value.reason).toBe('malformed_proof');
      expect(value.message).toBe('smt proof: state.leaf.valueHash: expected 32 bytes');
    }
  });
});

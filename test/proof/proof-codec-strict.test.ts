/**
 * The proof codec's strict decoding (docs/smt.md §2.1), field by field: each refusal carries its
 * reason and names the field or count in its message, a proof at the exact depth bound decodes, a
 * decoded proof owns its bytes (it neither aliases the input nor the shared empty hash), and the
 * encoder packs empty siblings into the bitmap and writes the others out.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../src/encoding/bytes.js';
import { VerificationError } from '../../src/errors.js';
import { emptyHashOf } from '../../src/proof/node-hash.js';
import { decodeProof, encodeProof } from '../../src/proof/proof-codec.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';

const bytes = (...parts: (number[] | Uint8Array)[]) => concatBytes(...parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p))));
const hashOf = (b: number) => new Uint8Array(32).fill(b);
const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function refusal(f: () => unknown): VerificationError {
  try {
    f();
  } catch (e) {
    if (e instanceof VerificationError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('decodeProof refusals', () => {
  it('refuses input that is not a Uint8Array, saying so', () => {
    const e = refusal(() => decodeProof([2, 0, 0, 0, 0, 0] as unknown as Uint8Array));
    expect(e.reason).toBe('malformed_proof');
    expect(e.message).toBe('smt proof: bytes: expected Uint8Array');
  });

  it('names the field the bytes end inside, with the reader error as its cause', () => {
    const cases: [Uint8Array, string][] = [
      [bytes([]), 'kind'],
      [bytes([1]), 'hasLeaf'],
      [bytes([2, 0, 0, 0]), 'depth'],
      [bytes([1, 1], u32(0), hashOf(1).subarray(0, 10)), 'leafKeyHash'],
      [bytes([1, 1], u32(0), hashOf(1), hashOf(2).subarray(0, 10)), 'leafValueHash'],
      [bytes([2, 0], u32(8)), 'bitmap'],
    ];
    for (const [b, field] of cases) {
      const e = refusal(() => decodeProof(b));
      expect(e.reason).toBe('malformed_proof');
      expect(e.message).toMatch(new RegExp(`^smt proof: ${field}: truncated`));
      expect(e.cause).toBeInstanceOf(RangeError);
    }
  });

  it('a refusal of its own has no cause', () => {
    expect(
      Object.hasOwn(
        refusal(() => decodeProof(bytes([9, 0], u32(0)))),
        'cause',
      ),
    ).toBe(false);
  });

  it('refuses an unknown kind byte (0x00, 0x03) that is otherwise a well-formed empty proof', () => {
    expect(decodeProof(bytes([2, 0], u32(0)))).toEqual({ kind: 'absent', siblings: [] });
    for (const k of [0, 3]) {
      const e = refusal(() => decodeProof(bytes([k, 0], u32(0))));
      expect(e.reason).toBe('malformed_proof');
      expect(e.message).toMatch(/kind byte/);
    }
  });

  it('refuses a membership proof without its leaf', () => {
    const e = refusal(() => decodeProof(bytes([1, 0], u32(0))));
    expect(e.reason).toBe('malformed_proof');
    expect(e.message).toMatch(/must carry its leaf/);
  });

  it('decodes a proof of depth exactly 256 and refuses 257', () => {
    const proof: SmtProof = {
      kind: 'absent',
      siblings: Array.from({ length: 256 }, (_, i) => hashOf(i)),
      leaf: { keyHash: hashOf(0xaa), valueHash: hashOf(0xbb) },
    };
    expect(decodeProof(encodeProof(proof))).toEqual(proof);
    expect(refusal(() => decodeProof(bytes([2, 0], u32(257)))).reason).toBe('too_many_siblings');
  });

  it('counts the siblings or bytes beyond those the bitmap announces', () => {
    // One sibling announced (bitmap 0x80 at depth 1), then two more, or five stray bytes.
    const base = bytes([2, 0], u32(1), [0x80], hashOf(1));
    const extra = refusal(() => decodeProof(bytes(base, hashOf(2), hashOf(3))));
    expect(extra.reason).toBe('extra_sibling');
    expect(extra.message).toBe('smt proof: 2 siblings beyond those the bitmap announces');
    const trailing = refusal(() => decodeProof(bytes(base, [1, 2, 3, 4, 5])));
    expect(trailing.reason).toBe('malformed_proof');
    expect(trailing.message).toBe('smt proof: 5 trailing bytes');
  });

  it('a non-Error thrown while reading is still malformed_proof, with the thrown value as its cause', () => {
    const b = bytes([2, 0], u32(0));
    Object.defineProperty(b, 'length', {
      get() {
        throw 'unreadable';
      },
    });
    const e = refusal(() => decodeProof(b));
    expect(e.reason).toBe('malformed_proof');
    expect(e.message).toBe('smt proof: undecodable');
    expect(e.cause).toBe('unreadable');
  });
});

describe('a decoded proof owns its bytes', () => {
  it('overwriting the input after decoding leaves the leaf and the siblings unchanged', () => {
    const input = bytes([1, 1], u32(2), hashOf(0xaa), hashOf(0xbb), [0x80], hashOf(0x11));
    const proof = decodeProof(input);
    const before = structuredClone(proof);
    input.fill(0xff);
    expect(proof).toEqual(before);
    expect(toHex(proof.leaf!.keyHash)).toBe('aa'.repeat(32));
    expect(toHex(proof.leaf!.valueHash)).toBe('bb'.repeat(32));
    expect(toHex(proof.siblings[0]!)).toBe('11'.repeat(32));
  });

  it("writing into a decoded empty sibling leaves the suite's empty hash unchanged", () => {
    const proof = decodeProof(bytes([2, 0], u32(2), [0x80], hashOf(0x11)));
    const empty = emptyHashOf();
    const want = toHex(empty);
    const saved = empty.slice();
    try {
      const sibling = proof.siblings[1]!;
      sibling[0] = sibling[0]! ^ 0xff;
      expect(toHex(emptyHashOf())).toBe(want);
    } finally {
      empty.set(saved);
    }
  });
});

describe('encodeProof', () => {
  it('writes a non-empty sibling out and sets its bit; an empty one is a 0 bit only', () => {
    const empty = emptyHashOf();
    const proof: SmtProof = { kind: 'absent', siblings: [hashOf(0x11), empty, hashOf(0x22)] };
    const encoded = encodeProof(proof);
    expect(toHex(encoded)).toBe(`0200${'00000003'}a0${'11'.repeat(32)}${'22'.repeat(32)}`);
    expect(decodeProof(encoded)).toEqual(proof);
  });

  it('encodes a deep proof of empty siblings only, whose bitmap outweighs the header', () => {
    const proof: SmtProof = { kind: 'absent', siblings: Array.from({ length: 64 }, () => emptyHashOf()) };
    const encoded = encodeProof(proof);
    expect(encoded).toEqual(fromHex(`0200${'00000040'}${'00'.repeat(8)}`));
    expect(decodeProof(encoded)).toEqual(proof);
  });
});

/**
 * Property-based tests (fast-check) over random trees and batches, compared with the naive
 * reference in reference-smt.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { VerificationError } from '../../src/errors.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { decodeProof, encodeProof } from '../../src/proof/proof-codec.js';
import { keyHashOf } from '../../src/proof/node-hash.js';
import { verifyMembership, verifyNonMembership, verifyProof } from '../../src/proof/verify.js';
import { referenceRoot } from './reference-smt.js';

/** Keys from a small space, so batches overwrite and delete present keys often. */
const keyArb = fc.integer({ min: 0, max: 60 }).map((i) => utf8(`k${i}`));
const valueArb = fc.uint8Array({ minLength: 0, maxLength: 24 });
const entryArb = fc.record({ key: keyArb, value: valueArb });
const entriesArb = fc.array(entryArb, { maxLength: 50 });
const changeArb = fc.record({ key: keyArb, value: fc.option(valueArb, { nil: null, freq: 3 }) });
const batchesArb = fc.array(fc.array(changeArb, { minLength: 0, maxLength: 20 }), { maxLength: 6 });
const absentKeyArb = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => {
  const k = new Uint8Array(b.length + 1);
  k[0] = 0xff; // never a "k<i>" key
  k.set(b, 1);
  return k;
});

/** Final key -> value map of a list of changes (last wins, null deletes). */
function finalSet(
  changes: ReadonlyArray<{ key: Uint8Array; value: Uint8Array | null }>,
): Map<string, { key: Uint8Array; value: Uint8Array }> {
  const m = new Map<string, { key: Uint8Array; value: Uint8Array }>();
  for (const c of changes) {
    if (c.value === null) m.delete(toHex(c.key));
    else m.set(toHex(c.key), { key: c.key, value: c.value });
  }
  return m;
}

function rejects(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (e) {
    if (e instanceof VerificationError) return true;
    throw e;
  }
}

function flip(b: Uint8Array, bit: number): Uint8Array {
  const out = b.slice();
  out[(bit >> 3) % out.length]! ^= 0x80 >> (bit & 7);
  return out;
}

describe('smt properties', () => {
  it('fromEntries matches the reference root; every member and absent proof verifies and round-trips', () => {
    fc.assert(
      fc.property(entriesArb, fc.array(absentKeyArb, { maxLength: 5 }), (entries, absent) => {
        const tree = SparseMerkleTree.fromEntries(entries);
        const root = tree.root();
        expect(toHex(root)).toBe(toHex(referenceRoot(entries)));
        for (const { key, value } of finalSet(entries).values()) {
          const proof = decodeProof(encodeProof(tree.prove(key)));
          expect(verifyMembership(root, key, value, proof).kind).toBe('member');
          expect(tree.get(key)).toEqual(value);
        }
        for (const key of absent) {
          const proof = decodeProof(encodeProof(tree.prove(key)));
          expect(verifyNonMembership(root, key, proof).kind).toBe('absent');
          expect(tree.get(key)).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('update batches (with deletes) give the root of fromEntries on the final set', () => {
    fc.assert(
      fc.property(entriesArb, batchesArb, (initial, batches) => {
        const tree = SparseMerkleTree.fromEntries(initial);
        for (const b of batches) expect(toHex(tree.update(b))).toBe(toHex(tree.root()));
        const final = [...finalSet([...initial, ...batches.flat()]).values()];
        expect(toHex(tree.root())).toBe(toHex(SparseMerkleTree.fromEntries(final).root()));
        expect(toHex(tree.root())).toBe(toHex(referenceRoot(final)));
        expect(tree.size).toBe(final.length);
        // entries() yields the final set, in ascending keyHash order.
        const listed = [...tree.entries()];
        expect(listed.map((e) => toHex(e.key)).sort()).toEqual(final.map((e) => toHex(e.key)).sort());
        const hashes = listed.map((e) => toHex(keyHashOf(e.key)));
        expect(hashes).toEqual([...hashes].sort());
        for (const e of listed) expect(toHex(e.value)).toBe(toHex(final.find((f) => toHex(f.key) === toHex(e.key))!.value));
        // Deleted keys are proven absent.
        for (const c of batches.flat()) {
          if (!final.some((f) => toHex(f.key) === toHex(c.key))) verifyNonMembership(tree.root(), c.key, tree.prove(c.key));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('insertion order does not change the root', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(entryArb, { selector: (e) => toHex(e.key), maxLength: 40 })
          .chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }))),
        ([entries, shuffled]) => {
          const oneByOne = new SparseMerkleTree();
          for (const e of shuffled) oneByOne.update([e]);
          expect(toHex(oneByOne.root())).toBe(toHex(SparseMerkleTree.fromEntries(entries).root()));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('flipping any bit of the proof, root, value or key makes a membership proof fail', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (entries, pick, bit) => {
        const tree = SparseMerkleTree.fromEntries(entries);
        const root = tree.root();
        const records = [...finalSet(entries).values()];
        const { key, value } = records[pick % records.length]!;
        const bytes = encodeProof(tree.prove(key));
        expect(rejects(() => verifyProof(root, key, value, decodeProof(flip(bytes, bit % (bytes.length * 8)))))).toBe(true);
        expect(rejects(() => verifyProof(flip(root, bit % 256), key, value, decodeProof(bytes)))).toBe(true);
        if (value.length > 0)
          expect(rejects(() => verifyProof(root, key, flip(value, bit % (value.length * 8)), decodeProof(bytes)))).toBe(true);
        expect(rejects(() => verifyProof(root, flip(key, bit % (key.length * 8)), value, decodeProof(bytes)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('flipping any bit of a non-membership proof or of the root makes it fail', () => {
    // Not the key: another key may be absent with the very same proof (in an empty tree every
    // key is), so only the proof and the root are flipped here.
    fc.assert(
      fc.property(entriesArb, absentKeyArb, fc.nat(), (entries, key, bit) => {
        const tree = SparseMerkleTree.fromEntries(entries);
        const root = tree.root();
        const bytes = encodeProof(tree.prove(key));
        expect(rejects(() => verifyProof(root, key, null, decodeProof(flip(bytes, bit % (bytes.length * 8)))))).toBe(true);
        expect(rejects(() => verifyProof(flip(root, bit % 256), key, null, decodeProof(bytes)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

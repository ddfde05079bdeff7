/**
 * Loops over test/vectors/smt.json (written by test/vectors/generate-smt.ts) and recomputes
 * everything: node hashes, roots (with the tree and with the naive reference), the exact proof
 * bytes, and their verification.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, toHex } from '../../src/encoding/bytes.js';
import { EMPTY_HASH, hashInner, hashLeaf } from '../../src/proof/node-hash.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { decodeProof, encodeProof } from '../../src/proof/proof-codec.js';
import { verifyProof } from '../../src/proof/verify.js';
import { referenceRoot } from './reference-smt.js';

interface Vectors {
  emptyHash: string;
  nodeHashes: {
    leaf: { keyHash: string; valueHash: string; hash: string };
    inner: { left: string; right: string; hash: string };
  };
  trees: {
    name: string;
    entries: { key: string; value: string }[];
    root: string;
    proofs: { key: string; value: string | null; kind: 'member' | 'absent'; via: 'leaf' | 'empty_slot'; depth: number; proof: string }[];
  }[];
}

const vectors = JSON.parse(readFileSync(new URL('../vectors/smt.json', import.meta.url), 'utf8')) as Vectors;

describe('smt vectors', () => {
  it('pins the empty hash as sha256(0x02)', () => {
    expect(vectors.emptyHash).toBe(toHex(sha256(Uint8Array.of(0x02))));
    expect(toHex(EMPTY_HASH)).toBe(vectors.emptyHash);
  });

  it('pins leaf and inner node hashes', () => {
    const { leaf, inner } = vectors.nodeHashes;
    expect(toHex(hashLeaf(fromHex(leaf.keyHash), fromHex(leaf.valueHash)))).toBe(leaf.hash);
    expect(toHex(hashInner(fromHex(inner.left), fromHex(inner.right)))).toBe(inner.hash);
  });

  it('covers every way a proof can end', () => {
    const all = vectors.trees.flatMap((t) => t.proofs);
    expect(all.some((p) => p.kind === 'member')).toBe(true);
    expect(all.some((p) => p.kind === 'absent' && p.via === 'leaf')).toBe(true);
    expect(all.some((p) => p.kind === 'absent' && p.via === 'empty_slot' && p.depth > 0)).toBe(true);
  });

  for (const t of vectors.trees) {
    describe(`tree ${t.name} (${t.entries.length} records)`, () => {
      const entries = t.entries.map((e) => ({ key: fromHex(e.key), value: fromHex(e.value) }));
      const tree = SparseMerkleTree.fromEntries(entries);

      it('recomputes the root with the tree and with the reference', () => {
        expect(toHex(tree.root())).toBe(t.root);
        expect(toHex(referenceRoot(entries))).toBe(t.root);
        expect(tree.size).toBe(entries.length);
      });

      for (const v of t.proofs) {
        it(`${v.kind} proof for ${v.key.slice(0, 16)}… (${v.via}, depth ${v.depth})`, () => {
          const key = fromHex(v.key);
          const proof = tree.prove(key);
          expect(toHex(encodeProof(proof))).toBe(v.proof);
          const decoded = decodeProof(fromHex(v.proof));
          expect(toHex(encodeProof(decoded))).toBe(v.proof);
          expect(decoded.leaf === undefined).toBe(v.via === 'empty_slot');
          const ev = verifyProof(fromHex(t.root), key, v.value === null ? null : fromHex(v.value), decoded);
          expect(ev).toMatchObject({ kind: v.kind, depth: v.depth });
          expect(toHex(ev.keyHash)).toBe(toHex(sha256(key)));
        });
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { EMPTY_HASH, hashInner, hashLeaf, keyHashOf, valueHashOf } from '../../src/proof/node-hash.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { encodeProof } from '../../src/proof/proof-codec.js';
import { pathBit } from '../../src/proof/path.js';
import { verifyMembership, verifyNonMembership } from '../../src/proof/verify.js';

const rec = (i: number) => ({ key: utf8(`property/title/${i}`), value: utf8(`owner ${i}`) });

describe('SparseMerkleTree', () => {
  it('the empty tree has the empty hash as root and proves every key absent at depth 0', () => {
    const tree = new SparseMerkleTree();
    expect(tree.root()).toEqual(EMPTY_HASH);
    expect(tree.size).toBe(0);
    const p = tree.prove(utf8('x'));
    expect(p).toEqual({ kind: 'absent', siblings: [] });
    expect(verifyNonMembership(tree.root(), utf8('x'), p).depth).toBe(0);
    expect([...tree.entries()]).toEqual([]);
  });

  it('one record: the root is its leaf hash (at depth 0)', () => {
    const r = rec(1);
    const tree = SparseMerkleTree.fromEntries([r]);
    expect(tree.root()).toEqual(hashLeaf(keyHashOf(r.key), valueHashOf(r.value)));
    expect(tree.prove(r.key).siblings).toHaveLength(0);
  });

  it('two records: inner(left, right) by the first differing path bit, both leaves lifted there', () => {
    const [a, b] = [rec(1), rec(2)];
    const ka = keyHashOf(a.key);
    const kb = keyHashOf(b.key);
    let d = 0;
    while (pathBit(ka, d) === pathBit(kb, d)) d++;
    let h =
      pathBit(ka, d) === 0
        ? hashInner(hashLeaf(ka, valueHashOf(a.value)), hashLeaf(kb, valueHashOf(b.value)))
        : hashInner(hashLeaf(kb, valueHashOf(b.value)), hashLeaf(ka, valueHashOf(a.value)));
    for (let i = d - 1; i >= 0; i--) h = pathBit(ka, i) === 0 ? hashInner(h, EMPTY_HASH) : hashInner(EMPTY_HASH, h);
    expect(SparseMerkleTree.fromEntries([a, b]).root()).toEqual(h);
    expect(SparseMerkleTree.fromEntries([a, b]).prove(a.key).siblings).toHaveLength(d + 1);
  });

  it('deleting down to one record lifts its leaf back to the root; deleting all gives the empty root', () => {
    const [a, b, c] = [rec(1), rec(2), rec(3)];
    const tree = SparseMerkleTree.fromEntries([a, b, c]);
    tree.update([
      { key: b.key, value: null },
      { key: c.key, value: null },
    ]);
    expect(tree.root()).toEqual(SparseMerkleTree.fromEntries([a]).root());
    expect(tree.size).toBe(1);
    expect(tree.update([{ key: a.key, value: null }])).toEqual(EMPTY_HASH);
    expect(tree.size).toBe(0);
  });

  it('get, overwrite, delete of an absent key (a no-op), last change in a batch wins', () => {
    const tree = SparseMerkleTree.fromEntries([rec(1), rec(2)]);
    expect(tree.get(rec(1).key)).toEqual(rec(1).value);
    const before = tree.root();
    expect(tree.update([{ key: utf8('nobody'), value: null }])).toEqual(before);
    tree.update([
      { key: rec(1).key, value: utf8('a') },
      { key: rec(1).key, value: null },
      { key: rec(1).key, value: utf8('b') },
    ]);
    expect(tree.get(rec(1).key)).toEqual(utf8('b'));
    expect(tree.size).toBe(2);
    expect(SparseMerkleTree.fromEntries([rec(1), rec(1), { key: rec(1).key, value: utf8('last') }]).get(rec(1).key)).toEqual(utf8('last'));
  });

  it('copies records in and out (the caller cannot corrupt the tree)', () => {
    const r = { key: utf8('k'), value: utf8('v') };
    const tree = SparseMerkleTree.fromEntries([r]);
    const root = tree.root();
    r.key[0] = 0;
    r.value[0] = 0;
    tree.get(utf8('k'))![0] = 0;
    tree.root()[0]! ^= 1;
    expect(tree.root()).toEqual(root);
    expect(tree.get(utf8('k'))).toEqual(utf8('v'));
  });

  it('survives many overwrites (record heap compaction) and keeps every value', () => {
    const tree = new SparseMerkleTree();
    for (let round = 0; round < 30; round++) {
      tree.update(Array.from({ length: 50 }, (_, i) => ({ key: utf8(`k${i}`), value: new Uint8Array(200).fill(round) })));
    }
    for (let i = 0; i < 50; i++) expect(tree.get(utf8(`k${i}`))).toEqual(new Uint8Array(200).fill(29));
    expect(tree.root()).toEqual(
      SparseMerkleTree.fromEntries(
        Array.from({ length: 50 }, (_, i) => ({ key: utf8(`k${i}`), value: new Uint8Array(200).fill(29) })),
      ).root(),
    );
  });

  it('proofs are about log2(n) siblings deep', () => {
    const n = 4096;
    const entries = Array.from({ length: n }, (_, i) => rec(i));
    const tree = SparseMerkleTree.fromEntries(entries);
    let total = 0;
    for (const e of entries.slice(0, 500)) {
      const p = tree.prove(e.key);
      verifyMembership(tree.root(), e.key, e.value, p);
      total += p.siblings.length;
    }
    const mean = total / 500;
    expect(mean).toBeGreaterThan(Math.log2(n) - 1);
    expect(mean).toBeLessThan(Math.log2(n) + 3);
  });

  it('encoded proofs spend one bit on an empty sibling', () => {
    const entries = Array.from({ length: 64 }, (_, i) => rec(i));
    const tree = SparseMerkleTree.fromEntries(entries);
    for (const e of entries) {
      const p = tree.prove(e.key);
      const present = p.siblings.filter((s) => toHex(s) !== toHex(EMPTY_HASH)).length;
      expect(encodeProof(p).length).toBe(6 + 64 + Math.ceil(p.siblings.length / 8) + 32 * present);
    }
  });

  it('checks its arguments where they enter, naming them', () => {
    const tree = new SparseMerkleTree();
    expect(() => tree.update([{ key: 'k' as unknown as Uint8Array, value: null }])).toThrow(/entries\[0\]\.key/);
    expect(() => tree.update([{ key: utf8('k'), value: 5 as unknown as Uint8Array }])).toThrow(/entries\[0\]\.value/);
    expect(() => tree.update(null as unknown as [])).toThrow(/entries/);
    expect(() => tree.prove('k' as unknown as Uint8Array)).toThrow(/key/);
    expect(() => verifyMembership(new Uint8Array(31), utf8('k'), utf8('v'), tree.prove(utf8('k')))).toThrow(/root/);
  });
});

describe('SparseMerkleTree without records (hashes only)', () => {
  it('gives the same roots and proofs as a tree keeping records, through inserts, overwrites and deletes; refuses get and entries', () => {
    const full = new SparseMerkleTree();
    const lean = new SparseMerkleTree(16, 'sha256', { records: false });
    for (let round = 0; round < 5; round++) {
      const changes = Array.from({ length: 200 }, (_, i) => ({
        key: utf8(`k/${(i * 7 + round * 31) % 300}`),
        value: (i + round) % 9 === 0 ? null : utf8(`v ${round} ${i}`),
      }));
      expect(toHex(lean.update(changes))).toBe(toHex(full.update(changes)));
      expect(lean.size).toBe(full.size);
      for (const k of ['k/0', 'k/5', 'k/299', 'absent'])
        expect(toHex(encodeProof(lean.prove(utf8(k))))).toBe(toHex(encodeProof(full.prove(utf8(k)))));
    }
    expect(() => lean.get(utf8('k/0'))).toThrow(/hashes only/);
    expect(() => [...lean.entries()]).toThrow(/hashes only/);
  });
});

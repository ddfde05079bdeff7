/**
 * The sparse Merkle tree, its proofs and the binary Merkle tree under SM3 (docs/smt.md §6): same
 * layout, H = SM3. Roots are checked against a naive reference written from the spec over an
 * independent SM3 (sm-crypto-v2); every proof kind verifies under SM3 and is refused under
 * SHA-256 (and a SHA-256 proof refused for an SM3 root), each with the reason its first wrong
 * hash gives.
 */
import { sm3 as sm3Js } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import {
  allAuditPaths,
  auditPath,
  leafHash,
  leafHashIn,
  merkleRoot,
  merkleRootOfLeafHashes,
  verifyAuditPath,
} from '../../src/proof/binary-merkle.js';
import { EMPTY_HASH, emptyHashOf, hashInner, hashLeaf, keyHashOf, valueHashOf } from '../../src/proof/node-hash.js';
import { decodeProof, encodeProof } from '../../src/proof/proof-codec.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';
import { verifyMembership, verifyNonMembership, verifyProof } from '../../src/proof/verify.js';
import { reasonOf } from '../helpers/reason-of.js';

/** SM3 by the independent implementation, as bytes. */
const H = (...parts: Uint8Array[]): Uint8Array => fromHex(sm3Js(concatBytes(...parts)));

/** docs/smt.md §1 root(S, d), written naively over the independent SM3. */
function referenceSm3Root(entries: { key: Uint8Array; value: Uint8Array }[]): Uint8Array {
  const bit = (p: Uint8Array, d: number): number => (p[d >> 3]! >> (7 - (d & 7))) & 1;
  const leaves = entries.map((e) => ({ kh: H(e.key), vh: H(e.value) }));
  const sub = (s: typeof leaves, d: number): Uint8Array => {
    if (s.length === 0) return H(Uint8Array.of(2));
    if (s.length === 1) return H(Uint8Array.of(0), s[0]!.kh, s[0]!.vh);
    return H(
      Uint8Array.of(1),
      sub(
        s.filter((l) => bit(l.kh, d) === 0),
        d + 1,
      ),
      sub(
        s.filter((l) => bit(l.kh, d) === 1),
        d + 1,
      ),
    );
  };
  return sub(leaves, 0);
}

const rec = (i: number) => ({ key: utf8(`credit/dishonest/${i}`), value: utf8(`{"case":"(2024)京01执${i}号"}`) });
const records = Array.from({ length: 300 }, (_, i) => rec(i));

describe('SMT node hashes under SM3', () => {
  it('H(0x02), keyHash, valueHash, leaf and inner are SM3 over the same layouts (independent SM3 agrees)', () => {
    expect(toHex(emptyHashOf('sm3'))).toBe(sm3Js(Uint8Array.of(2)));
    expect(toHex(emptyHashOf('sm3'))).toBe('c1be86994ae8741d802cf422ce0bc117680ad2b139857a378f9573a6f9ec35ad');
    expect(emptyHashOf('sha256')).toEqual(EMPTY_HASH);
    expect(emptyHashOf()).toEqual(sha256(Uint8Array.of(2)));
    const r = rec(1);
    const kh = keyHashOf(r.key, 'sm3');
    const vh = valueHashOf(r.value, 'sm3');
    expect(kh).toEqual(H(r.key));
    expect(vh).toEqual(H(r.value));
    expect(hashLeaf(kh, vh, 'sm3')).toEqual(H(Uint8Array.of(0), kh, vh));
    expect(hashInner(kh, vh, 'sm3')).toEqual(H(Uint8Array.of(1), kh, vh));
    // The defaults are SHA-256, as every existing vector.
    expect(keyHashOf(r.key)).toEqual(sha256(r.key));
  });

  it('an unknown suite is refused, not silently taken as SHA-256', () => {
    expect(() => emptyHashOf('sm2' as never)).toThrow(TypeError);
    expect(() => new SparseMerkleTree(16, 'md5' as never)).toThrow(TypeError);
  });
});

describe('SparseMerkleTree under SM3', () => {
  const tree = SparseMerkleTree.fromEntries(records, 'sm3');
  const root = tree.root();

  it('the root is the spec root over SM3 (bulk and incremental builds alike), and differs from the SHA-256 root', () => {
    expect(tree.hashSuite).toBe('sm3');
    expect(root).toEqual(referenceSm3Root(records));
    const inc = new SparseMerkleTree(16, 'sm3');
    for (let i = 0; i < records.length; i += 37) inc.update(records.slice(i, i + 37));
    expect(inc.root()).toEqual(root);
    expect(SparseMerkleTree.fromEntries(records).root()).not.toEqual(root);
    expect(new SparseMerkleTree(16, 'sm3').root()).toEqual(emptyHashOf('sm3'));
    // Deleting down to one record leaves that record's SM3 leaf as the root.
    const one = SparseMerkleTree.fromEntries(records.slice(0, 2), 'sm3');
    one.update([{ key: records[1]!.key, value: null }]);
    expect(one.root()).toEqual(H(Uint8Array.of(0), H(records[0]!.key), H(records[0]!.value)));
  });

  it('membership proofs verify under SM3 and are refused under SHA-256 (wrong_leaf: the leaf is not sha256(key))', () => {
    for (const r of records.slice(0, 40)) {
      const p = tree.prove(r.key);
      expect(p.kind).toBe('member');
      expect(verifyMembership(root, r.key, r.value, p, 'sm3').kind).toBe('member');
      expect(reasonOf(() => verifyMembership(root, r.key, r.value, p))).toBe('wrong_leaf');
    }
  });

  it('absence proofs (by an occupying leaf and by an empty slot) verify under SM3 and are refused under SHA-256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400 && seen.size < 2; i++) {
      const key = utf8(`credit/dishonest/absent-${i}`);
      const p = tree.prove(key);
      expect(p.kind).toBe('absent');
      const how = p.leaf === undefined ? 'empty' : 'leaf';
      seen.add(how);
      expect(verifyNonMembership(root, key, p, 'sm3').kind).toBe('absent');
      // Under SHA-256 the key's path is another one: the occupying leaf is not on it (leaf_as_inner),
      // or the empty slot folds to another root (root_mismatch): each the existing reason for the
      // first wrong hash, as for any forged proof (these keys are fixed, so the reasons are too).
      expect(reasonOf(() => verifyNonMembership(root, key, p))).toBe(how === 'leaf' ? 'leaf_as_inner' : 'root_mismatch');
    }
    expect(seen).toEqual(new Set(['empty', 'leaf']));
  });

  it('a state proof built with SHA-256 is refused for a chain whose entry says SM3 (and the other way round)', () => {
    const shaTree = SparseMerkleTree.fromEntries(records);
    const r = records[7]!;
    const shaProof = shaTree.prove(r.key);
    // Same records, same key: only the suite differs. Against the SM3 root, under SM3.
    expect(reasonOf(() => verifyMembership(root, r.key, r.value, shaProof, 'sm3'))).toBe('wrong_leaf');
    // A forger who rebuilds the leaf with SM3 hashes but keeps SHA-256 siblings reaches another root.
    const hybrid: SmtProof = { ...shaProof, leaf: { keyHash: keyHashOf(r.key, 'sm3'), valueHash: valueHashOf(r.value, 'sm3') } };
    expect(reasonOf(() => verifyMembership(root, r.key, r.value, hybrid, 'sm3'))).toBe('root_mismatch');
    // And an SM3 proof against the SHA-256 root of the same records.
    expect(reasonOf(() => verifyMembership(shaTree.root(), r.key, r.value, tree.prove(r.key), 'sm3'))).toBe('root_mismatch');
    const absent = utf8('credit/dishonest/nobody');
    // A SHA-256 absence proof: its occupying leaf is not on the key's SM3 path.
    expect(reasonOf(() => verifyNonMembership(root, absent, shaTree.prove(absent), 'sm3'))).toBe('leaf_as_inner');
  });

  it("canonical depth uses the suite's empty hash: an SM3 proof padded with an SM3 empty sibling is refused (extra_sibling)", () => {
    const r = records[3]!;
    const p = tree.prove(r.key);
    const padded: SmtProof = { ...p, siblings: [emptyHashOf('sm3'), ...p.siblings] };
    expect(reasonOf(() => verifyProof(root, r.key, r.value, padded, 'sm3'))).toBe('extra_sibling');
  });

  it('the proof codec packs SM3 empty siblings into the bitmap; decoded under SHA-256 they become other siblings', () => {
    const two = SparseMerkleTree.fromEntries(
      // Two keys sharing a long path prefix force empty siblings above them.
      findSharedPrefixPair(),
      'sm3',
    );
    const k = findSharedPrefixPair()[0]!.key;
    const p = two.prove(k);
    expect(p.siblings.some((s) => toHex(s) === toHex(emptyHashOf('sm3')))).toBe(true);
    const bytes = encodeProof(p, 'sm3');
    expect(decodeProof(bytes, 'sm3')).toEqual(p);
    expect(verifyMembership(two.root(), k, findSharedPrefixPair()[0]!.value, decodeProof(bytes, 'sm3'), 'sm3').kind).toBe('member');
    // Encoded under SHA-256, SM3's empty hash is an ordinary sibling written out (longer, still exact).
    expect(encodeProof(p).length).toBeGreaterThan(bytes.length);
    expect(decodeProof(encodeProof(p))).toEqual(p);
    // Decoded under the wrong suite, the 0 bits become SHA-256's empty hash: the proof no longer verifies.
    const wrong = decodeProof(bytes);
    expect(reasonOf(() => verifyMembership(two.root(), k, findSharedPrefixPair()[0]!.value, wrong, 'sm3'))).toBe('root_mismatch');
  });
});

/** Two records whose SM3 key hashes share the first 6 path bits (so their leaves sit at depth >= 7). */
function findSharedPrefixPair(): { key: Uint8Array; value: Uint8Array }[] {
  const first = utf8('k/0');
  const top = keyHashOf(first, 'sm3')[0]! >> 2;
  for (let i = 1; ; i++) {
    const key = utf8(`k/${i}`);
    if (keyHashOf(key, 'sm3')[0]! >> 2 === top)
      return [
        { key: first, value: utf8('v0') },
        { key, value: utf8(`v${i}`) },
      ];
  }
}

describe('docs/smt.md §6 worked example (tree "two" under SM3)', () => {
  it('root and the encoded membership proof of record 0 are the ones the page prints', () => {
    const recs = [0, 1].map((i) => ({ key: utf8(`courtbridge vector record ${i}`), value: utf8(`value ${i}`) }));
    const t = SparseMerkleTree.fromEntries(recs, 'sm3');
    expect(toHex(t.root())).toBe('2f386c6bb9c9b387be4adb6e8ecd1a4a5bec6d61053be675e76f91bcac0b6dd6');
    expect(t.root()).toEqual(referenceSm3Root(recs));
    expect(toHex(encodeProof(t.prove(recs[0]!.key), 'sm3'))).toBe(
      '010100000001' +
        'fdb1faa82431e3967aa350fd1bd148a015723b1ca7fb92ff29e1dc47c27c1106' +
        '0045d7450165408a196562a83a732c8616f4310ce6960bdde9f38a9022968e84' +
        '80' +
        '831e73af178043262e87b28e2dc4ce15c99901bc6c24ac13a4006c06bfab2181',
    );
  });
});

describe('binary Merkle tree (transactions root) under SM3', () => {
  const items = Array.from({ length: 11 }, (_, i) => utf8(`tx ${i}`));

  it('RFC 6962 layout with H = SM3: leaf H(0x00||d), node H(0x01||l||r), empty list H("")', () => {
    const leaves = items.map((d) => leafHashIn('sm3', d));
    expect(leaves[0]).toEqual(H(Uint8Array.of(0), items[0]!));
    expect(merkleRoot(items.slice(0, 2), 'sm3')).toEqual(H(Uint8Array.of(1), leaves[0]!, leaves[1]!));
    expect(merkleRoot([], 'sm3')).toEqual(H(new Uint8Array(0)));
    expect(merkleRootOfLeafHashes(leaves, 'sm3')).toEqual(merkleRoot(items, 'sm3'));
    expect(merkleRoot(items, 'sm3')).not.toEqual(merkleRoot(items));
    // The SHA-256 defaults are unchanged.
    expect(leafHashIn('sha256', items[0]!)).toEqual(leafHash(items[0]!));
    expect(merkleRoot([])).toEqual(sha256(new Uint8Array(0)));
  });

  it('audit paths verify under SM3 and are refused under SHA-256 (root_mismatch)', () => {
    const leaves = items.map((d) => leafHashIn('sm3', d));
    const { root, paths } = allAuditPaths(leaves, 'sm3');
    expect(root).toEqual(merkleRoot(items, 'sm3'));
    leaves.forEach((leaf, i) => {
      expect(paths[i]).toEqual(auditPath(leaves, i, 'sm3'));
      expect(() => verifyAuditPath(leaf, i, leaves.length, paths[i]!, root, 'sm3')).not.toThrow();
      expect(reasonOf(() => verifyAuditPath(leaf, i, leaves.length, paths[i]!, root))).toBe('root_mismatch');
    });
  });
});

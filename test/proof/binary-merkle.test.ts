import { describe, expect, it } from 'vitest';
import { allAuditPaths, auditPath, leafHash, merkleRoot, merkleRootOfLeafHashes, verifyAuditPath } from '../../src/proof/binary-merkle.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { sha256Concat } from '../../src/crypto/hash.js';
import { digest } from '../../src/crypto/hash-suite.js';

const items = (n: number) => Array.from({ length: n }, (_, i) => utf8(`item-${i}`));

describe('RFC 6962 Merkle tree', () => {
  it('matches the RFC 6962 empty-tree hash', () => {
    expect(toHex(merkleRoot([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  // RFC 6962 §2.1 as written: split at the largest power of two below n, recurse.
  const reference = (hs: Uint8Array[], node: (l: Uint8Array, r: Uint8Array) => Uint8Array): Uint8Array => {
    if (hs.length === 1) return hs[0]!;
    let k = 1;
    while (k << 1 < hs.length) k <<= 1;
    return node(reference(hs.slice(0, k), node), reference(hs.slice(k), node));
  };

  it('the bottom-up root equals the recursive RFC 6962 definition for every size up to 70, under SHA-256 and SM3', () => {
    const NODE = Uint8Array.of(1);
    for (let n = 1; n <= 70; n++) {
      const leaves = items(n).map(leafHash);
      expect(toHex(merkleRootOfLeafHashes(leaves))).toBe(toHex(reference(leaves, (l, r) => sha256Concat(NODE, l, r))));
      expect(toHex(merkleRootOfLeafHashes(leaves, 'sm3'))).toBe(
        toHex(reference(leaves, (l, r) => digest('sm3', new Uint8Array([1, ...l, ...r])))),
      );
    }
  });

  it('every audit path verifies, for every size up to 33, and paths agree with allAuditPaths', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = items(n).map(leafHash);
      const root = merkleRootOfLeafHashes(leaves);
      const all = allAuditPaths(leaves);
      expect(all.root).toEqual(root);
      for (let i = 0; i < n; i++) {
        const p = auditPath(leaves, i);
        expect(all.paths[i]).toEqual(p);
        expect(() => verifyAuditPath(leaves[i]!, i, n, p, root)).not.toThrow();
      }
    }
  });

  const leaves = items(11).map(leafHash);
  const root = merkleRootOfLeafHashes(leaves);
  const good = { leaf: leaves[6]!, index: 6, size: 11, path: auditPath(leaves, 6), root };
  const cases: Array<[string, (c: typeof good) => void, string]> = [
    ['wrong leaf', (c) => (c.leaf = leaves[5]!), 'root_mismatch'],
    ['wrong index', (c) => (c.index = 7), 'root_mismatch'],
    ['index beyond size', (c) => (c.index = 11), 'bad_leaf_index'],
    ['extra sibling', (c) => (c.path = [...c.path, leaves[0]!]), 'extra_sibling'],
    ['missing sibling', (c) => (c.path = c.path.slice(0, -1)), 'missing_sibling'],
    [
      'flipped sibling bit',
      (c) => {
        const p = c.path.map((x) => x.slice());
        p[0]![0]! ^= 1;
        c.path = p;
      },
      'root_mismatch',
    ],
    ['short sibling', (c) => (c.path = [c.path[0]!.subarray(0, 31), ...c.path.slice(1)]), 'malformed_path'],
  ];
  it.each(cases)('rejects %s', (_name, malleate, reason) => {
    const c = { ...good, path: [...good.path] };
    malleate(c);
    expect(() => verifyAuditPath(c.leaf, c.index, c.size, c.path, c.root)).toThrow(expect.objectContaining({ reason }));
  });
});

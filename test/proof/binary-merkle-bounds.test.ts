/**
 * The index and size checks of the RFC 6962 audit paths, at their exact bounds. Without them an
 * out-of-range index still walks the tree: auditPath hands out a path for some other leaf, and
 * verifyAuditPath accepts a leaf at an index the signed tree does not have (index = size with an
 * empty path, -1 read as the right child, a fractional index or size shifted to an integer).
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { allAuditPaths, auditPath, leafHash, merkleRootOfLeafHashes, verifyAuditPath } from '../../src/proof/binary-merkle.js';
import { reasonOf } from '../helpers/reason-of.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(utf8(`item-${i}`)));

describe('auditPath index bounds', () => {
  it('the last index has a path; index = length, -1 and 0.5 are refused', () => {
    const one = leaves(1);
    expect(auditPath(one, 0)).toEqual([]);
    expect(() => auditPath(one, 1)).toThrow(RangeError);
    const two = leaves(2);
    expect(auditPath(two, 1)).toEqual([two[0]]);
    expect(() => auditPath(two, 2)).toThrow(RangeError);
    expect(() => auditPath(two, -1)).toThrow(RangeError);
    expect(() => auditPath(two, 0.5)).toThrow(RangeError);
  });

  it('no index of the empty list has a path', () => {
    expect(() => auditPath([], 0)).toThrow(RangeError);
  });
});

describe('allAuditPaths of the empty list', () => {
  // RFC 6962: the empty list hashes to H(""), under the suite asked for.
  it('is H("") with no paths, under SHA-256 and SM3', () => {
    const sha = allAuditPaths([]);
    expect(toHex(sha.root)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha.paths).toEqual([]);
    const sm3 = allAuditPaths([], 'sm3');
    expect(toHex(sm3.root)).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(sm3.paths).toEqual([]);
  });
});

describe('verifyAuditPath index and size checks', () => {
  const two = leaves(2);
  const root2 = merkleRootOfLeafHashes(two);

  it('a one-leaf tree: index 1 with the empty path is refused, though the leaf is the root', () => {
    const [leaf] = leaves(1);
    expect(() => verifyAuditPath(leaf!, 0, 1, [], leaf!)).not.toThrow();
    expect(reasonOf(() => verifyAuditPath(leaf!, 1, 1, [], leaf!))).toBe('bad_leaf_index');
  });

  it('index -1 is refused even where its bits would fold to the root as the right child', () => {
    expect(() => verifyAuditPath(two[1]!, 1, 2, [two[0]!], root2)).not.toThrow();
    expect(reasonOf(() => verifyAuditPath(two[1]!, -1, 2, [two[0]!], root2))).toBe('bad_leaf_index');
  });

  it('a fractional index or size is refused even where the shifts would fold it to the root', () => {
    expect(() => verifyAuditPath(two[0]!, 0, 2, [two[1]!], root2)).not.toThrow();
    expect(reasonOf(() => verifyAuditPath(two[0]!, 0.5, 2, [two[1]!], root2))).toBe('bad_leaf_index');
    expect(reasonOf(() => verifyAuditPath(two[0]!, 0, 2.5, [two[1]!], root2))).toBe('bad_leaf_index');
  });

  it('index = size is refused; index = size - 1 verifies', () => {
    const three = leaves(3);
    const root3 = merkleRootOfLeafHashes(three);
    const path = auditPath(three, 2);
    expect(() => verifyAuditPath(three[2]!, 2, 3, path, root3)).not.toThrow();
    expect(reasonOf(() => verifyAuditPath(three[2]!, 3, 3, path, root3))).toBe('bad_leaf_index');
    expect(reasonOf(() => verifyAuditPath(fromHex('00'.repeat(32)), 0, 0, [], root3))).toBe('bad_leaf_index');
  });
});

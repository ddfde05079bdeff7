/**
 * Verification cost is pinned: sha256(key), sha256(value) for membership, the leaf, then one
 * hash per sibling (docs/smt.md §3). Counted by wrapping node:crypto's one-shot `hash`.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    hash: ((...args: Parameters<typeof real.hash>) => {
      calls.n++;
      return real.hash(...args);
    }) as typeof real.hash,
  };
});

const { utf8 } = await import('../../src/encoding/bytes.js');
const { SparseMerkleTree } = await import('../../src/proof/sparse-merkle-tree.js');
const { verifyMembership, verifyNonMembership } = await import('../../src/proof/verify.js');

describe('smt verification cost', () => {
  const tree = SparseMerkleTree.fromEntries(Array.from({ length: 1000 }, (_, i) => ({ key: utf8(`k${i}`), value: utf8(`v${i}`) })));
  const root = tree.root();

  it('membership: siblings + 3 hashes (key, value, leaf)', () => {
    const p = tree.prove(utf8('k7'));
    calls.n = 0;
    verifyMembership(root, utf8('k7'), utf8('v7'), p);
    expect(calls.n).toBe(p.siblings.length + 3);
  });

  it('non-membership: siblings + 2 hashes (key, leaf) or siblings + 1 (empty slot)', () => {
    for (let i = 0; i < 20; i++) {
      const key = utf8(`absent ${i}`);
      const p = tree.prove(key);
      calls.n = 0;
      verifyNonMembership(root, key, p);
      expect(calls.n).toBe(p.siblings.length + (p.leaf ? 2 : 1));
    }
  });
});

/**
 * The argument checks of the SMT verifiers: key and value must be bytes, and the refusal names
 * the argument. A string value must not slip through: node:crypto would hash its UTF-8 bytes,
 * so without the check a string equal to the stored value would verify.
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/encoding/bytes.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { verifyMembership, verifyProof } from '../../src/proof/verify.js';

const key = utf8('credit/dishonest/1');
const tree = SparseMerkleTree.fromEntries([
  { key, value: utf8('listed') },
  { key: utf8('credit/dishonest/2'), value: utf8('cleared') },
]);
const root = tree.root();
const proof = tree.prove(key);

describe('verifier arguments', () => {
  it('the real value verifies', () => {
    expect(verifyProof(root, key, utf8('listed'), proof).kind).toBe('member');
    expect(verifyMembership(root, key, utf8('listed'), proof).kind).toBe('member');
  });

  it('a key that is not bytes is refused, naming the key', () => {
    expect(() => verifyProof(root, 'credit/dishonest/1' as never, utf8('listed'), proof)).toThrow(/^key: expected Uint8Array/);
  });

  it('a value that is the stored value as a string is refused, naming the value', () => {
    expect(() => verifyProof(root, key, 'listed' as never, proof)).toThrow(/^value: expected Uint8Array/);
    expect(() => verifyMembership(root, key, 'listed' as never, proof)).toThrow(/^value: expected Uint8Array/);
  });
});

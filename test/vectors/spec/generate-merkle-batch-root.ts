import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { allAuditPaths, auditPath, leafHash, merkleRoot } from '../../../src/proof/binary-merkle.js';
import { writeVector } from './vector-kit.js';

const leavesOf = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => utf8(`leaf ${i}`));

function tree(n: number) {
  const leaves = leavesOf(n);
  const hashes = leaves.map(leafHash);
  const { root, paths } = allAuditPaths(hashes);
  if (toHex(root) !== toHex(merkleRoot(leaves))) throw new Error('allAuditPaths and merkleRoot disagree');
  paths.forEach((p, i) => {
    if (JSON.stringify(p.map(toHex)) !== JSON.stringify(auditPath(hashes, i).map(toHex))) throw new Error('auditPath disagrees');
  });
  return { leaves, hashes, root, paths };
}

/** The hash input whose H is the root: the leaf's for one leaf, else the top node's. */
function rootInput(n: number, hashes: Uint8Array[]): Record<string, unknown> {
  if (n === 1) return { input: { variant: 'merkle-batch-root-leaf', value: { data: toHex(leavesOf(1)[0]!) } } };
  let k = 1;
  while (k << 1 < n) k <<= 1;
  const left = k === 1 ? hashes[0]! : allAuditPaths(hashes.slice(0, k)).root;
  const right = n - k === 1 ? hashes[k]! : allAuditPaths(hashes.slice(k)).root;
  return { input: { variant: 'merkle-batch-root-node', value: { left: toHex(left), right: toHex(right) } } };
}

const valid = [1, 2, 3, 5, 7].map((n) => {
  const t = tree(n);
  const fields = rootInput(n, t.hashes);
  const inner = (fields.input as { variant: string; value: Record<string, string> }).value;
  const bytes =
    n === 1
      ? Buffer.concat([Buffer.of(0), Buffer.from(inner.data!, 'hex')])
      : Buffer.concat([Buffer.of(1), Buffer.from(inner.left!, 'hex'), Buffer.from(inner.right!, 'hex')]);
  if (toHex(sha256(bytes)) !== toHex(t.root)) throw new Error(`root input of ${n} leaves does not hash to the root`);
  return {
    name: `${n} leaf${n === 1 ? '' : 'ves'} (leaf i = utf8("leaf i"))`,
    fields,
    bytes: toHex(bytes),
    hash: toHex(t.root),
    leafCount: n,
    leaves: t.leaves.map(toHex),
    leafHashes: t.hashes.map(toHex),
    root: toHex(t.root),
    auditPaths: t.paths.map((p, i) => ({ leafIndex: i, path: p.map(toHex) })),
  };
});

// Invalid audit paths, against the 7-leaf tree: what a verifier is given is the leaf hash, the
// leaf index, the tree size, the path and the signed root.
const t7 = tree(7);
const t5 = tree(5);
const base = (i: number) => ({
  leafHash: toHex(t7.hashes[i]!),
  leafIndex: i,
  leafCount: 7,
  path: t7.paths[i]!.map(toHex),
  root: toHex(t7.root),
});
const flip = (hex: string): string =>
  `${hex.slice(0, -2)}${((Number.parseInt(hex.slice(-2), 16) ^ 1) & 0xff).toString(16).padStart(2, '0')}`;
const invalid = [
  {
    name: 'leaf index equal to the tree size',
    reason: 'bad_leaf_index',
    why: 'index 7 is outside a tree of 7 leaves (indices 0..6)',
    ...base(3),
    leafIndex: 7,
  },
  { name: 'tree size 0', reason: 'bad_leaf_index', why: 'no leaf index lies inside an empty tree', ...base(0), leafCount: 0 },
  {
    name: 'a path element of 31 bytes',
    reason: 'malformed_path',
    why: 'every path element is a 32-byte hash',
    ...base(2),
    path: [t7.paths[2]![0]!, t7.paths[2]![1]!.subarray(1), t7.paths[2]![2]!].map(toHex),
  },
  {
    name: 'path one element too long',
    reason: 'extra_sibling',
    why: 'leaf 6 of 7 sits at depth 2 (its last subtree is a single leaf), so a third sibling is one more than the tree is deep',
    ...base(6),
    path: [...t7.paths[6]!, t7.hashes[0]!].map(toHex),
  },
  {
    name: 'path one element short',
    reason: 'missing_sibling',
    why: 'leaf 1 of 7 sits at depth 3; a path of 2 siblings stops below the root',
    ...base(1),
    path: t7.paths[1]!.slice(0, -1).map(toHex),
  },
  {
    name: 'wrong leaf index (the path of leaf 2 given for index 3)',
    reason: 'root_mismatch',
    why: 'the index decides on which side each sibling is hashed; leaf 2 put at index 3 hashes to another root',
    ...base(2),
    leafIndex: 3,
  },
  {
    name: 'wrong sibling (one bit flipped in the middle sibling)',
    reason: 'root_mismatch',
    why: 'a changed sibling hashes to another root',
    ...base(4),
    path: t7.paths[4]!.map((p, i) => (i === 1 ? flip(toHex(p)) : toHex(p))),
  },
  {
    name: 'leaf not leaf-hashed (the raw item given as the leaf hash)',
    reason: 'root_mismatch',
    why: 'a leaf is H(0x00 || item); the item itself (here SHA-256 of the item, 32 bytes) is not the leaf',
    ...base(0),
    leafHash: toHex(sha256(leavesOf(7)[0]!)),
  },
  {
    name: 'a valid path of the 5-leaf tree against the 7-leaf root',
    reason: 'root_mismatch',
    why: "leaf 4's path in a tree of 5 leads to that tree's root, not to the signed one",
    leafHash: toHex(t5.hashes[4]!),
    leafIndex: 4,
    leafCount: 5,
    path: t5.paths[4]!.map(toHex),
    root: toHex(t7.root),
  },
];

const out = {
  structure: 'merkle-batch-root',
  title: 'RFC 6962 binary Merkle tree: roots and audit paths of receipt and evidence batches',
  spec: 'docs/spec/merkle-batch-root.md',
  tag: null,
  layout: 'merkle-batch-root-input',
  keys: {},
  valid,
  invalid,
};
writeVector('merkle-batch-root', out);
console.error(`wrote ${valid.length} valid and ${invalid.length} invalid merkle-batch-root cases`);

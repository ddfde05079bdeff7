/**
 * Writes test/vectors/smt.json: node hashes of fixed inputs, roots of small fixed trees and
 * their encoded proofs (membership, non-membership by empty slot and by occupying leaf).
 * Run: npx tsx test/vectors/generate-smt.ts   (checked by test/proof/vectors.test.ts)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { EMPTY_HASH, hashInner, hashLeaf } from '../../src/proof/node-hash.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { encodeProof } from '../../src/proof/proof-codec.js';

/** Fixed record i: key "courtbridge vector record <i>", value "value <i>". */
const recordKey = (i: number): Uint8Array => utf8(`courtbridge vector record ${i}`);
const recordValue = (i: number): Uint8Array => utf8(`value ${i}`);
const absentKey = (i: number): Uint8Array => utf8(`courtbridge vector absent ${i}`);

interface ProofVector {
  key: string;
  value: string | null;
  kind: 'member' | 'absent';
  via: 'leaf' | 'empty_slot';
  depth: number;
  proof: string;
}

function treeVector(name: string, n: number) {
  const entries = Array.from({ length: n }, (_, i) => ({ key: recordKey(i), value: recordValue(i) }));
  const tree = SparseMerkleTree.fromEntries(entries);
  const proofs: ProofVector[] = [];
  // Membership proofs of the first ten records (enough to pin the layout, keeps the file small).
  for (const e of entries.slice(0, 10)) {
    const p = tree.prove(e.key);
    proofs.push({
      key: toHex(e.key),
      value: toHex(e.value),
      kind: p.kind,
      via: 'leaf',
      depth: p.siblings.length,
      proof: toHex(encodeProof(p)),
    });
  }
  // Absent keys: keep up to two of each way of showing absence, when the tree has them.
  const seen = { leaf: 0, empty_slot: 0 };
  for (let i = 0; i < 200 && (seen.leaf < 2 || seen.empty_slot < 2); i++) {
    const key = absentKey(i);
    const p = tree.prove(key);
    const via = p.leaf ? 'leaf' : 'empty_slot';
    if (seen[via] >= 2) continue;
    seen[via]++;
    proofs.push({ key: toHex(key), value: null, kind: p.kind, via, depth: p.siblings.length, proof: toHex(encodeProof(p)) });
  }
  return { name, entries: entries.map((e) => ({ key: toHex(e.key), value: toHex(e.value) })), root: toHex(tree.root()), proofs };
}

const h = (s: string): Uint8Array => sha256(utf8(s));
const vectors = {
  description:
    'courtbridge sparse Merkle tree (docs/smt.md). keyHash = sha256(key), valueHash = sha256(value), ' +
    'leaf = sha256(0x00||keyHash||valueHash), inner = sha256(0x01||left||right), empty = sha256(0x02). ' +
    'Keys and values are hex. Proofs use the layout of src/proof/proof-codec.ts.',
  emptyHash: toHex(EMPTY_HASH),
  nodeHashes: {
    leaf: { keyHash: toHex(h('k')), valueHash: toHex(h('v')), hash: toHex(hashLeaf(h('k'), h('v'))) },
    inner: { left: toHex(h('l')), right: toHex(h('r')), hash: toHex(hashInner(h('l'), h('r'))) },
  },
  trees: [
    treeVector('empty', 0),
    treeVector('one', 1),
    treeVector('two', 2),
    treeVector('five', 5),
    treeVector('sixteen', 16),
    treeVector('hundred', 100),
  ],
};

const out = fileURLToPath(new URL('./smt.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(vectors, null, 2)}\n`);
process.stderr.write(`wrote ${out}\n`);

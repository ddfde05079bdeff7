import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { EMPTY_HASH, emptyHashOf, hashLeaf, keyHashOf } from '../../../src/proof/node-hash.js';
import { pathBit } from '../../../src/proof/path.js';
import { encodeProof } from '../../../src/proof/proof-codec.js';
import { SparseMerkleTree } from '../../../src/proof/sparse-merkle-tree.js';
import type { SmtProof } from '../../../src/proof/smt-proof.js';
import { writeVector } from './vector-kit.js';

const recordKey = (i: number): Uint8Array => utf8(`courtbridge vector record ${i}`);
const recordValue = (i: number): Uint8Array => utf8(`value ${i}`);
const absentKey = (i: number): Uint8Array => utf8(`courtbridge vector absent ${i}`);

const treeOf = (n: number) => {
  const records = Array.from({ length: n }, (_, i) => ({ key: recordKey(i), value: recordValue(i) }));
  return { records, tree: SparseMerkleTree.fromEntries(records) };
};
const TREES = { empty: treeOf(0), one: treeOf(1), two: treeOf(2), sixteen: treeOf(16) };
type TreeName = keyof typeof TREES;

/** The layout's fields, read off the product's own encoding. */
function fieldsOf(bytes: Uint8Array) {
  const depth = new DataView(bytes.buffer, bytes.byteOffset).getUint32(2);
  const o = bytes[1] === 1 ? 70 : 6;
  const bitmapLength = (depth + 7) >>> 3;
  return {
    kind: bytes[0]!,
    hasLeaf: bytes[1] === 1,
    depth,
    leaf: toHex(bytes.subarray(6, o)),
    bitmap: toHex(bytes.subarray(o, o + bitmapLength)),
    presentSiblings: toHex(bytes.subarray(o + bitmapLength)),
  };
}

function validCase(name: string, tree: TreeName, key: Uint8Array, value: Uint8Array | null) {
  const t = TREES[tree].tree;
  const proof = t.prove(key);
  const bytes = encodeProof(proof);
  return {
    name,
    fields: fieldsOf(bytes),
    bytes: toHex(bytes),
    tree,
    root: toHex(t.root()),
    key: toHex(key),
    value: value === null ? null : toHex(value),
    keyHash: toHex(keyHashOf(key)),
    ...(proof.leaf ? { leafHash: toHex(hashLeaf(proof.leaf.keyHash, proof.leaf.valueHash)) } : {}),
    siblings: proof.siblings.map(toHex),
  };
}

/** The first absent key (of the fixed list) whose proof in `tree` ends at a leaf, or at an empty slot. */
function absentVia(tree: TreeName, via: 'leaf' | 'empty', skip = 0): Uint8Array {
  for (let i = 0; i < 500; i++) {
    const p = TREES[tree].tree.prove(absentKey(i));
    if ((p.leaf !== undefined) === (via === 'leaf') && skip-- === 0) return absentKey(i);
  }
  throw new Error(`no absent key via ${via} in ${tree}`);
}

const sixteen = TREES.sixteen.tree;
const root16 = toHex(sixteen.root());
const proofOf = (key: Uint8Array): SmtProof => sixteen.prove(key);
const refuse = (
  name: string,
  reason: string,
  why: string,
  key: Uint8Array,
  value: Uint8Array | null,
  bytes: Uint8Array | string,
  root = root16,
) => ({
  name,
  reason,
  why,
  root,
  key: toHex(key),
  value: value === null ? null : toHex(value),
  bytes: typeof bytes === 'string' ? bytes : toHex(bytes),
});

const k3 = recordKey(3);
const v3 = recordValue(3);
const p3 = proofOf(k3);
const enc3 = encodeProof(p3);
// The padding case flips the last bitmap byte's lowest bit, which must be a padding bit.
if (p3.siblings.length % 8 === 0) throw new Error('record 3 sits at a depth with no bitmap padding: pick another record');
const absentLeafKey = absentVia('sixteen', 'leaf');
const absentEmptyKey = absentVia('sixteen', 'empty');
const pAbsentLeaf = proofOf(absentLeafKey);

/** An absent key whose path leaves the occupying leaf of `pAbsentLeaf` above that proof's depth. */
function keyOffPath(): Uint8Array {
  const d = pAbsentLeaf.siblings.length;
  const lk = pAbsentLeaf.leaf!.keyHash;
  for (let i = 0; i < 500; i++) {
    const k = absentKey(1000 + i);
    const kh = keyHashOf(k);
    if (sixteen.get(k) !== undefined) continue;
    for (let b = 0; b < d; b++) if (pathBit(kh, b) !== pathBit(lk, b)) return k;
  }
  throw new Error('no key off the path');
}

const flipped = (b: Uint8Array, at: number): Uint8Array => {
  const c = b.slice();
  c[at]! ^= 0x01;
  return c;
};
const hex = (b: Uint8Array): string => toHex(b);
const withSiblings = (p: SmtProof, siblings: Uint8Array[]): SmtProof => ({ ...p, siblings });

const file = {
  structure: 'smt-proof',
  title: 'Sparse Merkle tree proofs of membership and non-membership against a state root',
  spec: 'docs/spec/smt.md',
  tag: null,
  layout: 'smt-proof',
  keys: {},
  emptyHash: toHex(EMPTY_HASH),
  emptyHashSm3: toHex(emptyHashOf('sm3')),
  trees: Object.fromEntries(
    Object.entries(TREES).map(([name, t]) => [
      name,
      { records: t.records.map((r) => ({ key: toHex(r.key), value: toHex(r.value) })), root: toHex(t.tree.root()) },
    ]),
  ),
  valid: [
    validCase('member, tree "two": record 0 at depth 1', 'two', recordKey(0), recordValue(0)),
    validCase('member, tree "one": the only record, at depth 0 (the root is its leaf)', 'one', recordKey(0), recordValue(0)),
    validCase('member, tree "sixteen": record 3', 'sixteen', k3, v3),
    validCase('member, tree "sixteen": record 11', 'sixteen', recordKey(11), recordValue(11)),
    validCase('absent, tree "sixteen": the path ends at an empty slot', 'sixteen', absentEmptyKey, null),
    validCase('absent, tree "sixteen": the path ends at another record\'s leaf', 'sixteen', absentLeafKey, null),
    validCase('absent, the empty tree: depth 0, the root is the empty hash', 'empty', absentKey(0), null),
  ],
  invalid: [
    refuse(
      'a sibling changed',
      'root_mismatch',
      "the deepest sibling of record 3's proof has one bit flipped: the fold leads to another root",
      k3,
      v3,
      encodeProof(withSiblings(p3, [flipped(p3.siblings[0]!, 31), ...p3.siblings.slice(1)])),
    ),
    refuse(
      'another root',
      'root_mismatch',
      'a correct proof of record 3, checked against the root of tree "two"',
      k3,
      v3,
      enc3,
      toHex(TREES.two.tree.root()),
    ),
    refuse(
      'proof of another key',
      'wrong_leaf',
      "record 5's membership proof offered for record 3: its leaf's keyHash is not H(key)",
      k3,
      v3,
      encodeProof(proofOf(recordKey(5))),
    ),
    refuse(
      'wrong value',
      'value_mismatch',
      'record 3\'s proof with the value "value 4": the leaf commits to H("value 3")',
      k3,
      recordValue(4),
      enc3,
    ),
    refuse(
      'a value claimed with an absence proof',
      'value_mismatch',
      'an absence proof, but the verifier is asked whether the key holds a value',
      absentEmptyKey,
      v3,
      encodeProof(proofOf(absentEmptyKey)),
    ),
    refuse(
      'absence claimed with a membership proof',
      'absent_but_present',
      "record 3's membership proof offered to show record 3 absent",
      k3,
      null,
      enc3,
    ),
    refuse(
      "absence proof showing the key's own leaf",
      'absent_but_present',
      "record 3's proof with its kind byte set to absent: the leaf is the key's own",
      k3,
      null,
      encodeProof({ ...p3, kind: 'absent' }),
    ),
    refuse(
      'occupying leaf off the path',
      'leaf_as_inner',
      "an absence-by-leaf proof offered for a key whose path parts from that leaf's above the proof's depth",
      keyOffPath(),
      null,
      encodeProof(pAbsentLeaf),
    ),
    refuse(
      'an empty sibling added below',
      'extra_sibling',
      "record 3's proof one level deeper, its new deepest sibling empty: the canonical tree would hold the leaf one level up",
      k3,
      v3,
      encodeProof(withSiblings(p3, [EMPTY_HASH, ...p3.siblings])),
    ),
    refuse(
      'a sibling beyond the bitmap',
      'extra_sibling',
      "record 3's proof with 32 bytes appended: a sibling the bitmap does not announce",
      k3,
      v3,
      hex(enc3) + hex(sha256(utf8('extra'))),
    ),
    refuse(
      'a sibling missing',
      'missing_sibling',
      "record 3's proof without its last 32 bytes: the bitmap announces a sibling the bytes do not carry",
      k3,
      v3,
      enc3.subarray(0, enc3.length - 32),
    ),
    refuse(
      'depth 257',
      'too_many_siblings',
      'the depth field says 257: no path is longer than 256',
      k3,
      v3,
      `0101${(257).toString(16).padStart(8, '0')}`,
    ),
    refuse(
      'unknown kind byte',
      'malformed_proof',
      'kind 0x03: only 0x01 (member) and 0x02 (absent) exist',
      k3,
      v3,
      `03${hex(enc3).slice(2)}`,
    ),
    refuse('hasLeaf byte 2', 'malformed_proof', 'the leaf flag is 0x00 or 0x01', k3, v3, `0102${hex(enc3).slice(4)}`),
    refuse(
      'member without a leaf',
      'malformed_proof',
      'a membership proof must carry its leaf (hasLeaf 0x00 with kind 0x01)',
      k3,
      v3,
      `0100${hex(enc3).slice(4)}`,
    ),
    refuse(
      'bitmap padding bit set',
      'malformed_proof',
      'the unused low bits of the last bitmap byte must be 0',
      k3,
      v3,
      flipped(enc3, 70 + ((p3.siblings.length + 7) >>> 3) - 1),
    ),
    (() => {
      const e = emptyWrittenOut();
      return refuse(
        'the empty hash written out',
        'malformed_proof',
        'an empty sibling must be a 0 bit in the bitmap, never written out as 32 bytes',
        e.key,
        e.value,
        e.bytes,
      );
    })(),
    refuse(
      'trailing bytes',
      'malformed_proof',
      "record 3's proof with 5 bytes appended (not a whole sibling)",
      k3,
      v3,
      `${hex(enc3)}0000000000`,
    ),
    refuse('truncated in the leaf', 'malformed_proof', 'the bytes end inside leafValueHash', k3, v3, enc3.subarray(0, 50)),
  ],
};

/** A proof of sixteen (of record i, or absent key i) that has an empty sibling, with that sibling's bit set and the empty hash written out. */
function emptyWrittenOut(): { key: Uint8Array; value: Uint8Array | null; bytes: string } {
  const candidates = [
    ...Array.from({ length: 16 }, (_, i) => ({ key: recordKey(i), value: recordValue(i) as Uint8Array | null })),
    ...Array.from({ length: 200 }, (_, i) => ({ key: absentKey(i), value: null })),
  ];
  for (const { key, value } of candidates) {
    const p = proofOf(key);
    const i = p.siblings.findIndex((s) => toHex(s) === toHex(EMPTY_HASH));
    if (i < 0) continue;
    const bytes = encodeProof(p);
    const depth = p.siblings.length;
    const bitmapAt = p.leaf ? 70 : 6;
    const bitmap = bytes.slice(bitmapAt, bitmapAt + ((depth + 7) >>> 3));
    bitmap[i >>> 3]! |= 0x80 >>> (i & 7);
    const present = p.siblings.filter((s, j) => j === i || toHex(s) !== toHex(EMPTY_HASH));
    return { key, value, bytes: hex(bytes.subarray(0, bitmapAt)) + hex(bitmap) + present.map(hex).join('') };
  }
  throw new Error('no proof of tree sixteen has an empty sibling');
}

writeVector('smt-proof', file);
process.stderr.write('wrote test/vectors/spec/smt-proof.json\n');

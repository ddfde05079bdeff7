/**
 * Adversarial table (ibc-go style: a valid case, a `malleate` step, the expected reason).
 * Every case starts from a proof the tree produced and verified, changes one thing, and must
 * be rejected with its own named reason.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, utf8 } from '../../src/encoding/bytes.js';
import { VerificationError } from '../../src/errors.js';
import { EMPTY_HASH } from '../../src/proof/node-hash.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { decodeProof, encodeProof } from '../../src/proof/proof-codec.js';
import { pathBit } from '../../src/proof/path.js';
import { verifyProof } from '../../src/proof/verify.js';
import type { SmtProof, SmtRejectReason } from '../../src/proof/smt-proof.js';

const entries = Array.from({ length: 64 }, (_, i) => ({ key: utf8(`credit/dishonest/${i}`), value: utf8(`judgment ${i}`) }));
const tree = SparseMerkleTree.fromEntries(entries);
const ROOT = tree.root();

/** The shared starting points: a membership proof and both kinds of non-membership proof. */
function findBases() {
  const member = entries.find((e) => tree.prove(e.key).siblings.length >= 3)!;
  const sparse = entries.find((e) => tree.prove(e.key).siblings.some((s) => s.every((x, i) => x === EMPTY_HASH[i])))!;
  let absentLeaf: Uint8Array | undefined;
  let absentEmpty: Uint8Array | undefined;
  for (let i = 0; !absentLeaf || !absentEmpty; i++) {
    const key = utf8(`credit/absent/${i}`);
    const p = tree.prove(key);
    if (p.leaf && !absentLeaf) absentLeaf = key;
    if (!p.leaf && p.siblings.length > 0 && !absentEmpty) absentEmpty = key;
  }
  return { member, sparse, absentLeaf: absentLeaf!, absentEmpty: absentEmpty! };
}
const bases = findBases();

/** What a case verifies: mutable copies, so a malleate step can change anything. */
interface Claim {
  root: Uint8Array;
  key: Uint8Array;
  value: Uint8Array | null;
  proof: SmtProof;
}

/** member: depth >= 3; sparse: a member whose proof has an empty sibling; absent by leaf or by empty slot. */
type Base = 'member' | 'sparse' | 'absent_leaf' | 'absent_empty';

function claimFor(base: Base): Claim {
  const record = base === 'sparse' ? bases.sparse : bases.member;
  const key = base === 'absent_leaf' ? bases.absentLeaf : base === 'absent_empty' ? bases.absentEmpty : record.key;
  const p = tree.prove(key);
  return {
    root: ROOT.slice(),
    key: key.slice(),
    value: base === 'member' || base === 'sparse' ? record.value.slice() : null,
    proof: {
      kind: p.kind,
      siblings: p.siblings.map((s) => s.slice()),
      ...(p.leaf ? { leaf: { keyHash: p.leaf.keyHash.slice(), valueHash: p.leaf.valueHash.slice() } } : {}),
    },
  };
}

function flipBit(b: Uint8Array, bit: number): void {
  b[bit >> 3]! ^= 0x80 >> (bit & 7);
}

/** A present record whose path leaves `key`'s path before `depth` bits. */
function leafOffPath(key: Uint8Array, depth: number) {
  const kh = sha256(key);
  const other = entries.find((e) => {
    const oh = sha256(e.key);
    for (let d = 0; d < depth; d++) if (pathBit(oh, d) !== pathBit(kh, d)) return true;
    return false;
  })!;
  return { keyHash: sha256(other.key), valueHash: sha256(other.value) };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof VerificationError) return e.reason;
    throw e;
  }
  return 'accepted';
}

interface ObjectCase {
  name: string;
  base: Base;
  malleate: (c: Claim) => void;
  reason: SmtRejectReason;
}

const objectCases: ObjectCase[] = [
  { name: 'root: one bit flipped', base: 'member', malleate: (c) => flipBit(c.root, 77), reason: 'root_mismatch' },
  {
    name: 'root of another tree (absence)',
    base: 'absent_empty',
    malleate: (c) => (c.root = sha256(utf8('other'))),
    reason: 'root_mismatch',
  },
  { name: 'a sibling bit flipped', base: 'member', malleate: (c) => flipBit(c.proof.siblings[1]!, 3), reason: 'root_mismatch' },
  { name: 'siblings swapped', base: 'member', malleate: (c) => c.proof.siblings.reverse(), reason: 'root_mismatch' },
  { name: 'deepest sibling dropped', base: 'member', malleate: (c) => c.proof.siblings.shift(), reason: 'root_mismatch' },
  {
    name: "an inner node shown as an empty slot (the key's own proof cut short)",
    base: 'member',
    malleate: (c) => {
      c.value = null;
      c.proof = { kind: 'absent', siblings: c.proof.siblings.slice(1) };
    },
    reason: 'root_mismatch',
  },
  {
    name: 'occupying leaf with another value',
    base: 'absent_leaf',
    malleate: (c) => flipBit(c.proof.leaf!.valueHash, 0),
    reason: 'root_mismatch',
  },
  {
    name: '257 siblings',
    base: 'member',
    malleate: (c) => (c.proof.siblings = Array.from({ length: 257 }, () => sha256(utf8('x')))),
    reason: 'too_many_siblings',
  },
  {
    name: 'member: empty sibling added below the leaf',
    base: 'member',
    malleate: (c) => c.proof.siblings.unshift(EMPTY_HASH.slice()),
    reason: 'extra_sibling',
  },
  {
    name: 'absent (leaf): empty sibling added below the leaf',
    base: 'absent_leaf',
    malleate: (c) => c.proof.siblings.unshift(EMPTY_HASH.slice()),
    reason: 'extra_sibling',
  },
  {
    name: 'absent (empty slot): pushed one level deeper',
    base: 'absent_empty',
    malleate: (c) => c.proof.siblings.unshift(EMPTY_HASH.slice()),
    reason: 'extra_sibling',
  },
  {
    name: 'absent (empty slot) at depth 256',
    base: 'absent_empty',
    malleate: (c) => (c.proof.siblings = Array.from({ length: 256 }, (_, i) => sha256(Uint8Array.of(i)))),
    reason: 'extra_sibling',
  },
  {
    name: 'absent: occupying leaf swapped for a leaf off the key path',
    base: 'absent_leaf',
    malleate: (c) => (c.proof.leaf = leafOffPath(c.key, c.proof.siblings.length)),
    reason: 'leaf_as_inner',
  },
  {
    name: 'absent: empty-slot proof given a leaf off the key path',
    base: 'absent_empty',
    malleate: (c) => (c.proof.leaf = leafOffPath(c.key, c.proof.siblings.length)),
    reason: 'leaf_as_inner',
  },
  { name: 'absence claimed with the membership proof', base: 'member', malleate: (c) => (c.value = null), reason: 'absent_but_present' },
  {
    name: "absence proof showing the key's own leaf",
    base: 'member',
    malleate: (c) => {
      c.value = null;
      c.proof.kind = 'absent';
    },
    reason: 'absent_but_present',
  },
  {
    name: 'membership proof of another key',
    base: 'member',
    malleate: (c) => (c.key = entries.find((e) => e.key !== bases.member.key)!.key),
    reason: 'wrong_leaf',
  },
  {
    name: 'membership claimed with the occupying leaf of an absence proof',
    base: 'absent_leaf',
    malleate: (c) => {
      c.value = utf8('anything');
      c.proof.kind = 'member';
    },
    reason: 'wrong_leaf',
  },
  { name: 'another value', base: 'member', malleate: (c) => (c.value = utf8('judgment 9999')), reason: 'value_mismatch' },
  {
    name: 'leaf valueHash flipped (value unchanged)',
    base: 'member',
    malleate: (c) => flipBit(c.proof.leaf!.valueHash, 200),
    reason: 'value_mismatch',
  },
  {
    name: 'a value claimed with an absence proof',
    base: 'absent_empty',
    malleate: (c) => (c.value = utf8('judgment 1')),
    reason: 'value_mismatch',
  },
  { name: "kind 'maybe'", base: 'member', malleate: (c) => ((c.proof as { kind: string }).kind = 'maybe'), reason: 'malformed_proof' },
  {
    name: 'sibling of 31 bytes',
    base: 'member',
    malleate: (c) => (c.proof.siblings[0] = c.proof.siblings[0]!.slice(1)),
    reason: 'malformed_proof',
  },
  {
    name: 'sibling not bytes',
    base: 'absent_leaf',
    malleate: (c) => ((c.proof.siblings as unknown[])[0] = 'ab'),
    reason: 'malformed_proof',
  },
  { name: 'membership proof without its leaf', base: 'member', malleate: (c) => delete c.proof.leaf, reason: 'malformed_proof' },
  {
    name: 'leaf keyHash of 33 bytes',
    base: 'absent_leaf',
    malleate: (c) => (c.proof.leaf!.keyHash = concatBytes(c.proof.leaf!.keyHash, Uint8Array.of(0))),
    reason: 'malformed_proof',
  },
  {
    name: 'siblings not an array',
    base: 'member',
    malleate: (c) => ((c.proof as { siblings: unknown }).siblings = {}),
    reason: 'malformed_proof',
  },
];

describe('smt adversarial: proof objects', () => {
  it('every base verifies before it is malleated', () => {
    for (const base of ['member', 'sparse', 'absent_leaf', 'absent_empty'] as const) {
      const c = claimFor(base);
      expect(verifyProof(c.root, c.key, c.value, c.proof).kind).toBe(c.value === null ? 'absent' : 'member');
    }
  });

  it.each(objectCases)('$name -> $reason', ({ base, malleate, reason }) => {
    const c = claimFor(base);
    malleate(c);
    expect(reasonOf(() => verifyProof(c.root, c.key, c.value, c.proof))).toBe(reason);
  });

  it('a null proof is malformed', () => {
    const c = claimFor('member');
    expect(reasonOf(() => verifyProof(c.root, c.key, c.value, null as unknown as SmtProof))).toBe('malformed_proof');
  });
});

interface ByteCase {
  name: string;
  base: Base;
  malleate: (bytes: Uint8Array) => Uint8Array;
  reason: SmtRejectReason;
}

/** Offsets in the layout: kind 0, hasLeaf 1, depth 2..5, leaf 6..69 when present, then bitmap. */
const byteCases: ByteCase[] = [
  { name: 'last sibling cut off', base: 'member', malleate: (b) => b.slice(0, b.length - 32), reason: 'missing_sibling' },
  { name: 'half a sibling cut off', base: 'member', malleate: (b) => b.slice(0, b.length - 16), reason: 'missing_sibling' },
  {
    name: 'a bitmap bit set for a sibling not carried',
    base: 'sparse',
    malleate: (b) => setBitmapZeroBit(b, 70),
    reason: 'missing_sibling',
  },
  { name: 'a sibling appended', base: 'member', malleate: (b) => concatBytes(b, sha256(utf8('x'))), reason: 'extra_sibling' },
  { name: 'one trailing byte', base: 'absent_leaf', malleate: (b) => concatBytes(b, Uint8Array.of(0)), reason: 'malformed_proof' },
  { name: 'truncated inside the depth', base: 'member', malleate: (b) => b.slice(0, 4), reason: 'malformed_proof' },
  { name: 'empty input', base: 'member', malleate: () => new Uint8Array(0), reason: 'malformed_proof' },
  { name: 'kind byte 0 (unspecified)', base: 'member', malleate: (b) => set(b, 0, 0), reason: 'malformed_proof' },
  { name: 'kind byte 3', base: 'absent_empty', malleate: (b) => set(b, 0, 3), reason: 'malformed_proof' },
  { name: 'hasLeaf byte 2', base: 'member', malleate: (b) => set(b, 1, 2), reason: 'malformed_proof' },
  { name: 'member without a leaf', base: 'absent_empty', malleate: (b) => set(b, 0, 1), reason: 'malformed_proof' },
  { name: 'depth 257', base: 'member', malleate: (b) => set(b, 5, 1, set(b, 4, 1)), reason: 'too_many_siblings' },
  { name: 'bitmap padding bit set', base: 'absent_empty', malleate: (b) => setPadding(b, 6), reason: 'malformed_proof' },
  { name: 'empty hash written out as a sibling', base: 'sparse', malleate: (b) => writeEmptyOut(b), reason: 'malformed_proof' },
];

function set(b: Uint8Array, at: number, v: number, from = b): Uint8Array {
  const out = from.slice();
  out[at] = v;
  return out;
}
function depthOf(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset).getUint32(2);
}
/** Set the first 0 bit of the bitmap at `at` (a sibling announced that the bytes lack). */
function setBitmapZeroBit(b: Uint8Array, at: number): Uint8Array {
  const out = b.slice();
  for (let i = 0; i < depthOf(b); i++) {
    if ((out[at + (i >> 3)]! & (0x80 >> (i & 7))) === 0) {
      out[at + (i >> 3)]! |= 0x80 >> (i & 7);
      return out;
    }
  }
  throw new Error('no empty sibling to announce');
}
function setPadding(b: Uint8Array, at: number): Uint8Array {
  const d = depthOf(b);
  if (d % 8 === 0) throw new Error('no padding bits at this depth');
  const out = b.slice();
  out[at + (d >> 3)]! |= 1;
  return out;
}
const isEmpty = (s: Uint8Array): boolean => s.every((x, i) => x === EMPTY_HASH[i]);

/** Announce the sparse base's first empty sibling as present and write EMPTY_HASH out in its place. */
function writeEmptyOut(b: Uint8Array): Uint8Array {
  const p = decodeProof(b);
  const at = p.siblings.findIndex(isEmpty);
  const bitmapAt = 6 + 64;
  const out = b.slice();
  out[bitmapAt + (at >> 3)]! |= 0x80 >> (at & 7);
  const before = p.siblings.slice(0, at).filter((s) => !isEmpty(s)).length;
  const cut = bitmapAt + ((p.siblings.length + 7) >> 3) + before * 32;
  return concatBytes(out.subarray(0, cut), EMPTY_HASH, out.subarray(cut));
}

describe('smt adversarial: encoded proofs', () => {
  it('every base round-trips', () => {
    for (const base of ['member', 'sparse', 'absent_leaf', 'absent_empty'] as const) {
      const c = claimFor(base);
      const bytes = encodeProof(c.proof);
      expect(encodeProof(decodeProof(bytes))).toEqual(bytes);
      expect(verifyProof(c.root, c.key, c.value, decodeProof(bytes)).depth).toBe(c.proof.siblings.length);
    }
  });

  it.each(byteCases)('$name -> $reason', ({ base, malleate, reason }) => {
    const c = claimFor(base);
    const bytes = malleate(encodeProof(c.proof));
    expect(reasonOf(() => verifyProof(c.root, c.key, c.value, decodeProof(bytes)))).toBe(reason);
  });
});

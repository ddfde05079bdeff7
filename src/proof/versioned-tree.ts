/**
 * The sparse Merkle tree of `sparse-merkle-tree.ts` (same hashes, same compacted shape: a leaf at
 * the shallowest depth where its path is unique) kept as immutable, versioned nodes, as Diem's
 * Jellyfish Merkle tree and Cosmos' IAVL store them: an update at version v writes only the nodes
 * on the paths it changes and never overwrites an older node, so every retained version can still
 * be read and proven. Each replaced node is listed as stale since v, which is what lets `prune`
 * delete the nodes no retained version reaches.
 *
 * A node's key is (version, sequence number within the version), numbered in the order the update
 * writes (post-order: children first), and a parent holds its children's keys. So one version's
 * writes are appended in key order (full B-tree pages, no page splits), a subtree written in one
 * version sits together on disk (a proof's nodes share pages), and a leaf lifted or pushed down by
 * compaction keeps its node (its hash does not depend on its depth).
 *
 * Pure: node bytes come from a `NodeReader` and the writes come back as lists; the I/O (LMDB) is
 * in src/chain/ledger/state-store.ts.
 *
 * Records on the store (all integers big-endian):
 *   node key   u32 version | u32 seq
 *   inner      u8 kinds (left | right << 2) | leftHash 32 | rightHash 32 | left key 8 | right key 8  (81 bytes)
 *   leaf       keyHash 32 | valueHash 32 | value key 8  (72 bytes)
 *   value key  u32 version | u32 seq (numbered with the version's nodes) -> the value bytes
 * A parent holds its children's hashes, so a proof reads only the nodes on the key's own path.
 */
import { hash } from 'node:crypto';
import type { HashSuite } from '../crypto/hash-suite.js';
import { assertBytes } from '../encoding/bytes.js';
import { HASH_BYTES, MAX_DEPTH, NodePrefix, emptyHashOf } from './node-hash.js';
import { pathBit } from './path.js';
import type { SmtChange } from './sparse-merkle-tree.js';
import type { SmtProof } from './smt-proof.js';

/** Node kinds, as stored in an inner node's `kinds` byte and a root record. */
export const NodeKind = { Empty: 0, Leaf: 1, Inner: 2 } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/** Reads one node (or value) record; the bytes may be a reused buffer, read before the next call. */
export type NodeReader = (key: Uint8Array) => Uint8Array | undefined;

/** Where a version's tree starts: the root node's kind, key, hash. */
export interface VersionRoot {
  kind: NodeKind;
  /** The root node's key (version, seq); 0, 0 for the empty tree. */
  version: number;
  seq: number;
  hash: Uint8Array;
  /** Records in the tree at this version. */
  size: number;
}

/** A leaf's content. */
export interface LeafData {
  keyHash: Uint8Array;
  valueHash: Uint8Array;
  /** Key of the value record. */
  valueKey: Uint8Array;
}

/**
 * Where one version's writes go, as they are made (straight into the store's write transaction,
 * so a version of a million records never sits in memory as a list). `node` and `value` keys come
 * in ascending order (each database's appends).
 */
export interface VersionSink {
  node(key: Uint8Array, bytes: Uint8Array): void;
  value(key: Uint8Array, bytes: Uint8Array): void;
  /** A node no longer reachable from this version on. */
  staleNode(key: Uint8Array): void;
  /** A value no longer reachable from this version on. */
  staleValue(key: Uint8Array): void;
}

const KEY_BYTES = 8;
const INNER_BYTES = 1 + 2 * HASH_BYTES + 2 * KEY_BYTES;
const LEAF_BYTES = 2 * HASH_BYTES + KEY_BYTES;
/** Highest version a u32 node key holds. */
export const MAX_VERSION = 0xffffffff;

/** The empty tree (every version before the first write). */
export function emptyRoot(suite: HashSuite): VersionRoot {
  return { kind: NodeKind.Empty, version: 0, seq: 0, hash: emptyHashOf(suite).slice(), size: 0 };
}

/** Node (or value) key: u32 version | u32 seq. */
export function nodeKey(version: number, seq: number): Uint8Array {
  const key = new Uint8Array(KEY_BYTES);
  putU32(key, 0, version);
  putU32(key, 4, seq);
  return key;
}

/** A subtree during an update: an existing node (`key`) or one not written yet (`key` undefined). */
interface Ref {
  kind: NodeKind;
  hash: Uint8Array;
  key: Uint8Array | undefined;
  leaf?: LeafData;
}

interface Item {
  keyHash: Buffer;
  key: Uint8Array;
  value: Uint8Array | null;
  i: number;
}

interface Ctx {
  read: NodeReader;
  version: number;
  seq: number;
  alg: HashSuite;
  empty: Uint8Array;
  emptyRef: Ref;
  items: Item[];
  out: VersionSink;
  delta: number;
  scratch: Uint8Array;
}

/**
 * Apply `changes` (value to set, null to delete; the last change of a key wins) on top of the
 * tree `prev` as version `version`: every record to write or mark stale goes to `out`. Returns
 * the new version's root.
 */
export function applyChanges(
  read: NodeReader,
  prev: VersionRoot,
  version: number,
  changes: ReadonlyArray<SmtChange>,
  suite: HashSuite,
  out: VersionSink,
): VersionRoot {
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) throw new RangeError(`version ${version} out of range`);
  if (!Array.isArray(changes)) throw new TypeError('changes: expected an array');
  const raw: Item[] = changes.map((c, i) => {
    if (typeof c !== 'object' || c === null) throw new TypeError(`changes[${i}]: expected { key, value }`);
    assertBytes(c.key, undefined, `changes[${i}].key`);
    if (c.value !== null) assertBytes(c.value, undefined, `changes[${i}].value`);
    return { keyHash: hash(suite, c.key, 'buffer'), key: c.key, value: c.value, i };
  });
  sortByKeyHash(raw);
  const items: Item[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (i + 1 < raw.length && raw[i + 1]!.keyHash.equals(raw[i]!.keyHash)) continue;
    items.push(raw[i]!);
  }
  const empty = emptyHashOf(suite);
  const ctx: Ctx = {
    read,
    version,
    seq: 0,
    alg: suite,
    empty,
    emptyRef: { kind: NodeKind.Empty, hash: empty, key: undefined },
    items,
    out,
    delta: 0,
    scratch: new Uint8Array(1 + 2 * HASH_BYTES),
  };
  const start: Ref =
    prev.kind === NodeKind.Empty ? ctx.emptyRef : { kind: prev.kind, hash: prev.hash, key: nodeKey(prev.version, prev.seq) };
  const root = apply(ctx, start, 0, 0, items.length);
  place(ctx, root);
  if (root.kind === NodeKind.Empty) return { ...emptyRoot(suite), size: prev.size + ctx.delta };
  const key = root.key!;
  return { kind: root.kind, version: getU32(key, 0), seq: getU32(key, 4), hash: new Uint8Array(root.hash), size: prev.size + ctx.delta };
}

const byKeyHash = (a: Item, b: Item): number => Buffer.compare(a.keyHash, b.keyHash) || a.i - b.i;

/**
 * Sort by key hash, the same key in change order. A bulk version sorts 10^5 items: a native sort
 * of numbers (the hash's first 32 bits, then the index) beats 10^6 calls of Buffer.compare; items
 * sharing their first 32 bits (rare) are then ordered by the full compare.
 */
function sortByKeyHash(items: Item[]): void {
  const n = items.length;
  if (n > 0x1fffff) {
    items.sort(byKeyHash);
    return;
  }
  const order = new Float64Array(n);
  for (let k = 0; k < n; k++) order[k] = items[k]!.keyHash.readUInt32BE(0) * 0x200000 + k;
  order.sort();
  const sorted = Array.from(order, (x) => items[x % 0x200000]!);
  for (let a = 0; a < n; ) {
    let b = a + 1;
    const p = sorted[a]!.keyHash.readUInt32BE(0);
    while (b < n && sorted[b]!.keyHash.readUInt32BE(0) === p) b++;
    if (b - a > 1) {
      const run = sorted.slice(a, b).sort(byKeyHash);
      for (let k = a; k < b; k++) sorted[k] = run[k - a]!;
    }
    a = b;
  }
  for (let k = 0; k < n; k++) items[k] = sorted[k]!;
}

function apply(ctx: Ctx, ref: Ref, d: number, lo: number, hi: number): Ref {
  if (lo >= hi) return ref;
  if (ref.kind === NodeKind.Empty) {
    const built = build(ctx, d, lo, hi, undefined);
    return built.kind === NodeKind.Empty ? ref : built;
  }
  if (ref.kind === NodeKind.Leaf) {
    loadLeaf(ctx, ref);
    return build(ctx, d, lo, hi, ref);
  }
  const key = ref.key!;
  const bytes = mustRead(ctx.read, key, 'inner node');
  if (bytes.length !== INNER_BYTES) throw corrupt(key, 'an inner node of the wrong length');
  const node = copyOf(bytes, 0, INNER_BYTES);
  const left = childRef(ctx, node, 0);
  const right = childRef(ctx, node, 1);
  const mid = split(ctx.items, lo, hi, d);
  const l = apply(ctx, left, d + 1, lo, mid);
  const r = apply(ctx, right, d + 1, mid, hi);
  if (l === left && r === right) return ref;
  ctx.out.staleNode(key);
  return join(ctx, l, r);
}

/** The subtree at depth `d` from items [lo, hi) plus `extra`, an existing leaf whose key may be among them. */
function build(ctx: Ctx, d: number, lo: number, hi: number, extra: Ref | undefined): Ref {
  if (lo >= hi) return extra ?? ctx.emptyRef;
  if (hi - lo === 1) {
    const it = ctx.items[lo]!;
    if (extra !== undefined && it.keyHash.equals(extra.leaf!.keyHash)) {
      ctx.out.staleNode(extra.key!);
      ctx.out.staleValue(extra.leaf!.valueKey);
      if (it.value === null) {
        ctx.delta--;
        return ctx.emptyRef;
      }
      return newLeaf(ctx, it);
    }
    if (it.value === null) return extra ?? ctx.emptyRef;
    if (extra === undefined) {
      ctx.delta++;
      return newLeaf(ctx, it);
    }
  }
  if (d >= MAX_DEPTH - 1) throw new RangeError('versioned tree: two paths agree on 255 bits');
  const mid = split(ctx.items, lo, hi, d);
  const eb = extra === undefined ? -1 : pathBit(extra.leaf!.keyHash, d);
  const l = build(ctx, d + 1, lo, mid, eb === 0 ? extra : undefined);
  const r = build(ctx, d + 1, mid, hi, eb === 1 ? extra : undefined);
  return join(ctx, l, r);
}

/** The node over `l` and `r`; a lone leaf (or nothing) moves up instead (compaction). */
function join(ctx: Ctx, l: Ref, r: Ref): Ref {
  if (l.kind === NodeKind.Empty && r.kind !== NodeKind.Inner) return r;
  if (r.kind === NodeKind.Empty && l.kind === NodeKind.Leaf) return l;
  place(ctx, l);
  place(ctx, r);
  const s = ctx.scratch;
  s[0] = NodePrefix.Inner;
  s.set(l.hash, 1);
  s.set(r.hash, 1 + HASH_BYTES);
  const h: Uint8Array = hash(ctx.alg, s, 'buffer');
  const node = new Uint8Array(INNER_BYTES);
  node[0] = l.kind | (r.kind << 2);
  node.set(l.hash, 1);
  node.set(r.hash, 1 + HASH_BYTES);
  if (l.key !== undefined) node.set(l.key, 1 + 2 * HASH_BYTES);
  if (r.key !== undefined) node.set(r.key, 1 + 2 * HASH_BYTES + KEY_BYTES);
  const key = nodeKey(ctx.version, ctx.seq++);
  ctx.out.node(key, node);
  return { kind: NodeKind.Inner, hash: h, key };
}

/** Write a new leaf when it takes its place (under an inner node, or as the root); an existing one stays where it is. */
function place(ctx: Ctx, ref: Ref): void {
  if (ref.kind !== NodeKind.Leaf || ref.key !== undefined) return;
  const leaf = ref.leaf!;
  const node = new Uint8Array(LEAF_BYTES);
  node.set(leaf.keyHash);
  node.set(leaf.valueHash, HASH_BYTES);
  node.set(leaf.valueKey, 2 * HASH_BYTES);
  ref.key = nodeKey(ctx.version, ctx.seq++);
  ctx.out.node(ref.key, node);
}

function newLeaf(ctx: Ctx, it: Item): Ref {
  const value = it.value!;
  const valueHash: Uint8Array = hash(ctx.alg, value, 'buffer');
  const keyHash: Uint8Array = it.keyHash;
  const valueKey = nodeKey(ctx.version, ctx.seq++);
  ctx.out.value(valueKey, value);
  const s = ctx.scratch;
  s[0] = NodePrefix.Leaf;
  s.set(keyHash, 1);
  s.set(valueHash, 1 + HASH_BYTES);
  const h: Uint8Array = hash(ctx.alg, s, 'buffer');
  return { kind: NodeKind.Leaf, hash: h, key: undefined, leaf: { keyHash, valueHash, valueKey } };
}

function loadLeaf(ctx: Ctx, ref: Ref): void {
  if (ref.leaf !== undefined) return;
  ref.leaf = decodeLeaf(ref.key!, mustRead(ctx.read, ref.key!, 'leaf'));
}

function childRef(ctx: Ctx, node: Uint8Array, side: 0 | 1): Ref {
  const kind = ((node[0]! >>> (2 * side)) & 3) as NodeKind;
  if (kind === NodeKind.Empty) return ctx.emptyRef;
  const o = 1 + 2 * HASH_BYTES + side * KEY_BYTES;
  return { kind, hash: node.subarray(1 + side * HASH_BYTES, 1 + (side + 1) * HASH_BYTES), key: node.subarray(o, o + KEY_BYTES) };
}

/** First index in the sorted range [lo, hi) whose path has bit `d` set. */
function split(items: Item[], lo: number, hi: number, d: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (pathBit(items[m]!.keyHash, d) === 0) a = m + 1;
    else b = m;
  }
  return a;
}

// ---- reads ---------------------------------------------------------------------------------

/** The leaf the path of `keyHash` ends at under `root`, or undefined at an empty slot; collects the siblings top-down. */
export function findLeaf(read: NodeReader, root: VersionRoot, keyHash: Uint8Array, siblings?: Uint8Array[]): LeafData | undefined {
  let kind: number = root.kind;
  let key = nodeKey(root.version, root.seq);
  let d = 0;
  while (kind === NodeKind.Inner) {
    const node = mustRead(read, key, 'inner node');
    if (node.length !== INNER_BYTES) throw corrupt(key, 'an inner node of the wrong length');
    const bit = pathBit(keyHash, d);
    if (siblings !== undefined) {
      const o = 1 + (1 - bit) * HASH_BYTES;
      siblings.push(copyOf(node, o, o + HASH_BYTES));
    }
    kind = (node[0]! >>> (2 * bit)) & 3;
    const o = 1 + 2 * HASH_BYTES + bit * KEY_BYTES;
    key = copyOf(node, o, o + KEY_BYTES);
    d++;
  }
  if (kind === NodeKind.Empty) return undefined;
  return decodeLeaf(key, mustRead(read, key, 'leaf'));
}

/**
 * Proof for `key` under `root`: byte-identical to `SparseMerkleTree.prove` on the same record set.
 * `present` is the record's own leaf when it is present (its value is at `valueKey`).
 */
export function proveKey(
  read: NodeReader,
  root: VersionRoot,
  key: Uint8Array,
  suite: HashSuite,
): { proof: SmtProof; present: LeafData | undefined } {
  assertBytes(key, undefined, 'key');
  const keyHash = new Uint8Array(hash(suite, key, 'buffer'));
  const siblings: Uint8Array[] = [];
  const leaf = findLeaf(read, root, keyHash, siblings);
  siblings.reverse();
  if (leaf === undefined) return { proof: { kind: 'absent', siblings }, present: undefined };
  const member = Buffer.from(leaf.keyHash).equals(keyHash);
  return {
    proof: { kind: member ? 'member' : 'absent', siblings, leaf: { keyHash: leaf.keyHash, valueHash: leaf.valueHash } },
    present: member ? leaf : undefined,
  };
}

function decodeLeaf(key: Uint8Array, bytes: Uint8Array): LeafData {
  if (bytes.length !== LEAF_BYTES) throw corrupt(key, 'a leaf of the wrong length');
  return {
    keyHash: copyOf(bytes, 0, HASH_BYTES),
    valueHash: copyOf(bytes, HASH_BYTES, 2 * HASH_BYTES),
    valueKey: copyOf(bytes, 2 * HASH_BYTES, LEAF_BYTES),
  };
}

function putU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

function getU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A copy as a plain Uint8Array (a Buffer's `slice` would be a view into the reader's reused buffer). */
function copyOf(bytes: Uint8Array, from: number, to: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, from, to);
}

function mustRead(read: NodeReader, key: Uint8Array, what: string): Uint8Array {
  const bytes = read(key);
  if (bytes === undefined) throw corrupt(key, `no ${what}`);
  return bytes;
}

function corrupt(key: Uint8Array, what: string): Error {
  return new Error(`versioned tree: node ${Buffer.from(key).toString('hex')} is ${what}: the store is damaged or the version pruned`);
}

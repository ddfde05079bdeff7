/**
 * The sparse Merkle tree of `sparse-merkle-tree.ts` (same hashes, same compacted shape: a leaf at
 * the shallowest depth where its path is unique) kept as immutable, versioned nodes, as Diem's
 * Jellyfish Merkle tree and Cosmos' IAVL store them: an update at version v writes only the nodes
 * on the paths it changes, each under a node key (v, depth, path prefix), and never overwrites
 * an older node, so every retained version can still be read and proven. Each replaced node is
 * listed as stale since v, which is what lets `prune` delete the nodes no retained version reaches.
 *
 * Pure: node bytes come from a `NodeReader` and the writes come back as lists; the I/O (LMDB) is
 * in src/chain/ledger/state-store.ts.
 *
 * Records on the store (all integers big-endian):
 *   node key   u32 version | u8 depth | ceil(depth/8) path bytes (bits past depth zeroed)
 *   inner      u8 kinds (left | right << 2) | leftHash 32 | rightHash 32 | u32 leftVersion | u32 rightVersion  (73 bytes)
 *   leaf       keyHash 32 | valueHash 32 | u32 valueVersion  (68 bytes)
 *   value key  keyHash 32 | u32 valueVersion -> the value bytes
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

/** Where a version's tree starts: the root node's kind, the version it was written at, its hash. */
export interface VersionRoot {
  kind: NodeKind;
  version: number;
  hash: Uint8Array;
  /** Records in the tree at this version. */
  size: number;
}

/** A leaf's content. */
export interface LeafData {
  keyHash: Uint8Array;
  valueHash: Uint8Array;
  /** The version whose value record holds the value. */
  valueVersion: number;
}

/**
 * Where one version's writes go, as they are made (straight into the store's write transaction,
 * so a version of a million records never sits in memory as a list).
 */
export interface VersionSink {
  node(key: Uint8Array, bytes: Uint8Array): void;
  value(key: Uint8Array, bytes: Uint8Array): void;
  /** A node no longer reachable from this version on. */
  staleNode(key: Uint8Array): void;
  /** A value no longer reachable from this version on. */
  staleValue(key: Uint8Array): void;
}

const INNER_BYTES = 1 + 2 * HASH_BYTES + 8;
const LEAF_BYTES = 2 * HASH_BYTES + 4;
/** Highest version a u32 node key holds. */
export const MAX_VERSION = 0xffffffff;

/** The empty tree (every version before the first write). */
export function emptyRoot(suite: HashSuite): VersionRoot {
  return { kind: NodeKind.Empty, version: 0, hash: emptyHashOf(suite).slice(), size: 0 };
}

/** Node key (version, depth, first `depth` bits of `path`). */
export function nodeKey(version: number, depth: number, path: Uint8Array): Uint8Array {
  const n = (depth + 7) >>> 3;
  const key = new Uint8Array(5 + n);
  key[0] = version >>> 24;
  key[1] = version >>> 16;
  key[2] = version >>> 8;
  key[3] = version;
  key[4] = depth;
  for (let i = 0; i < n; i++) key[5 + i] = path[i]!;
  const rest = depth & 7;
  if (rest !== 0) key[4 + n] = key[4 + n]! & ((0xff << (8 - rest)) & 0xff);
  return key;
}

/** Value key (keyHash, version the value was written at). */
export function valueKey(keyHash: Uint8Array, version: number): Uint8Array {
  const key = new Uint8Array(HASH_BYTES + 4);
  key.set(keyHash);
  putU32(key, HASH_BYTES, version);
  return key;
}

/** A subtree during an update. `depth` is where an existing node is stored (-1: not stored yet). */
interface Ref {
  kind: NodeKind;
  hash: Uint8Array;
  version: number;
  depth: number;
  /** A path whose first `depth` bits are this node's position (undefined for the empty subtree). */
  path: Uint8Array | undefined;
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
  alg: HashSuite;
  empty: Uint8Array;
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
  raw.sort((a, b) => Buffer.compare(a.keyHash, b.keyHash) || a.i - b.i);
  const items: Item[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (i + 1 < raw.length && raw[i + 1]!.keyHash.equals(raw[i]!.keyHash)) continue;
    items.push(raw[i]!);
  }
  const ctx: Ctx = {
    read,
    version,
    alg: suite,
    empty: emptyHashOf(suite),
    items,
    out,
    delta: 0,
    scratch: new Uint8Array(1 + 2 * HASH_BYTES),
  };
  const start: Ref = { kind: prev.kind, hash: prev.hash, version: prev.version, depth: 0, path: new Uint8Array(HASH_BYTES) };
  const root = apply(ctx, start, 0, 0, items.length);
  place(ctx, root, 0);
  return {
    kind: root.kind,
    version: root.kind === NodeKind.Empty ? 0 : root.version,
    hash: root.kind === NodeKind.Empty ? ctx.empty.slice() : new Uint8Array(root.hash),
    size: prev.size + ctx.delta,
  };
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
  const path = ref.path!;
  const key = nodeKey(ref.version, d, path);
  const bytes = mustRead(ctx.read, key, 'inner node');
  if (bytes.length !== INNER_BYTES) throw corrupt(key, 'an inner node of the wrong length');
  const left = childRef(ctx, bytes, 0, d, ctx.items[lo]!.keyHash);
  const right = childRef(ctx, bytes, 1, d, ctx.items[lo]!.keyHash);
  const mid = split(ctx.items, lo, hi, d);
  const l = apply(ctx, left, d + 1, lo, mid);
  const r = apply(ctx, right, d + 1, mid, hi);
  if (l === left && r === right) return ref;
  ctx.out.staleNode(key);
  return join(ctx, d, l, r);
}

/** The subtree at depth `d` from items [lo, hi) plus `extra`, an existing leaf whose key may be among them. */
function build(ctx: Ctx, d: number, lo: number, hi: number, extra: Ref | undefined): Ref {
  if (lo >= hi) return extra ?? emptyRef(ctx);
  if (hi - lo === 1) {
    const it = ctx.items[lo]!;
    if (extra !== undefined && it.keyHash.equals(extra.leaf!.keyHash)) {
      ctx.out.staleNode(nodeKey(extra.version, extra.depth, extra.leaf!.keyHash));
      ctx.out.staleValue(valueKey(extra.leaf!.keyHash, extra.leaf!.valueVersion));
      if (it.value === null) {
        ctx.delta--;
        return emptyRef(ctx);
      }
      return newLeaf(ctx, it);
    }
    if (it.value === null) return extra ?? emptyRef(ctx);
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
  return join(ctx, d, l, r);
}

/** The node over `l` and `r` at depth `d`; a lone leaf (or nothing) moves up instead (compaction). */
function join(ctx: Ctx, d: number, l: Ref, r: Ref): Ref {
  if (l.kind === NodeKind.Empty && r.kind !== NodeKind.Inner) return r;
  if (r.kind === NodeKind.Empty && l.kind === NodeKind.Leaf) return l;
  place(ctx, l, d + 1);
  place(ctx, r, d + 1);
  const s = ctx.scratch;
  s[0] = NodePrefix.Inner;
  s.set(l.hash, 1);
  s.set(r.hash, 1 + HASH_BYTES);
  const h: Uint8Array = hash(ctx.alg, s, 'buffer');
  const node = new Uint8Array(INNER_BYTES);
  node[0] = l.kind | (r.kind << 2);
  node.set(l.hash, 1);
  node.set(r.hash, 1 + HASH_BYTES);
  putU32(node, 1 + 2 * HASH_BYTES, l.kind === NodeKind.Empty ? 0 : l.version);
  putU32(node, 5 + 2 * HASH_BYTES, r.kind === NodeKind.Empty ? 0 : r.version);
  const path = (l.path ?? r.path)!;
  ctx.out.node(nodeKey(ctx.version, d, path), node);
  return { kind: NodeKind.Inner, hash: h, version: ctx.version, depth: d, path };
}

/** Store a leaf at `depth` (its final position under an inner node or as the root) unless it already is there. */
function place(ctx: Ctx, ref: Ref, depth: number): void {
  if (ref.kind !== NodeKind.Leaf || ref.depth === depth) return;
  if (ref.depth >= 0) {
    loadLeaf(ctx, ref);
    ctx.out.staleNode(nodeKey(ref.version, ref.depth, ref.path!));
  }
  const leaf = ref.leaf!;
  const node = new Uint8Array(LEAF_BYTES);
  node.set(leaf.keyHash);
  node.set(leaf.valueHash, HASH_BYTES);
  putU32(node, 2 * HASH_BYTES, leaf.valueVersion);
  ctx.out.node(nodeKey(ctx.version, depth, leaf.keyHash), node);
  ref.version = ctx.version;
  ref.depth = depth;
  ref.path = leaf.keyHash;
}

function newLeaf(ctx: Ctx, it: Item): Ref {
  const value = it.value!;
  const valueHash: Uint8Array = hash(ctx.alg, value, 'buffer');
  const keyHash: Uint8Array = it.keyHash;
  ctx.out.value(valueKey(keyHash, ctx.version), value);
  const s = ctx.scratch;
  s[0] = NodePrefix.Leaf;
  s.set(keyHash, 1);
  s.set(valueHash, 1 + HASH_BYTES);
  const h: Uint8Array = hash(ctx.alg, s, 'buffer');
  return {
    kind: NodeKind.Leaf,
    hash: h,
    version: ctx.version,
    depth: -1,
    path: keyHash,
    leaf: { keyHash, valueHash, valueVersion: ctx.version },
  };
}

function loadLeaf(ctx: Ctx, ref: Ref): void {
  if (ref.leaf !== undefined) return;
  const key = nodeKey(ref.version, ref.depth, ref.path!);
  ref.leaf = decodeLeaf(key, mustRead(ctx.read, key, 'leaf'));
  ref.path = ref.leaf.keyHash;
}

function childRef(ctx: Ctx, node: Uint8Array, side: 0 | 1, d: number, along: Uint8Array): Ref {
  const kind = ((node[0]! >>> (2 * side)) & 3) as NodeKind;
  if (kind === NodeKind.Empty) return emptyRef(ctx);
  const h = copyOf(node, 1 + side * HASH_BYTES, 1 + (side + 1) * HASH_BYTES);
  const version = getU32(node, 1 + 2 * HASH_BYTES + 4 * side);
  const path = new Uint8Array(along);
  const mask = 0x80 >>> (d & 7);
  path[d >>> 3] = side === 1 ? path[d >>> 3]! | mask : path[d >>> 3]! & ~mask;
  return { kind, hash: h, version, depth: d + 1, path };
}

function emptyRef(ctx: Ctx): Ref {
  return { kind: NodeKind.Empty, hash: ctx.empty, version: 0, depth: -1, path: undefined };
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

/** The leaf the path of `keyHash` ends at under `root` (with its depth), or undefined at an empty slot. */
export function findLeaf(read: NodeReader, root: VersionRoot, keyHash: Uint8Array, siblings?: Uint8Array[]): LeafData | undefined {
  let kind: number = root.kind;
  let version = root.version;
  let d = 0;
  while (kind === NodeKind.Inner) {
    const key = nodeKey(version, d, keyHash);
    const node = mustRead(read, key, 'inner node');
    if (node.length !== INNER_BYTES) throw corrupt(key, 'an inner node of the wrong length');
    const bit = pathBit(keyHash, d);
    if (siblings !== undefined) {
      const o = 1 + (1 - bit) * HASH_BYTES;
      siblings.push(copyOf(node, o, o + HASH_BYTES));
    }
    kind = (node[0]! >>> (2 * bit)) & 3;
    version = getU32(node, 1 + 2 * HASH_BYTES + 4 * bit);
    d++;
  }
  if (kind === NodeKind.Empty) return undefined;
  const key = nodeKey(version, d, keyHash);
  return decodeLeaf(key, mustRead(read, key, 'leaf'));
}

/**
 * Proof for `key` under `root`: byte-identical to `SparseMerkleTree.prove` on the same record set.
 * `leaf` is the record's own leaf when it is present (its value is at `valueKey(keyHash, valueVersion)`).
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
    valueVersion: getU32(bytes, 2 * HASH_BYTES),
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

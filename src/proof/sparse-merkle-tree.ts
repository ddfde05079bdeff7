/**
 * A compacted sparse Merkle tree over 256-bit paths (as Diem's Jellyfish tree and Celestia's
 * SMT; docs/smt.md). A record's path is H(key), H the hash suite of the chain's registry entry
 * (SHA-256 unless the tree is made for an SM3 chain); its leaf sits at the shallowest depth
 * where that path is unique, so with n random records a path is about log2(n) nodes long and
 * a proof has that many siblings. Node hashes are in `node-hash.ts`.
 *
 * Invariants of the canonical shape (what makes the root a function of the record set alone,
 * whatever the insertion order):
 *   - an inner node's subtree holds at least two leaves;
 *   - so an inner node never has an empty child beside a leaf child, nor two empty children.
 *
 * Storage is compact (one tree of 1M records is a few typed arrays, not millions of objects):
 * node hashes live in one arena of 32-byte slots, children in two Int32Arrays, and each leaf's
 * `0x00 || keyHash || valueHash` preimage in a 65-byte slot so it is hashed in place; the
 * records' key and value bytes sit back to back in one growable heap (compacted when more than
 * half of it is garbage), so a million records cost no per-record objects. Only the latest
 * version is kept; the dev ledger keeps history by replaying its block log or by
 * snapshotting `entries()`.
 *
 * Pure: no I/O, no clock (node:crypto only, for SHA-256 or SM3). The suite is fixed per tree: its
 * OpenSSL name is kept on the tree and handed to the same one-shot `hash` as before, so the
 * SHA-256 path costs what it did.
 */
import { hash } from 'node:crypto';
import type { HashSuite } from '../crypto/hash-suite.js';
import { assertBytes } from '../encoding/bytes.js';
import { HASH_BYTES, MAX_DEPTH, NodePrefix, emptyHashOf } from './node-hash.js';
import { pathBitAt } from './path.js';
import type { SmtProof } from './smt-proof.js';

/** A record: arbitrary key bytes and value bytes. */
export type SmtEntry = { key: Uint8Array; value: Uint8Array };
/** One change of a batch: a value to insert or overwrite, `null` to delete. */
export type SmtChange = { key: Uint8Array; value: Uint8Array | null };

/** Node index of the empty subtree. */
const EMPTY = -1;
/** Node kinds in `kind[]`. */
const FREE = 0;
const INNER = 1;
const LEAF = 2;
/** Bytes of a leaf slot: 0x00 || keyHash || valueHash, the leaf hash preimage. */
const LEAF_BYTES = 1 + 2 * HASH_BYTES;

/**
 * A batch being applied: keyHashes in one arena, `order` partitioned in place by path bits.
 * `word[i]` is the 32-bit word of `order[i]`'s keyHash that holds the current depth's bit,
 * moved along with `order`, so partitioning reads memory sequentially instead of jumping into
 * the keyHash arena (a cache miss per entry per level at 1M records).
 */
interface Batch {
  keyHashes: Uint8Array;
  keyWords: DataView;
  keys: Uint8Array[];
  values: (Uint8Array | null)[];
  order: Int32Array;
  word: Uint32Array;
}

export class SparseMerkleTree {
  // Nodes: kind, children (inner) or leaf slot (leaf in `a`), and the node's hash.
  private kind: Uint8Array;
  private a: Int32Array;
  private b: Int32Array;
  private hashes: Uint8Array;
  private nodeTop = 0;
  private readonly freeNodes: number[] = [];
  // Leaves: the 65-byte hash preimage, and where the record's bytes sit in the record heap.
  private leafBytes: Uint8Array;
  private recOffset: Int32Array;
  private keyLength: Int32Array;
  private valueLength: Int32Array;
  // Record heap: key || value of each leaf, appended; `recGarbage` bytes belong to no leaf.
  private recBytes: Uint8Array;
  private recTop = 0;
  private recGarbage = 0;
  private leafTop = 0;
  private readonly freeLeaves: number[] = [];

  private rootNode = EMPTY;
  private count = 0;
  private readonly scratch = new Uint8Array(1 + 2 * HASH_BYTES);
  /** node:crypto's name of the suite ('sha256' | 'sm3'): what every `hash` call below is given. */
  private readonly alg: HashSuite;
  /** H(0x02) under the tree's suite (shared constant: copied before it is handed out). */
  private readonly emptyHash: Uint8Array;

  /** Whether the tree keeps the records' bytes (`get`, `entries`) or only their hashes. */
  readonly keepsRecords: boolean;

  /**
   * An empty tree; `capacityHint` records pre-sizes the arenas (optional). `hashSuite`: the
   * chain's (its registry entry's), SHA-256 unless told. `records: false` keeps hashes only
   * (roots and proofs, no `get` or `entries`): for an owner that holds the values itself, such as
   * the ledger's in-memory state, which would otherwise copy every value twice.
   */
  constructor(capacityHint = 16, hashSuite: HashSuite = 'sha256', options: { records?: boolean } = {}) {
    this.alg = hashSuite;
    this.keepsRecords = options.records ?? true;
    this.emptyHash = emptyHashOf(hashSuite);
    const leaves = Math.max(16, capacityHint | 0);
    const nodes = leaves * 3;
    this.kind = new Uint8Array(nodes);
    this.a = new Int32Array(nodes);
    this.b = new Int32Array(nodes);
    this.hashes = new Uint8Array(nodes * HASH_BYTES);
    this.leafBytes = new Uint8Array(leaves * LEAF_BYTES);
    this.recOffset = new Int32Array(leaves);
    this.keyLength = new Int32Array(leaves);
    this.valueLength = new Int32Array(leaves);
    this.recBytes = new Uint8Array(this.keepsRecords ? leaves * 32 : 0);
  }

  /**
   * Bulk builder: partitions the records by path bits and builds bottom-up, hashing each node
   * once (no intermediate roots). A key given twice keeps its last value.
   *
   * @example
   * const tree = SparseMerkleTree.fromEntries([{ key: utf8('case/1'), value: utf8('...') }]);
   */
  static fromEntries(entries: ReadonlyArray<SmtEntry>, hashSuite: HashSuite = 'sha256'): SparseMerkleTree {
    if (!Array.isArray(entries)) throw new TypeError('entries: expected an array');
    const tree = new SparseMerkleTree(entries.length, hashSuite);
    tree.update(entries);
    return tree;
  }

  /** The hash suite every node of this tree is hashed with. */
  get hashSuite(): HashSuite {
    return this.alg;
  }

  /** Number of records. */
  get size(): number {
    return this.count;
  }

  /** The 32-byte root; H(0x02) (`emptyHashOf(suite)`) for an empty tree. */
  root(): Uint8Array {
    return this.hashOf(this.rootNode);
  }

  /** The value stored under `key` (a copy), or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    this.mustKeepRecords('get');
    assertBytes(key, undefined, 'key');
    const kh = hash(this.alg, key, 'buffer');
    let n = this.rootNode;
    let d = 0;
    while (n !== EMPTY) {
      if (this.kind[n] === LEAF) {
        const slot = this.a[n]!;
        return this.leafKeyHashEquals(slot, kh, 0) ? this.valueOf(slot) : undefined;
      }
      n = pathBitAt(kh, 0, d) === 0 ? this.a[n]! : this.b[n]!;
      d++;
    }
    return undefined;
  }

  /**
   * Apply a batch: insert or overwrite (`value`), delete (`null`). Only the paths the batch
   * touches are re-hashed, each node once. Within a batch the last change of a key wins.
   * Returns the new root.
   */
  update(entries: ReadonlyArray<SmtChange>): Uint8Array {
    if (!Array.isArray(entries)) throw new TypeError('entries: expected an array');
    const m = entries.length;
    const keyHashes = new Uint8Array(m * HASH_BYTES);
    const batch: Batch = {
      keyHashes,
      keyWords: new DataView(keyHashes.buffer),
      keys: new Array(m),
      values: new Array(m),
      order: new Int32Array(m),
      word: new Uint32Array(m),
    };
    for (let i = 0; i < m; i++) {
      const e = entries[i] as SmtChange | undefined;
      if (typeof e !== 'object' || e === null) throw new TypeError(`entries[${i}]: expected { key, value }`);
      assertBytes(e.key, undefined, `entries[${i}].key`);
      if (e.value !== null) assertBytes(e.value, undefined, `entries[${i}].value`);
      batch.keyHashes.set(hash(this.alg, e.key, 'buffer'), i * HASH_BYTES);
      batch.keys[i] = e.key;
      batch.values[i] = e.value;
      batch.order[i] = i;
    }
    this.rootNode = this.apply(batch, this.rootNode, 0, 0, m);
    return this.root();
  }

  /** A proof for `key`: membership when present, non-membership otherwise. */
  prove(key: Uint8Array): SmtProof {
    assertBytes(key, undefined, 'key');
    const kh = hash(this.alg, key, 'buffer');
    const path: number[] = [];
    let n = this.rootNode;
    let d = 0;
    while (n !== EMPTY && this.kind[n] === INNER) {
      if (pathBitAt(kh, 0, d) === 0) {
        path.push(this.b[n]!);
        n = this.a[n]!;
      } else {
        path.push(this.a[n]!);
        n = this.b[n]!;
      }
      d++;
    }
    const siblings = new Array<Uint8Array>(path.length);
    for (let i = 0; i < path.length; i++) siblings[i] = this.hashOf(path[path.length - 1 - i]!);
    if (n === EMPTY) return { kind: 'absent', siblings };
    const slot = this.a[n]!;
    const o = slot * LEAF_BYTES;
    const leaf = {
      keyHash: this.leafBytes.slice(o + 1, o + 1 + HASH_BYTES),
      valueHash: this.leafBytes.slice(o + 1 + HASH_BYTES, o + LEAF_BYTES),
    };
    return { kind: this.leafKeyHashEquals(slot, kh, 0) ? 'member' : 'absent', siblings, leaf };
  }

  /** Every record (copies), in path order (ascending keyHash): for snapshots and persistence. */
  *entries(): IterableIterator<SmtEntry> {
    this.mustKeepRecords('entries');
    if (this.rootNode === EMPTY) return;
    const stack: number[] = [this.rootNode];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (this.kind[n] === LEAF) {
        const slot = this.a[n]!;
        yield { key: this.keyOf(slot), value: this.valueOf(slot) };
        continue;
      }
      if (this.b[n] !== EMPTY) stack.push(this.b[n]!);
      if (this.a[n] !== EMPTY) stack.push(this.a[n]!);
    }
  }

  // ---- batch application --------------------------------------------------------------

  /** Apply batch range [lo, hi) to the subtree `n` at depth `d`; returns the new subtree. */
  private apply(batch: Batch, n: number, d: number, lo: number, hi: number): number {
    if (lo >= hi) return n;
    if (n === EMPTY) return this.build(batch, d, lo, hi, EMPTY);
    if (this.kind[n] === LEAF) {
      // Changes to this leaf's own key are taken out of the range; the last one decides.
      const slot = this.a[n]!;
      let winner = -1;
      let j = lo;
      for (let i = lo; i < hi; i++) {
        const e = batch.order[i]!;
        if (this.leafKeyHashEquals(slot, batch.keyHashes, e * HASH_BYTES)) {
          if (e > winner) winner = e;
        } else {
          batch.word[j] = batch.word[i]!;
          batch.order[j++] = e;
        }
      }
      let extra = n;
      if (winner >= 0) {
        const value = batch.values[winner]!;
        if (value === null) {
          this.freeLeafNode(n);
          extra = EMPTY;
        } else {
          this.setLeafValue(n, batch.keys[winner]!, value);
        }
      }
      return this.build(batch, d, lo, j, extra);
    }
    const mid = this.partition(batch, lo, hi, d);
    const l = this.apply(batch, this.a[n]!, d + 1, lo, mid);
    const r = this.apply(batch, this.b[n]!, d + 1, mid, hi);
    return this.join(n, l, r);
  }

  /**
   * Build the subtree at depth `d` from batch range [lo, hi) plus an existing leaf `extra`
   * (whose key the range no longer contains). Deletions in the range are no-ops here.
   */
  private build(batch: Batch, d: number, lo: number, hi: number, extra: number): number {
    if (lo >= hi) return extra;
    if (hi - lo === 1 && extra === EMPTY) return this.newLeaf(batch, batch.order[lo]!);
    if (d === MAX_DEPTH) {
      // All 256 bits agree: one key given several times; the last change wins.
      let winner = -1;
      for (let i = lo; i < hi; i++) winner = Math.max(winner, batch.order[i]!);
      return this.newLeaf(batch, winner);
    }
    const mid = this.partition(batch, lo, hi, d);
    let extraBit = -1;
    if (extra !== EMPTY) extraBit = pathBitAt(this.leafBytes, this.a[extra]! * LEAF_BYTES + 1, d);
    const l = this.build(batch, d + 1, lo, mid, extraBit === 0 ? extra : EMPTY);
    const r = this.build(batch, d + 1, mid, hi, extraBit === 1 ? extra : EMPTY);
    return this.join(EMPTY, l, r);
  }

  /**
   * The node over children `l`, `r`, reusing inner node `n` when given. Compaction: a leaf
   * (or nothing) beside an empty subtree moves up, since an inner node needs two leaves below.
   */
  private join(n: number, l: number, r: number): number {
    if ((l === EMPTY && (r === EMPTY || this.kind[r] === LEAF)) || (r === EMPTY && this.kind[l] === LEAF)) {
      if (n !== EMPTY) this.freeNode(n);
      return l === EMPTY ? r : l;
    }
    const node = n === EMPTY ? this.allocNode() : n;
    this.kind[node] = INNER;
    this.a[node] = l;
    this.b[node] = r;
    const s = this.scratch;
    s[0] = NodePrefix.Inner;
    this.copyHash(l, s, 1);
    this.copyHash(r, s, 1 + HASH_BYTES);
    this.hashes.set(hash(this.alg, s, 'buffer'), node * HASH_BYTES);
    return node;
  }

  /**
   * Partition batch.order[lo, hi) by path bit `d`: zeros first. Returns the first one.
   * Each range is partitioned once per depth; at a depth that starts a new 32-bit word of the
   * path, the range's words are (re)loaded from the keyHash arena.
   */
  private partition(batch: Batch, lo: number, hi: number, d: number): number {
    const { order, word } = batch;
    if ((d & 31) === 0) {
      const at = (d >>> 5) * 4;
      for (let i = lo; i < hi; i++) word[i] = batch.keyWords.getUint32(order[i]! * HASH_BYTES + at);
    }
    const shift = 31 - (d & 31);
    let i = lo;
    let j = hi - 1;
    for (;;) {
      while (i <= j && ((word[i]! >>> shift) & 1) === 0) i++;
      while (i <= j && ((word[j]! >>> shift) & 1) === 1) j--;
      if (i >= j) return i;
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
      const w = word[i]!;
      word[i] = word[j]!;
      word[j] = w;
      i++;
      j--;
    }
  }

  // ---- nodes and leaves ---------------------------------------------------------------

  /** A leaf node for batch entry `e`, or EMPTY when the entry is a deletion. */
  private newLeaf(batch: Batch, e: number): number {
    const value = batch.values[e]!;
    if (value === null) return EMPTY;
    const slot = this.allocLeaf();
    this.leafBytes[slot * LEAF_BYTES] = NodePrefix.Leaf;
    copy(batch.keyHashes, e * HASH_BYTES, this.leafBytes, slot * LEAF_BYTES + 1, HASH_BYTES);
    const node = this.allocNode();
    this.kind[node] = LEAF;
    this.a[node] = slot;
    this.count++;
    this.setLeafValue(node, batch.keys[e]!, value);
    return node;
  }

  /** Store the record in leaf `node` (copied into the heap), write its valueHash, re-hash the leaf. */
  private setLeafValue(node: number, key: Uint8Array, value: Uint8Array): void {
    const slot = this.a[node]!;
    const o = slot * LEAF_BYTES;
    this.storeRecord(slot, key, value);
    this.leafBytes.set(hash(this.alg, value, 'buffer'), o + 1 + HASH_BYTES);
    this.hashes.set(hash(this.alg, this.leafBytes.subarray(o, o + LEAF_BYTES), 'buffer'), node * HASH_BYTES);
  }

  private freeLeafNode(node: number): void {
    const slot = this.a[node]!;
    this.dropRecord(slot);
    this.freeLeaves.push(slot);
    this.count--;
    this.freeNode(node);
  }

  private freeNode(node: number): void {
    this.kind[node] = FREE;
    this.freeNodes.push(node);
  }

  private allocNode(): number {
    const reused = this.freeNodes.pop();
    if (reused !== undefined) return reused;
    if (this.nodeTop === this.kind.length) {
      const cap = this.kind.length * 2;
      this.kind = grow(this.kind, new Uint8Array(cap));
      this.a = grow(this.a, new Int32Array(cap));
      this.b = grow(this.b, new Int32Array(cap));
      this.hashes = grow(this.hashes, new Uint8Array(cap * HASH_BYTES));
    }
    return this.nodeTop++;
  }

  private allocLeaf(): number {
    const reused = this.freeLeaves.pop();
    if (reused !== undefined) return reused;
    if (this.leafTop === this.recOffset.length) {
      const cap = this.recOffset.length * 2;
      this.leafBytes = grow(this.leafBytes, new Uint8Array(cap * LEAF_BYTES));
      this.recOffset = grow(this.recOffset, new Int32Array(cap));
      this.keyLength = grow(this.keyLength, new Int32Array(cap));
      this.valueLength = grow(this.valueLength, new Int32Array(cap));
    }
    const slot = this.leafTop++;
    this.recOffset[slot] = -1;
    return slot;
  }

  // ---- record heap --------------------------------------------------------------------

  private keyOf(slot: number): Uint8Array {
    const o = this.recOffset[slot]!;
    return this.recBytes.slice(o, o + this.keyLength[slot]!);
  }

  private valueOf(slot: number): Uint8Array {
    const o = this.recOffset[slot]! + this.keyLength[slot]!;
    return this.recBytes.slice(o, o + this.valueLength[slot]!);
  }

  private mustKeepRecords(what: string): void {
    if (!this.keepsRecords) throw new TypeError(`${what}: this tree keeps hashes only (made with records: false)`);
  }

  private dropRecord(slot: number): void {
    if (this.recOffset[slot]! < 0) return;
    this.recGarbage += this.keyLength[slot]! + this.valueLength[slot]!;
    this.recOffset[slot] = -1;
  }

  /** Append key || value for `slot` (the old copy, if any, becomes garbage). */
  private storeRecord(slot: number, key: Uint8Array, value: Uint8Array): void {
    if (!this.keepsRecords) return;
    this.dropRecord(slot);
    const need = key.length + value.length;
    if (this.recTop + need > this.recBytes.length) this.makeRoom(need);
    const o = this.recTop;
    copy(key, 0, this.recBytes, o, key.length);
    copy(value, 0, this.recBytes, o + key.length, value.length);
    this.recOffset[slot] = o;
    this.keyLength[slot] = key.length;
    this.valueLength[slot] = value.length;
    this.recTop += need;
  }

  /** Compact the heap when at least half of it is garbage, else grow it (doubling). */
  private makeRoom(need: number): void {
    const live = this.recTop - this.recGarbage;
    let cap = this.recBytes.length;
    while (cap < 2 * (live + need)) cap *= 2;
    if (cap > 0x7fffffff) throw new RangeError('SparseMerkleTree: record bytes exceed 2 GiB');
    const fresh = new Uint8Array(cap);
    let top = 0;
    for (let slot = 0; slot < this.leafTop; slot++) {
      const o = this.recOffset[slot]!;
      if (o < 0) continue;
      const n = this.keyLength[slot]! + this.valueLength[slot]!;
      fresh.set(this.recBytes.subarray(o, o + n), top);
      this.recOffset[slot] = top;
      top += n;
    }
    this.recBytes = fresh;
    this.recTop = top;
    this.recGarbage = 0;
  }

  private leafKeyHashEquals(slot: number, other: Uint8Array, offset: number): boolean {
    const o = slot * LEAF_BYTES + 1;
    const lb = this.leafBytes;
    for (let i = 0; i < HASH_BYTES; i++) if (lb[o + i] !== other[offset + i]) return false;
    return true;
  }

  private copyHash(n: number, into: Uint8Array, at: number): void {
    if (n === EMPTY) into.set(this.emptyHash, at);
    else copy(this.hashes, n * HASH_BYTES, into, at, HASH_BYTES);
  }

  private hashOf(n: number): Uint8Array {
    return n === EMPTY ? this.emptyHash.slice() : this.hashes.slice(n * HASH_BYTES, (n + 1) * HASH_BYTES);
  }
}

/** Byte copy; a plain loop beats `set(subarray(...))` for the short runs the tree copies. */
function copy(from: Uint8Array, fromAt: number, to: Uint8Array, toAt: number, n: number): void {
  if (n > 128) {
    to.set(from.subarray(fromAt, fromAt + n), toAt);
    return;
  }
  for (let i = 0; i < n; i++) to[toAt + i] = from[fromAt + i]!;
}

function grow<T extends Uint8Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

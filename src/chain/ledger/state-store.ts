/**
 * The ledger's state on disk: the versioned sparse Merkle tree of src/proof/versioned-tree.ts in
 * one LMDB environment (memory-mapped B-trees, one writer, readers never blocked), one version per
 * block height. The tree logic is pure; this file only reads and writes its records.
 *
 * Sub-databases:
 *   nodes   node key -> inner or leaf node            (written once, deleted by prune)
 *   values  keyHash | u32 version -> value bytes       (same)
 *   roots   u32 version -> kind | u32 nodeVersion | hash | f64 size
 *   stale   u32 staleSince | 0 (node) or 1 (value) | key -> (nothing): what prune may delete
 *   meta    'latest' / 'oldest' -> u32
 * Node keys start with their version, so one version's writes append at the end of the B-tree
 * (sequential page writes whatever the record keys are).
 *
 * One `commit` is one LMDB transaction: the tree, and whatever the caller writes alongside in
 * `also` (the ledger's indexes), are all there or none is, whenever the process dies.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { HashSuite } from '../../crypto/hash-suite.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { HASH_BYTES } from '../../proof/node-hash.js';
import type { SmtChange } from '../../proof/sparse-merkle-tree.js';
import type { SmtProof } from '../../proof/smt-proof.js';
import {
  MAX_VERSION,
  type NodeKind,
  applyChanges,
  emptyRoot,
  findLeaf,
  proveKey,
  type NodeReader,
  type VersionRoot,
  type VersionSink,
} from '../../proof/versioned-tree.js';
import { hash } from 'node:crypto';

export interface StateStoreOptions {
  /** The chain's hash suite; a store made under one suite refuses to open under the other. */
  hashSuite?: HashSuite;
  /** Flush to disk on every commit (default false: a killed process loses nothing, a power cut may lose the last commits). */
  durable?: boolean;
}

const ROOT_BYTES = 1 + 8 + HASH_BYTES + 8;
/** The record layout on disk (2: stale keys kept as sorted lists per version). */
const STORE_FORMAT = 2;
/** Each version's nodes and values come in ascending key order, after every older key. */
const APPEND = { append: true } as const;

export class StateStore {
  readonly hashSuite: HashSuite;
  private readonly env: RootDatabase;
  private readonly nodes: Database<Uint8Array, Uint8Array>;
  private readonly values: Database<Uint8Array, Uint8Array>;
  private readonly roots: Database<Uint8Array, number>;
  private readonly stale: Database<Uint8Array, Uint8Array>;
  private readonly meta: Database<Uint8Array, string>;
  private latest = 0;
  private oldest = 0;
  private latestRoot: VersionRoot;
  private readonly read: NodeReader;

  private constructor(
    readonly dir: string,
    opts: StateStoreOptions,
  ) {
    this.hashSuite = opts.hashSuite ?? 'sha256';
    this.env = open({ path: dir, maxDbs: 16, noSync: opts.durable !== true, noMemInit: true, compression: false });
    const bin = { encoding: 'binary', keyEncoding: 'binary', compression: false } as const;
    this.nodes = this.env.openDB({ name: 'nodes', ...bin });
    this.values = this.env.openDB({ name: 'values', ...bin });
    this.stale = this.env.openDB({ name: 'stale', ...bin });
    this.roots = this.env.openDB({ name: 'roots', encoding: 'binary', keyEncoding: 'uint32', compression: false });
    this.meta = this.env.openDB({ name: 'meta', encoding: 'binary', compression: false });
    const suite = this.meta.getBinary('suite');
    if (suite === undefined) this.meta.putSync('suite', Buffer.from(this.hashSuite));
    else if (Buffer.from(suite).toString() !== this.hashSuite)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'state_suite_mismatch',
        `state store ${dir} was written under ${Buffer.from(suite).toString()}, not ${this.hashSuite}`,
      );
    this.latest = this.metaU32('latest');
    const format = this.metaU32('format');
    if (this.latest === 0 && format === 0) this.meta.putSync('format', u32(STORE_FORMAT));
    else if (format !== STORE_FORMAT)
      throw this.damaged(
        `written in store format ${format}, this build reads format ${STORE_FORMAT}; restart with rebuild to rebuild it from the block log`,
      );
    this.oldest = this.metaU32('oldest');
    this.latestRoot = this.latest === 0 ? emptyRoot(this.hashSuite) : this.rootInfo(this.latest);
    this.read = (k) => this.nodes.getBinaryFast(k);
  }

  /** Open (or create) the store in directory `dir`. */
  static open(dir: string, opts: StateStoreOptions = {}): StateStore {
    return new StateStore(dir, opts);
  }

  /** The latest version written (0: none). */
  get version(): number {
    return this.latest;
  }

  /** The oldest version still readable (versions below it were pruned). */
  get oldestVersion(): number {
    return Math.max(this.oldest, this.latest === 0 ? 0 : 1);
  }

  /** The root record of `version` (latest when omitted). */
  rootInfo(version?: number): VersionRoot {
    const v = this.checkVersion(version);
    if (v === 0) return emptyRoot(this.hashSuite);
    if (v === this.latest && this.latestRoot !== undefined) return this.latestRoot;
    const b = this.roots.getBinary(v);
    if (b === undefined || b.length !== ROOT_BYTES) throw this.damaged(`no root record for version ${v}`);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return {
      kind: b[0] as NodeKind,
      version: dv.getUint32(1),
      seq: dv.getUint32(5),
      hash: Uint8Array.prototype.slice.call(b, 9, 9 + HASH_BYTES),
      size: dv.getFloat64(9 + HASH_BYTES),
    };
  }

  /** The state root at `version` (latest when omitted). */
  root(version?: number): Uint8Array {
    return this.rootInfo(version).hash.slice();
  }

  /** Records in the state at `version`. */
  size(version?: number): number {
    return this.rootInfo(version).size;
  }

  /** The value of `key` at `version` (latest when omitted), or undefined. */
  get(key: Uint8Array, version?: number): Uint8Array | undefined {
    const keyHash = new Uint8Array(hash(this.hashSuite, key, 'buffer'));
    const leaf = findLeaf(this.read, this.rootInfo(version), keyHash);
    if (leaf === undefined || !Buffer.from(leaf.keyHash).equals(keyHash)) return undefined;
    return this.valueOf(leaf.valueKey);
  }

  /** Proof of `key` (membership or absence) against `root(version)`; identical to `SparseMerkleTree.prove`. */
  prove(key: Uint8Array, version?: number): SmtProof {
    return proveKey(this.read, this.rootInfo(version), key, this.hashSuite).proof;
  }

  /** Proof and value together (one walk). */
  proveWithValue(key: Uint8Array, version?: number): { proof: SmtProof; value: Uint8Array | undefined } {
    const { proof, present } = proveKey(this.read, this.rootInfo(version), key, this.hashSuite);
    return { proof, value: present === undefined ? undefined : this.valueOf(present.valueKey) };
  }

  /**
   * Write `changes` as `version` (default latest + 1) in one transaction. `finish` runs inside it
   * once the root is known, with the caller's own writes (and checks: if it throws, nothing of
   * this version is written). Returns the new root record.
   */
  write(changes: ReadonlyArray<SmtChange>, version = this.latest + 1, finish?: (root: VersionRoot) => void): VersionRoot {
    if (!Number.isInteger(version) || version <= this.latest)
      throw new RangeError(`state store: version ${version} is not after the latest (${this.latest})`);
    const v = version;
    const staleNodes = new KeyList();
    const staleValues = new KeyList();
    const sink: VersionSink = {
      node: (k, val) => appendPut(this.nodes, k, val),
      value: (k, val) => appendPut(this.values, k, val),
      staleNode: (k) => staleNodes.push(k),
      staleValue: (k) => staleValues.push(k),
    };
    const root = this.env.transactionSync(() => {
      const r = applyChanges(this.read, this.latestRoot, v, changes, this.hashSuite, sink);
      staleNodes.writeTo(this.stale, v, STALE_NODES);
      staleValues.writeTo(this.stale, v, STALE_VALUES);
      const rootRec = new Uint8Array(ROOT_BYTES);
      const dv = new DataView(rootRec.buffer);
      rootRec[0] = r.kind;
      dv.setUint32(1, r.version);
      dv.setUint32(5, r.seq);
      rootRec.set(r.hash, 9);
      dv.setFloat64(9 + HASH_BYTES, r.size);
      this.roots.put(v, rootRec);
      this.meta.put('latest', u32(v));
      if (this.oldest === 0) this.meta.put('oldest', u32(v));
      finish?.(r);
      return r;
    });
    this.latest = v;
    if (this.oldest === 0) this.oldest = v;
    this.latestRoot = root;
    return root;
  }

  /** Apply `changes` as the next version (or `version`); returns the new root. */
  update(changes: ReadonlyArray<SmtChange>, version?: number): Uint8Array {
    return this.write(changes, version).hash.slice();
  }

  /**
   * Drop every version below `below`: deletes the nodes and values only those versions reach
   * (those listed stale since a version <= `below`). Returns how many records were deleted.
   */
  prune(below: number): number {
    if (!Number.isInteger(below) || below > this.latest)
      throw new RangeError(`state store: cannot prune below ${below} (latest is ${this.latest})`);
    if (below <= this.oldest) return 0;
    let deleted = 0;
    const end = u32(below + 1);
    for (;;) {
      // A few lists per transaction, so one prune of a long history does not make one huge transaction.
      const lists = [...this.stale.getRange({ end, limit: 4 })].map(({ key, value }) => ({
        key: key as Uint8Array,
        keys: Uint8Array.prototype.slice.call(value),
      }));
      if (lists.length === 0) break;
      this.env.transactionSync(() => {
        for (const { key, keys } of lists) {
          const db = key[4] === STALE_NODES ? this.nodes : this.values;
          // Sorted when written: the deletes walk the B-tree in order.
          for (let o = 0; o < keys.length; o += NODE_KEY_BYTES) db.remove(keys.subarray(o, o + NODE_KEY_BYTES));
          this.stale.remove(key);
          deleted += keys.length / NODE_KEY_BYTES;
        }
      });
    }
    this.env.transactionSync(() => {
      for (const v of [...this.roots.getKeys({ end: below })]) this.roots.remove(v);
      this.meta.put('oldest', u32(below));
    });
    this.oldest = below;
    return deleted;
  }

  /** A sub-database for the caller's own records kept beside the tree (written in `commit`'s `also`). */
  openAux(name: string): Database<Uint8Array, Uint8Array> {
    return this.env.openDB({ name: `aux.${name}`, encoding: 'binary', keyEncoding: 'binary', compression: false });
  }

  /** Records held: tree nodes, values, stale lists (what pruning leaves behind is visible here). */
  counts(): { nodes: number; values: number; staleLists: number } {
    return { nodes: this.nodes.getCount(), values: this.values.getCount(), staleLists: this.stale.getCount() };
  }

  /** Bytes of the store's data file (what it takes on disk). */
  diskBytes(): number {
    return statSync(join(this.dir, 'data.mdb')).size;
  }

  /** Path of the data file (to evict it from the page cache in benches). */
  get dataFile(): string {
    return join(this.dir, 'data.mdb');
  }

  /** Wait until every write is on disk. */
  async flushed(): Promise<void> {
    await this.env.flushed;
  }

  close(): void {
    void this.env.close();
  }

  // ---- internals ----------------------------------------------------------------------------

  private checkVersion(version: number | undefined): number {
    if (version === undefined) return this.latest;
    if (!Number.isInteger(version) || version < 0 || version > MAX_VERSION || version > this.latest)
      throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_version', `state store has no version ${version} (latest is ${this.latest})`);
    if (version !== 0 && version < this.oldestVersion)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'version_pruned',
        `state version ${version} was pruned (the oldest retained is ${this.oldestVersion})`,
      );
    return version;
  }

  private valueOf(key: Uint8Array): Uint8Array {
    const b = this.values.getBinary(key);
    if (b === undefined) throw this.damaged(`no value record ${Buffer.from(key).toString('hex')}`);
    return new Uint8Array(b);
  }

  private metaU32(name: string): number {
    const b = this.meta.getBinary(name);
    return b === undefined ? 0 : new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0);
  }

  private damaged(what: string): CourtbridgeError {
    return new CourtbridgeError(ErrorCode.FailedPrecondition, 'corrupt_state_store', `state store ${this.dir}: ${what}`);
  }
}

/** `put` with MDB_APPEND (lmdb-js takes put options at run time; its typings name them only for putSync). */
function appendPut(db: Database<Uint8Array, Uint8Array>, key: Uint8Array, value: Uint8Array): void {
  void (db.put as unknown as (k: Uint8Array, v: Uint8Array, o: typeof APPEND) => Promise<boolean>).call(db, key, value, APPEND);
}

function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v);
  return b;
}

/** Stale lists: key u32 staleSince | u8 nodes/values | u32 part; value the record keys, sorted, 8 bytes each. */
const STALE_NODES = 0;
const STALE_VALUES = 1;
const NODE_KEY_BYTES = 8;
/** Keys per stale list record (64 KiB values: LMDB overflow pages, written once, read once). */
const STALE_PART_KEYS = 8192;

/**
 * The record keys one version makes stale, gathered in memory (8 bytes each) and written as a few
 * sorted list records instead of one record per key: a version that replaces half a million nodes
 * writes ~60 records, and `prune` reads them back in order instead of walking half a million keys.
 */
class KeyList {
  // Unpooled (offset 0): the sort views it as 64-bit integers, which need 8-byte alignment.
  private buf = Buffer.allocUnsafeSlow(64 * NODE_KEY_BYTES);
  private n = 0;

  push(key: Uint8Array): void {
    if (key.length !== NODE_KEY_BYTES) throw new RangeError(`stale key of ${key.length} bytes`);
    if ((this.n + 1) * NODE_KEY_BYTES > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.n * NODE_KEY_BYTES);
      this.buf = grown;
    }
    this.buf.set(key, this.n * NODE_KEY_BYTES);
    this.n++;
  }

  writeTo(db: Database<Uint8Array, Uint8Array>, version: number, tag: number): void {
    if (this.n === 0) return;
    const keys = this.buf.subarray(0, this.n * NODE_KEY_BYTES);
    // Big-endian keys sort as unsigned 64-bit integers once byte-swapped: a native typed-array sort.
    keys.swap64();
    new BigUint64Array(keys.buffer, keys.byteOffset, this.n).sort();
    keys.swap64();
    for (let part = 0; part * STALE_PART_KEYS < this.n; part++) {
      const key = new Uint8Array(9);
      const dv = new DataView(key.buffer);
      dv.setUint32(0, version);
      key[4] = tag;
      dv.setUint32(5, part);
      const from = part * STALE_PART_KEYS * NODE_KEY_BYTES;
      void db.put(key, keys.subarray(from, Math.min(keys.length, from + STALE_PART_KEYS * NODE_KEY_BYTES)));
    }
  }
}

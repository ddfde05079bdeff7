/**
 * Where the dev ledger keeps its state: the records under the state tree, the secondary index
 * (`<index name>/<value>` -> record keys) and the ids of committed transactions. In memory for a
 * ledger without a data dir (tests, benches); on disk (LMDB, state-store.ts) under
 * `<dataDir>/state/` otherwise, so memory stays flat however many records the chain holds and a
 * restart opens the store instead of rebuilding it.
 *
 * A block is applied in one step: `apply` computes the new state root and hands it to the ledger
 * (which seals the block and appends it to the log) before the writes are committed. On disk that
 * is one LMDB transaction, so a killed process leaves the state at a block boundary, never ahead
 * of the log.
 */
import { rmSync } from 'node:fs';
import type { Database } from 'lmdb';
import type { HashSuite } from '../../crypto/hash-suite.js';
import { fromUtf8, utf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { SparseMerkleTree } from '../../proof/sparse-merkle-tree.js';
import type { SmtProof } from '../../proof/smt-proof.js';
import { StateStore } from './state-store.js';

/** One record write of a block, with the index entries it is filed under afterwards. */
export interface StagedWrite {
  key: string;
  value: Uint8Array | null;
  /** `<index name>/<value>` keys (empty on delete). */
  indexKeys: string[];
}

export interface LedgerState {
  /** The height the state is at (the last block committed to it; 0 when new). */
  readonly height: number;
  get(key: string): Uint8Array | undefined;
  /** Value and proof at `height` (latest when omitted). */
  prove(key: string, height?: number): { value: Uint8Array | null; proof: SmtProof };
  /** Record keys filed under `<index name>/<value>` (any order). */
  lookup(indexKey: string): string[];
  /** The index keys `recordKey` is filed under. */
  indexKeysOf(recordKey: string): string[];
  hasTx(id: string): boolean;
  /**
   * Apply block `height`'s writes. `finish` gets the new state root before anything is committed
   * (the ledger seals and logs the block, or checks the root on replay); if it throws, the state
   * stays at the previous height (on disk; an in-memory state is not used after that).
   */
  apply(height: number, writes: StagedWrite[], txIds: string[], finish: (root: Uint8Array) => void): void;
  close(): void;
}

/** The in-memory state (no data dir). Only the latest height can be proven. */
export class MemoryState implements LedgerState {
  private readonly tree: SparseMerkleTree;
  private readonly values = new Map<string, Uint8Array>();
  private readonly index = new Map<string, Set<string>>();
  private readonly indexOf = new Map<string, string[]>();
  private readonly txIds = new Set<string>();
  height = 0;

  constructor(hashSuite: HashSuite) {
    // The values are in `values`: the tree keeps hashes only.
    this.tree = new SparseMerkleTree(16, hashSuite, { records: false });
  }

  get(key: string): Uint8Array | undefined {
    return this.values.get(key);
  }

  prove(key: string, height?: number): { value: Uint8Array | null; proof: SmtProof } {
    if (height !== undefined && height !== this.height)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'version_pruned',
        `an in-memory ledger proves only its latest height (${this.height}), not ${height}`,
      );
    return { value: this.values.get(key) ?? null, proof: this.tree.prove(utf8(key)) };
  }

  lookup(indexKey: string): string[] {
    return [...(this.index.get(indexKey) ?? [])];
  }

  indexKeysOf(recordKey: string): string[] {
    return this.indexOf.get(recordKey) ?? [];
  }

  hasTx(id: string): boolean {
    return this.txIds.has(id);
  }

  apply(height: number, writes: StagedWrite[], txIds: string[], finish: (root: Uint8Array) => void): void {
    finish(this.tree.update(writes.map((w) => ({ key: utf8(w.key), value: w.value }))));
    for (const w of writes) {
      for (const k of this.indexOf.get(w.key) ?? []) {
        const set = this.index.get(k);
        set?.delete(w.key);
        if (set?.size === 0) this.index.delete(k);
      }
      this.indexOf.delete(w.key);
      if (w.value === null) {
        this.values.delete(w.key);
        continue;
      }
      this.values.set(w.key, w.value);
      for (const k of w.indexKeys) {
        let set = this.index.get(k);
        if (!set) {
          set = new Set();
          this.index.set(k, set);
        }
        set.add(w.key);
      }
      if (w.indexKeys.length > 0) this.indexOf.set(w.key, w.indexKeys);
    }
    for (const id of txIds) this.txIds.add(id);
    this.height = height;
  }

  close(): void {}
}

const ONE = Uint8Array.of(1);

/**
 * The state on disk: the tree (one version per height) and, beside it in the same transactions,
 * the index (`indexKey \0 recordKey`), each record's index keys, and the tx ids. The index and the
 * tx ids are kept for the latest height only.
 */
export class DiskState implements LedgerState {
  private readonly store: StateStore;
  private readonly index: Database<Uint8Array, Uint8Array>;
  private readonly indexOf: Database<Uint8Array, Uint8Array>;
  private readonly txIds: Database<Uint8Array, Uint8Array>;

  /** Open the state in `dir`; `fresh` deletes whatever is there first (a rebuild from the log). */
  constructor(
    dir: string,
    opts: { hashSuite: HashSuite; durable: boolean; fresh?: boolean; retainHeights?: number },
    private readonly retainHeights = opts.retainHeights,
  ) {
    if (opts.fresh === true) rmSync(dir, { recursive: true, force: true });
    this.store = StateStore.open(dir, { hashSuite: opts.hashSuite, durable: opts.durable });
    this.index = this.store.openAux('index');
    this.indexOf = this.store.openAux('index-of');
    this.txIds = this.store.openAux('tx-ids');
  }

  get height(): number {
    return this.store.version;
  }

  /** The store's root at its latest height (checked against the log's header on open). */
  root(): Uint8Array {
    return this.store.root();
  }

  get oldestHeight(): number {
    return this.store.oldestVersion;
  }

  get(key: string): Uint8Array | undefined {
    return this.store.get(utf8(key));
  }

  prove(key: string, height?: number): { value: Uint8Array | null; proof: SmtProof } {
    const { proof, value } = this.store.proveWithValue(utf8(key), height);
    return { value: value ?? null, proof };
  }

  lookup(indexKey: string): string[] {
    const prefix = Buffer.concat([Buffer.from(indexKey), Buffer.of(0)]);
    const end = Buffer.concat([Buffer.from(indexKey), Buffer.of(1)]);
    const out: string[] = [];
    for (const k of this.index.getKeys({ start: prefix, end })) out.push(fromUtf8((k as Uint8Array).subarray(prefix.length)));
    return out;
  }

  indexKeysOf(recordKey: string): string[] {
    const b = this.indexOf.getBinary(utf8(recordKey));
    return b === undefined ? [] : (JSON.parse(fromUtf8(b)) as string[]);
  }

  hasTx(id: string): boolean {
    return this.txIds.getBinaryFast(utf8(id)) !== undefined;
  }

  apply(height: number, writes: StagedWrite[], txIds: string[], finish: (root: Uint8Array) => void): void {
    const unfile = writes.map((w) => this.indexKeysOf(w.key));
    const changes = writes.map((w) => ({ key: utf8(w.key), value: w.value }));
    this.store.write(changes, height, (root) => {
      finish(root.hash.slice());
      writes.forEach((w, i) => {
        const rk = utf8(w.key);
        for (const k of unfile[i]!) this.index.remove(indexEntry(k, w.key));
        if (unfile[i]!.length > 0 && (w.value === null || w.indexKeys.length === 0)) this.indexOf.remove(rk);
        if (w.value === null) return;
        for (const k of w.indexKeys) this.index.put(indexEntry(k, w.key), ONE);
        if (w.indexKeys.length > 0) this.indexOf.put(rk, utf8(JSON.stringify(w.indexKeys)));
      });
      for (const id of txIds) this.txIds.put(utf8(id), ONE);
    });
    // Keep `retainHeights` heights provable; prune in steps (of up to 100 heights) so a block rarely pays for it.
    const keep = this.retainHeights;
    if (keep !== undefined && height - keep + 1 - this.store.oldestVersion >= Math.min(100, keep)) this.store.prune(height - keep + 1);
  }

  close(): void {
    this.store.close();
  }
}

function indexEntry(indexKey: string, recordKey: string): Uint8Array {
  return Buffer.concat([Buffer.from(indexKey), Buffer.of(0), Buffer.from(recordKey)]);
}

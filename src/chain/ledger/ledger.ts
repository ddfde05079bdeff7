/**
 * The dev ledger: a small permissioned chain engine (DESIGN.md "Layout"). Adapters run it when a
 * partner has no chain of its own; the tests and the demo use it. It is a real chain in every
 * way the gateway can observe: blocks with headers that link by hash and commit to a sparse
 * Merkle state root, a quorum commit by its validators, validator-set changes by transaction,
 * and proofs against its signed headers. It plays all its validators in one process.
 *
 * Storage: `<dataDir>/blocks.log` (append-only, checksummed, see block-log.ts) is the source of
 * truth; `<dataDir>/state/` holds the state (records, index, tx ids) on disk, one tree version per
 * height (ledger-state.ts, state-store.ts), so memory stays flat however many records the chain
 * holds. On start the log is read in chunks and its headers checked (framing, links, commits);
 * the stored state must be at a logged height with that header's state root, and only the blocks
 * after it are executed again, each reproducing its logged state root, or the ledger refuses.
 *
 * Hashing: every header, validator-set hash, state tree and transactions root is hashed with the
 * ledger's `hashSuite`, the one its chain's registry entry names (SHA-256 unless told; SM3 for a
 * chain on national cryptography). A block log written under one suite does not open under the
 * other: its links and commits no longer check out, and the ledger refuses to start.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HashSuite } from '../../crypto/hash-suite.js';
import { equalBytes } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import { merkleRoot } from '../../proof/binary-merkle.js';
import type { SmtProof } from '../../proof/smt-proof.js';
import { ZERO_HASH, headerHash, type Header } from '../header.js';
import { verifyCommit } from '../commit.js';
import { signVote } from '../vote.js';
import type { LightBlock } from '../signed-header.js';
import { decodeValidatorSet, encodeValidatorSet, newValidatorSet, validatorSetHash, type ValidatorSet } from '../validator-set.js';
import { BlockLog } from './block-log.js';
import { decodeBlock, encodeBlock, type Block } from './block.js';
import type { ContractRegistry, StateView, StateWrite } from './contract.js';
import { DiskState, MemoryState, type LedgerState, type StagedWrite } from './ledger-state.js';
import { encodeTx, txHash, type Tx } from './transaction.js';
import type { SignatureSuite } from '../../crypto/signature-suite.js';
import { loadOrCreateValidatorKeys, newValidatorKeys, type ValidatorKey } from './validator-keys.js';

/** Built-in tx types the ledger itself handles. */
export const LedgerTx = {
  /** First tx of block 1: writes `ledger/genesis`, so no trusted state root is ever empty. */
  Genesis: 'ledger.genesis',
  /** Body: encodeValidatorSet(next). Takes effect at the next height (nextValidatorsHash). */
  SetValidators: 'ledger.validators',
} as const;

export interface DevLedgerOptions {
  chainId: string;
  contracts: ContractRegistry;
  /** Persist here; omit for an in-memory ledger (tests, benches). */
  dataDir?: string;
  /** Number of validators on first start (default 4). Ignored when `validatorKeys` is given. */
  validators?: number;
  /** The suite of validator keys made on first start (default secp256k1; an SM2 chain: 'sm2'). */
  signatureSuite?: SignatureSuite;
  /** Explicit validator key pool (a validator-set change may only name keys of this pool). */
  validatorKeys?: ValidatorKey[];
  /** Block time source (ms). The engine sits at the I/O edge; the verifier never reads a clock. */
  clock?: () => number;
  /** At most this many txs per block (default 10,000). */
  maxTxsPerBlock?: number;
  /**
   * Heights whose state stays provable (`prove(key, height)`); older tree versions are pruned.
   * Default: all (a dev chain); a chain of billions of records sets a window.
   */
  retainHeights?: number;
  /** fsync the block log on every block (default false: dev chain). */
  fsync?: boolean;
  /** The hash suite of the chain's registry entry: headers, validator sets, state tree, tx root. SHA-256 unless told. */
  hashSuite?: HashSuite;
}

export interface TxReceipt {
  txHash: Uint8Array;
  height: number;
  index: number;
  timeMs: number;
}

export interface RecordProof {
  key: string;
  value: Uint8Array | null;
  proof: SmtProof;
  /** The header (with commit and validator set) whose state root the proof verifies against. */
  light: LightBlock;
}

interface Pending {
  tx: Tx;
  resolve(r: TxReceipt): void;
  reject(e: unknown): void;
}

/** A record newly filed under a secondary index entry (`onIndexed`). */
export interface IndexedRecord {
  /** The index name, e.g. `holder`, `owner`. */
  index: string;
  /** The index value, e.g. an owner's keyed hash. */
  value: string;
  /** The record's key. */
  key: string;
  /** The block that filed it. */
  height: number;
}

export class DevLedger {
  readonly chainId: string;
  /** What this chain's headers, validator sets and trees are hashed with. */
  readonly hashSuite: HashSuite;
  private readonly contracts: ContractRegistry;
  private readonly clock: () => number;
  private readonly maxTxs: number;
  private readonly log: BlockLog | undefined;
  private readonly keys = new Map<string, ValidatorKey>();
  /** Records, index and tx ids: in memory, or on disk with a data dir (opened on first use). */
  private opened: LedgerState | undefined;
  private readonly openState: () => LedgerState;
  private readonly lights: LightBlock[] = [];
  private currentSet!: ValidatorSet;
  private pending: Pending[] = [];
  private readonly listeners = new Set<(b: Block) => void>();
  private readonly indexListeners = new Set<(e: IndexedRecord) => void>();
  /** Index entries the block being sealed added (told to `onIndexed` listeners once it is committed). */
  private freshIndexed: IndexedRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(opts: DevLedgerOptions & { rebuild?: boolean }) {
    this.chainId = opts.chainId;
    this.hashSuite = opts.hashSuite ?? 'sha256';
    this.contracts = opts.contracts;
    this.clock = opts.clock ?? Date.now;
    this.maxTxs = opts.maxTxsPerBlock ?? 10_000;
    if (opts.dataDir !== undefined) {
      mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
      this.log = new BlockLog(join(opts.dataDir, 'blocks.log'), { fsync: opts.fsync ?? false });
      // The state snapshot of earlier versions: superseded by the state store.
      rmSync(join(opts.dataDir, 'state.snapshot'), { force: true });
      const dir = join(opts.dataDir, 'state');
      this.openState = () =>
        new DiskState(dir, {
          hashSuite: this.hashSuite,
          durable: opts.fsync ?? false,
          fresh: opts.rebuild === true,
          ...(opts.retainHeights === undefined ? {} : { retainHeights: opts.retainHeights }),
        });
    } else {
      this.openState = () => new MemoryState(this.hashSuite);
    }
    const pool =
      opts.validatorKeys ??
      (opts.dataDir !== undefined
        ? loadOrCreateValidatorKeys(opts.dataDir, opts.validators ?? 4, opts.signatureSuite)
        : newValidatorKeys(opts.validators ?? 4, opts.signatureSuite));
    for (const k of pool) this.keys.set(k.did, k);
  }

  /**
   * Open (or create) a ledger. An existing log is verified and the blocks the stored state has not
   * seen are replayed; a damaged log, a state that does not match it, or blocks that do not
   * reproduce their own state roots are refused with FAILED_PRECONDITION. `rebuild`: discard the
   * stored state and rebuild it from the whole log.
   */
  static open(opts: DevLedgerOptions & { rebuild?: boolean }): DevLedger {
    const l = new DevLedger(opts);
    try {
      l.load();
    } catch (e) {
      l.opened?.close();
      l.log?.close();
      throw e;
    }
    return l;
  }

  private load(): void {
    const hasLog = this.log !== undefined && !this.log.isEmpty();
    if (!hasLog) {
      if (this.state.height > 0) this.refuseState(`holds height ${this.state.height}, but the block log is empty`);
      this.currentSet = newValidatorSet([...this.keys.values()].map((k) => ({ did: k.did, publicKey: k.publicKey, power: 10 })));
      const { rejected } = this.buildAndCommit([
        {
          type: LedgerTx.Genesis,
          sender: 'did:courtbridge:ledger',
          id: `genesis:${this.chainId}`,
          body: encodeValidatorSet(this.currentSet),
        },
      ]);
      if (rejected.length > 0) throw rejected[0]!.error;
    } else {
      this.replay();
    }
  }

  // ---- queries ---------------------------------------------------------------------------

  get height(): number {
    return this.lights.length;
  }

  latest(): LightBlock {
    return this.lights[this.lights.length - 1]!;
  }

  /** The signed header at `height` with the set that signed it. */
  lightBlockAt(height: number): LightBlock {
    const b = this.lights[height - 1];
    if (!b)
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_height',
        `${this.chainId} has no block at height ${height} (latest is ${this.height})`,
      );
    return b;
  }

  get validatorSet(): ValidatorSet {
    return this.currentSet;
  }

  get(key: string): Uint8Array | undefined {
    return this.state.get(key);
  }

  /**
   * Value (or absence) of `key` with its proof against the signed header at `height` (the latest
   * when omitted). A ledger with a data dir proves at any retained height; a pruned height is
   * refused with FAILED_PRECONDITION `version_pruned`.
   */
  prove(key: string, height?: number): RecordProof {
    if (height === undefined) return { key, ...this.state.prove(key), light: this.latest() };
    const light = this.lightBlockAt(height);
    return { key, ...this.state.prove(key, height), light };
  }

  /** Record keys filed under a secondary index entry, e.g. `lookup('owner', ownerHash)`. */
  lookup(indexName: string, value: string): string[] {
    return this.state.lookup(`${indexName}/${value}`).sort();
  }

  hasTx(id: string): boolean {
    return this.state.hasTx(id);
  }

  /**
   * The committed blocks, read back from the block log (oldest first); a ledger without a data
   * dir keeps none. For readers that start after the chain (the judicial filings index).
   */
  committedBlocks(): Block[] {
    const out: Block[] = [];
    for (const body of this.log?.records() ?? []) out.push(decodeBlock(body));
    return out;
  }

  /** Called after every committed block; returns an unsubscribe function. */
  onBlock(listener: (b: Block) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called after every committed block for each record newly filed under an index entry (a new
   * record, or one whose index values changed, e.g. a title transferred to a new owner); a record
   * rewritten under the same entries (a deposit, a freeze) is not new. Returns an unsubscribe function.
   */
  onIndexed(listener: (e: IndexedRecord) => void): () => void {
    this.indexListeners.add(listener);
    return () => this.indexListeners.delete(listener);
  }

  // ---- transactions and blocks -------------------------------------------------------------

  /** Queue a tx; resolves once it is committed in a block (rejects if its contract refuses it). */
  submit(tx: Tx): Promise<TxReceipt> {
    if (this.closed)
      return Promise.reject(new CourtbridgeError(ErrorCode.Unavailable, 'ledger_closed', `ledger ${this.chainId} is closed`));
    return new Promise((resolve, reject) => this.pending.push({ tx, resolve, reject }));
  }

  /** Produce one block now from the queued txs (possibly empty: a heartbeat block). */
  produceBlock(): Block {
    const batch = this.pending.splice(0, this.maxTxs);
    const { block, accepted, rejected } = this.buildAndCommit(batch.map((p) => p.tx));
    for (const r of rejected) batch[r.i]!.reject(r.error);
    const timeMs = block.light.signedHeader.header.timeMs;
    for (const [index, i] of accepted.entries())
      batch[i]!.resolve({ txHash: txHash(batch[i]!.tx, this.hashSuite), height: this.height, index, timeMs });
    return block;
  }

  /**
   * Produce blocks on their own: whenever txs are queued (checked every `intervalMs`), and an
   * empty heartbeat block every `heartbeatMs` so light clients see fresh time.
   */
  start(intervalMs = 50, heartbeatMs = 5_000): void {
    if (this.timer) return;
    let last = this.clock();
    this.timer = setInterval(() => {
      if (this.pending.length > 0 || this.clock() - last >= heartbeatMs) {
        this.produceBlock();
        last = this.clock();
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stop();
    this.closed = true;
    for (const p of this.pending.splice(0))
      p.reject(new CourtbridgeError(ErrorCode.Unavailable, 'ledger_closed', `ledger ${this.chainId} closed before the tx was committed`));
    this.opened?.close();
    this.log?.close();
  }

  /**
   * The state, opened on first use: a restart checks the log's first header under the chain's
   * suite before it opens a store (a log of the other suite is refused as a log, `corrupt_block_log`).
   */
  private get state(): LedgerState {
    this.opened ??= this.openState();
    return this.opened;
  }

  // ---- internals ---------------------------------------------------------------------------

  private buildAndCommit(txs: Tx[]): { block: Block; accepted: number[]; rejected: { i: number; error: unknown }[] } {
    const prev = this.lights.length > 0 ? this.latest().signedHeader.header : undefined;
    const height = (prev?.height ?? 0) + 1;
    const timeMs = Math.max(this.clock(), (prev?.timeMs ?? 0) + 1);
    const accepted: number[] = [];
    const rejected: { i: number; error: unknown }[] = [];
    const included: Tx[] = [];
    const overlay = new Map<string, StateWrite>();
    const seenIds = new Set<string>();
    let nextSet: ValidatorSet | undefined;
    const view: StateView = {
      get: (key) => {
        const w = overlay.get(key);
        return w ? (w.value ?? undefined) : this.state.get(key);
      },
    };
    txs.forEach((tx, i) => {
      try {
        if (this.state.hasTx(tx.id) || seenIds.has(tx.id)) {
          throw new CourtbridgeError(
            ErrorCode.AlreadyExists,
            'duplicate_tx',
            `a transaction with id ${tx.id} is already on ${this.chainId}`,
          );
        }
        const writes = this.applyTx(tx, view, { chainId: this.chainId, height, timeMs });
        if (tx.type === LedgerTx.SetValidators) nextSet = this.checkedValidatorSet(tx.body);
        for (const w of writes) overlay.set(w.key, w);
        seenIds.add(tx.id);
        included.push(tx);
        accepted.push(i);
      } catch (error) {
        rejected.push({ i, error });
      }
    });
    const block = this.seal(included, overlay, height, timeMs, nextSet);
    return { block, accepted, rejected };
  }

  private applyTx(tx: Tx, view: StateView, ctx: { chainId: string; height: number; timeMs: number }): StateWrite[] {
    if (tx.type === LedgerTx.Genesis) return [{ key: 'ledger/genesis', value: tx.body }];
    if (tx.type === LedgerTx.SetValidators) return [{ key: 'ledger/validators', value: tx.body }];
    return this.contracts.handlerFor(tx.type).apply(tx, view, ctx);
  }

  private checkedValidatorSet(body: Uint8Array): ValidatorSet {
    const set = decodeValidatorSet(body);
    for (const v of set.validators) {
      const k = this.keys.get(v.did);
      if (!k || !equalBytes(k.publicKey, v.publicKey)) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'unknown_validator_key',
          `validator ${v.did} is not in this ledger's key pool`,
        );
      }
    }
    return set;
  }

  private seal(txs: Tx[], overlay: Map<string, StateWrite>, height: number, timeMs: number, nextSet: ValidatorSet | undefined): Block {
    let sealed: Block | undefined;
    // The block is sealed and logged once its state root is known, before the state commits:
    // a state ahead of the log could not be checked against it on restart.
    this.stageWrites(height, overlay, txs, (stateRoot) => {
      const prev = this.lights.length > 0 ? this.latest().signedHeader.header : undefined;
      const set = this.currentSet;
      const suite = this.hashSuite;
      const header: Header = {
        chainId: this.chainId,
        height,
        timeMs,
        prevHash: prev ? headerHash(prev, suite) : ZERO_HASH,
        stateRoot,
        txRoot: merkleRoot(txs.map(encodeTx), suite),
        validatorsHash: validatorSetHash(set, suite),
        nextValidatorsHash: validatorSetHash(nextSet ?? set, suite),
        proposer: set.validators[height % set.validators.length]!.did,
      };
      const hash = headerHash(header, suite);
      const signatures = set.validators.map((v) => ({
        validatorDid: v.did,
        signature: signVote(header, this.keys.get(v.did)!.privateKey, suite, this.keys.get(v.did)!.suite),
      }));
      sealed = { light: { signedHeader: { header, commit: { height, headerHash: hash, signatures } }, validatorSet: set }, txs };
      this.log?.append(encodeBlock(sealed));
    });
    const block = sealed!;
    this.lights.push(block.light);
    if (nextSet) this.currentSet = nextSet;
    for (const l of this.listeners) {
      try {
        l(block);
      } catch {
        // A listener's failure must not undo a committed block.
      }
    }
    const fresh = this.freshIndexed;
    this.freshIndexed = [];
    for (const e of fresh)
      for (const l of this.indexListeners) {
        try {
          l({ ...e, height });
        } catch {
          // Same: a listener cannot undo the block.
        }
      }
    return block;
  }

  /** Apply the block's writes to the state (`finish` gets the root before they commit); notes fresh index entries. */
  private stageWrites(height: number, overlay: Map<string, StateWrite>, txs: Tx[], finish: (root: Uint8Array) => void): void {
    const writes: StagedWrite[] = [];
    for (const w of overlay.values()) {
      // A write replaces the record's index entries: an old owner no longer finds a transferred title.
      const keys = w.value === null ? [] : (w.index ?? []).map((ix) => `${ix.name}/${ix.value}`);
      writes.push({ key: w.key, value: w.value, indexKeys: keys });
      if (w.value === null || (w.index ?? []).length === 0) continue;
      // Usually a new record (filed nowhere yet): no set, no lookups.
      const before = this.state.indexKeysOf(w.key);
      for (const [i, ix] of (w.index ?? []).entries())
        if (before.length === 0 || !before.includes(keys[i]!))
          this.freshIndexed.push({ index: ix.name, value: ix.value, key: w.key, height: 0 });
    }
    this.state.apply(
      height,
      writes,
      txs.map((t) => t.id),
      finish,
    );
  }

  private refuseState(what: string): never {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'corrupt_state_store',
      `${this.chainId} state store ${what}; refusing to start. Restart with rebuild to rebuild it from the block log.`,
    );
  }

  /**
   * Check the logged chain (read in chunks) and bring the state up to its tip: blocks the stored
   * state already holds are checked, not executed; the stored state's root must be the logged
   * header's at its height; later blocks are executed and must reproduce their state roots.
   */
  private replay(): void {
    let stored = -1;
    let prev: Header | undefined;
    let lastSetBody: Uint8Array | undefined;
    let i = 0;
    for (const body of this.log!.records()) {
      const b = decodeBlock(body);
      const { header, commit } = b.light.signedHeader;
      const where = `${this.chainId} block ${i + 1}`;
      const refuse = (what: string, cause?: unknown): never => {
        throw new CourtbridgeError(
          ErrorCode.FailedPrecondition,
          'corrupt_block_log',
          `${where}: ${what}; refusing to start. Restore the log from a replica or backup.`,
          { cause },
        );
      };
      if (header.chainId !== this.chainId) refuse(`belongs to chain ${header.chainId}`);
      if (header.height !== i + 1) refuse(`has height ${header.height}`);
      const suite = this.hashSuite;
      if (prev && !equalBytes(header.prevHash, headerHash(prev, suite))) refuse(`does not link to the previous block under ${suite}`);
      if (!equalBytes(header.validatorsHash, validatorSetHash(b.light.validatorSet, suite)))
        refuse(`is signed by a validator set its header does not name (hashed with ${suite}: is this the chain's hash suite?)`);
      try {
        verifyCommit(header, commit, b.light.validatorSet, { hashSuite: suite });
      } catch (e) {
        refuse(`has no valid quorum commit under ${suite}`, e);
      }
      if (stored < 0) stored = this.state.height;
      if (header.height === stored && this.state instanceof DiskState && !equalBytes(this.state.root(), header.stateRoot))
        this.refuseState(`is at height ${stored} with a state root that is not the logged header's`);
      if (header.height > stored) {
        const overlay = new Map<string, StateWrite>();
        const view: StateView = {
          get: (k) => {
            const w = overlay.get(k);
            return w ? (w.value ?? undefined) : this.state.get(k);
          },
        };
        for (const tx of b.txs) {
          try {
            for (const w of this.applyTx(tx, view, { chainId: this.chainId, height: header.height, timeMs: header.timeMs }))
              overlay.set(w.key, w);
          } catch (e) {
            refuse(`tx ${tx.id} no longer applies (${isCourtbridgeError(e) ? e.reason : 'error'})`, e);
          }
        }
        this.stageWrites(header.height, overlay, b.txs, (root) => {
          if (!equalBytes(root, header.stateRoot)) refuse('does not reproduce its state root');
        });
        // Replayed blocks were told to listeners when first committed (there are none yet anyway).
        this.freshIndexed = [];
      }
      for (const tx of b.txs) if (tx.type === LedgerTx.SetValidators || tx.type === LedgerTx.Genesis) lastSetBody = tx.body;
      this.lights.push(b.light);
      prev = header;
      i++;
    }
    if (stored > i) this.refuseState(`holds height ${stored}, but the block log ends at ${i}: the log lost blocks`);
    const last = this.latest().signedHeader.header;
    // The set for the next block is the one the last header names as next.
    const candidate = lastSetBody ? decodeValidatorSet(lastSetBody) : this.latest().validatorSet;
    this.currentSet = equalBytes(validatorSetHash(candidate, this.hashSuite), last.nextValidatorsHash)
      ? candidate
      : this.latest().validatorSet;
  }
}

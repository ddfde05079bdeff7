/**
 * `ChainBackend` of kind `bft-smt` over the dev ledger (src/chain/ledger) and a `DevLedgerDefinition`: what our
 * five adapters and the lawyer example run on, and the reference a partner reads before
 * writing a backend for its own chain.
 *
 * Exactly once: applying an action submits `definition.actionTx(action)`, whose `id` is the
 * action id. The ledger refuses a second tx with an id it has committed, persistently (the ids
 * are rebuilt from the block log on restart), with `duplicate_tx`; we read that refusal as
 * "already applied" and return the existing effect. The tx is durable once its block is in the
 * block log, which happens before `submit` resolves.
 */
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import { DevLedger, type DevLedgerOptions, type IndexedRecord } from '../../src/chain/ledger/ledger.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import type { ActionEffect, ActionInput, BftSmtChainBackend, ProvenIndex, ProvenRecord, QueryHeight } from './chain-backend.js';
import { contractsOf, type DevLedgerDefinition } from './definition.js';

export interface DevLedgerBackendOptions {
  definition: DevLedgerDefinition;
  /** Persist the chain here (block log, snapshot, validator keys); omit for in-memory. */
  dataDir?: string;
  /** Check for queued txs every `blockIntervalMs` (50 unless told). */
  blockIntervalMs?: number;
  /** Produce an empty block at least this often (5,000 ms unless told) so headers stay fresh. */
  heartbeatMs?: number;
  /** Extra ledger options (validators, clock, fsync). */
  ledger?: Omit<DevLedgerOptions, 'chainId' | 'contracts' | 'dataDir'>;
  /** The hash suite of the chain's registry entry (headers, validator sets, trees); SHA-256 unless told. */
  hashSuite?: HashSuite;
  /** Called once after the ledger opened and before blocks are produced (seed data). */
  seed?: (ledger: DevLedger) => Promise<void> | void;
}

const historical = (chain: string, height: number, latest: number): CourtbridgeError =>
  new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'historical_state_unavailable',
    `${chain} proves state at its latest height only (${latest}); asked for ${height}`,
  );

export class DevLedgerBackend implements BftSmtChainBackend {
  readonly kind = 'bft-smt' as const;
  readonly chainId: string;
  readonly hashSuite: HashSuite;
  private ledgerOrUndefined: DevLedger | undefined;
  private readonly opts: DevLedgerBackendOptions;

  constructor(options: DevLedgerBackendOptions) {
    if (typeof options?.definition?.actionTx !== 'function') throw new TypeError('options.definition: expected a DevLedgerDefinition');
    this.opts = options;
    this.chainId = options.definition.chainId;
    this.hashSuite = options.hashSuite ?? options.ledger?.hashSuite ?? 'sha256';
  }

  /** The ledger (after `start`). */
  get ledger(): DevLedger {
    if (this.ledgerOrUndefined === undefined)
      throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'backend_not_started', `backend for ${this.chainId} is not started`);
    return this.ledgerOrUndefined;
  }

  // ---- life cycle ----

  async start(): Promise<void> {
    if (this.ledgerOrUndefined !== undefined) return;
    const o = this.opts;
    const ledgerOpts: DevLedgerOptions = {
      ...(o.ledger ?? {}),
      chainId: this.chainId,
      contracts: contractsOf(o.definition),
      hashSuite: this.hashSuite,
    };
    if (o.dataDir !== undefined) ledgerOpts.dataDir = o.dataDir;
    const ledger = DevLedger.open(ledgerOpts);
    this.ledgerOrUndefined = ledger;
    if (o.seed !== undefined) {
      ledger.start(o.blockIntervalMs ?? 50, o.heartbeatMs ?? 5_000);
      await o.seed(ledger);
    }
    ledger.start(o.blockIntervalMs ?? 50, o.heartbeatMs ?? 5_000);
  }

  async close(): Promise<void> {
    this.ledgerOrUndefined?.close();
    this.ledgerOrUndefined = undefined;
  }

  // ---- headers ----

  async latestLightBlock(): Promise<LightBlock> {
    return this.ledger.latest();
  }

  async lightBlockAt(height: number): Promise<LightBlock> {
    if (!Number.isSafeInteger(height) || height < 1)
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_height', `height: expected an integer >= 1, got ${height}`);
    return this.ledger.lightBlockAt(height);
  }

  subscribeBlocks(listener: (block: LightBlock) => void): () => void {
    return this.ledger.onBlock((b) => listener(b.light));
  }

  subscribeIndexed(listener: (e: IndexedRecord) => void): () => void {
    return this.ledger.onIndexed(listener);
  }

  // ---- queries ----

  private checkHeight(height: QueryHeight): void {
    if (height.kind === 'at' && height.height !== this.ledger.height) throw historical(this.chainId, height.height, this.ledger.height);
  }

  async queryRecord(key: string, height: QueryHeight): Promise<ProvenRecord> {
    this.checkHeight(height);
    // prove() reads values, proof and the latest light block synchronously: one consistent state.
    return this.ledger.prove(key);
  }

  async queryIndex(index: string, indexKey: string, limit: number, height: QueryHeight): Promise<ProvenIndex> {
    this.checkHeight(height);
    const l = this.ledger;
    const entry = l.prove(`index/${index}/${indexKey}`);
    const keys = l.lookup(index, indexKey);
    const items = keys.slice(0, limit).map((k) => l.prove(k));
    return { entry, items, truncated: keys.length > limit };
  }

  // ---- actions ----

  async applyAction(action: ActionInput): Promise<ActionEffect> {
    const def = this.opts.definition;
    const tx = def.actionTx(action);
    if (tx.id !== action.actionId) {
      throw new CourtbridgeError(
        ErrorCode.Internal,
        'action_tx_mismatch',
        `definition ${def.chainId}.actionTx returned tx id ${tx.id} for action ${action.actionId}; exactly-once needs them equal`,
      );
    }
    let outcome: ActionEffect['outcome'] = 'applied';
    let height: number | undefined;
    if (this.ledger.hasTx(tx.id)) {
      outcome = 'already_applied';
    } else {
      try {
        height = (await this.ledger.submit(tx)).height;
      } catch (e) {
        if (!(isCourtbridgeError(e) && e.reason === 'duplicate_tx')) throw e;
        outcome = 'already_applied';
      }
    }
    const state = this.ledger.prove(def.actionResultKey(action));
    return height === undefined ? { outcome, actionId: action.actionId, state } : { outcome, actionId: action.actionId, height, state };
  }

  async actionApplied(actionId: string): Promise<boolean> {
    return this.ledger.hasTx(actionId);
  }
}

/** Compile-time check that the class fulfils the contract (STYLE.md 3: `satisfies`). */
export const devLedgerBackendContract = DevLedgerBackend satisfies new (o: DevLedgerBackendOptions) => BftSmtChainBackend;

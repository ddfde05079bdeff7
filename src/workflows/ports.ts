/**
 * The ports the judicial smart contracts use. The contracts (evidence.ts,
 * enforcement/engine.ts, audit-log.ts) decide; these interfaces do the I/O. Two sets of
 * adapters exist: in-process (src/devtools/in-process-ports.ts: dev ledgers and adapter backends in this
 * process, for unit tests and benches) and the network path (network/: NatsJudicialLedger over
 * the judicial write door, GatewayInvestigator and GatewayOrderer over the gateway's gRPC API,
 * store/kv-store.ts over JetStream KV).
 *
 * Calling order every port guarantees the contracts (after ibc-go's `exported/client.go`):
 *   - every write is IDEMPOTENT by the tx id it carries (anchor batch, case id, order id,
 *     audit sequence, action id): a retry after a crash applies nothing twice and resolves with
 *     what the first call committed. This is what makes the engine restart-safe.
 *   - a write resolves only once its transaction is in a committed block.
 *   - every record read comes with its proof against a signed header (`ProvenRecord`).
 */
import type { HashSuite } from '../crypto/hash-suite.js';
import type { JudicialOrder } from '../judicial/order.js';
import type { CanonicalObject } from '../encoding/canonical-json.js';
import type { JudicialTx } from '../judicial/tx.js';
import type { ProvenRecord } from '../verify/record-bundle.js';

/** Time as the contracts see it: tests control it ("time comes from a clock the tests control"). */
export interface Clock {
  /** Unix ms. */
  now(): number;
}

/** A record, or its absence, proven against a signed header of chain `chainId`. */
export type { ProvenRecord };

/** Where a committed write landed. */
export interface Committed {
  height: number;
  /** Block time, unix ms. */
  timeMs: number;
  /** `committed` now, or `already_committed` by an earlier call with the same id. */
  outcome: 'committed' | 'already_committed';
}

/** A judicial-chain transaction type (src/judicial/tx.ts `JudicialTx`). */
export type JudicialTxType = (typeof JudicialTx)[keyof typeof JudicialTx];

/**
 * The judicial chain as the contracts use it: the ONE judicial chain definition
 * (src/judicial/record-keys.ts: `case/`, `agreement/`, `performance/`, `anchor/<sha256>`,
 * `service/`, `order/<orderId>`, `audit/<caseId>/<seq>`), whose rules refuse what the workflows
 * must never do (an order for a closed case, an audit gap or fork, an overpayment).
 */
export interface JudicialLedger {
  readonly chainId: string;
  /**
   * Submit one judicial tx whose body is the canonical JSON the contract reads. Idempotent by
   * `txId`: a retry resolves `already_committed` and applies nothing.
   */
  submit(type: JudicialTxType, txId: string, body: CanonicalObject): Promise<Committed>;
  /** `key`'s value or absence, proven against the latest signed header. */
  prove(key: string): Promise<ProvenRecord>;
  /** Several keys, all proven against ONE signed header (an export needs one header only). */
  proveMany(keys: readonly string[]): Promise<ProvenRecord[]>;
  /**
   * The judicial chain's hash suite, as its registry entry names it now: its headers and proofs
   * are hashed under it. SHA-256 when not implemented.
   */
  hashSuite?(): HashSuite;
}

/**
 * The asset domains, in the documented order of enforcement: accounts first, then property, then
 * equity (股权, on the market regulation chain: taken by amount, after the titles), then IP.
 */
export type AssetDomain = 'finance' | 'property' | 'equity' | 'ip';
export const ENFORCEMENT_ORDER: readonly AssetDomain[] = ['finance', 'property', 'equity', 'ip'];

/** One asset found by investigation, with the proof that the debtor owns it. */
export interface InvestigatedAsset {
  domain: AssetDomain;
  chainId: string;
  /** Record type on its chain, e.g. `account`, `title`, `patent`. */
  recordType: string;
  /** Record id (the action target), e.g. an account number. */
  target: string;
  /** Value available to enforcement, integer cents (a balance net of other freezes, an appraisal). */
  valueCents: bigint;
  /** The record with its membership proof. */
  record: ProvenRecord;
}

/** How one chain answered an investigation (partial results are normal: a chain may be down). */
export interface ChainAnswer {
  chainId: string;
  domain: AssetDomain;
  status: 'answered' | 'unavailable';
  /** Named reason when unavailable. */
  reason?: string;
}

export interface Investigation {
  ownerHash: string;
  items: InvestigatedAsset[];
  chains: ChainAnswer[];
  completeness: 'complete' | 'partial';
}

/** Investigate an owner across property, finance and IP ("with proofs"). */
export interface AssetInvestigator {
  investigate(ownerHash: string): Promise<Investigation>;
}

/** What an order asks for, as the engine built it (credential included). */
export interface OrderRequest {
  order: JudicialOrder;
  /** The court's order credential (JWT purpose `order`, scoped to this order). */
  credential: string;
  /** The order's legal basis, recorded with it. */
  legalBasis: string;
  /** The order record's validity on the judicial chain (the credential's expiry). */
  expiresAtMs: number;
  /** The target record on its chain (ActionService `ActionTarget`). */
  target: { recordType: string; key: string };
}

/** The target chain's signed answer: the effect, proven. */
export interface OrderOutcome {
  outcome: 'applied' | 'already_applied';
  actionId: string;
  /** The target's state after execution (proven on the target chain). */
  state: ProvenRecord;
}

/**
 * Issue the order record on the judicial chain, then submit the action to its chain and await
 * the result. Idempotent by action id: a second call returns the first call's effect.
 */
export interface ActionOrderer {
  order(request: OrderRequest): Promise<OrderOutcome>;
}

/** A stored value and the revision it was read at (the fencing token of a revision-checked write). */
export interface VersionedValue {
  value: string;
  /** Opaque, > 0; changes with every write of the key. */
  revision: number;
}

/**
 * Persisted workflow state (restart-safe). Values are opaque JSON strings owned by the engine.
 * Writes are durable when they resolve. The engine writes a case only with `write` at the
 * revision it read: of two replicas that read the same revision (one of them cut off past its
 * lease), exactly one write lands and the other gets `state_conflict` (src/workflows/state-conflict.ts).
 */
export interface WorkflowStore {
  get(key: string): Promise<string | undefined>;
  /** `key`'s value with its revision. */
  read(key: string): Promise<VersionedValue | undefined>;
  /**
   * Write `value` only if `key` is still at `revision` (0: still absent); returns the new revision.
   * @throws CourtbridgeError FAILED_PRECONDITION `state_conflict` when another writer wrote it since
   */
  write(key: string, value: string, revision: number): Promise<number>;
  /** Unconditional write (operators' tools and tests; the engine never uses it). */
  put(key: string, value: string): Promise<void>;
  /** Keys starting with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
}

/**
 * `ChainBackend`: the one interface a partner agency implements to connect its chain to the
 * alliance. The adapter runtime (runtime.ts) does everything else: NATS, signed
 * envelopes, announcements, queue groups, JetStream consumers, order and judicial-proof checks.
 *
 * One member per chain kind (the registry entry's `kind`, src/identity/chain-entry.ts), told apart
 * by `kind`:
 *   - `bft-smt` (`BftSmtChainBackend`): a chain with validator-signed headers; records proven by a
 *     sparse-Merkle proof against a light block; it serves light blocks and index queries and
 *     the runtime publishes its headers. The dev ledger is one (dev-ledger-backend.ts).
 *   - `evm` (`EvmChainBackend`): an EVM chain; records are storage slots of one contract proven
 *     with `eth_getProof` against a block's state root; blocks are final once the chain's
 *     notaries sign them (the gateway follows them, not the adapter), so there are no light
 *     blocks, no header stream and no index queries.
 *   - `notary` (`NotaryChainBackend`): a registry kept in a database, not a chain; a record is
 *     read at a database version and vouched for by the chain's notaries, each of whom reads it
 *     itself and signs what it read (src/verify/notary-record.ts). The backend only reads and
 *     writes; the runtime collects the notaries' signatures (notary-collector.ts). No light
 *     blocks, no header stream, no index queries.
 *
 * Methods are grouped as hermes groups its chain endpoint (`chain/endpoint.rs`): life cycle,
 * headers, queries, actions.
 *
 * Calling order (what the runtime guarantees the backend):
 *   1. `start()` once, before any other call; the runtime calls nothing else until it resolves.
 *   2. headers, queries and actions may then be called concurrently, in any order.
 *   3. `close()` once, after the runtime stopped taking work (drain); no call follows it.
 *
 * What the backend guarantees the runtime:
 *   - (bft-smt) every `LightBlock` it returns is a header with a >2/3 commit and the validator set
 *     that signed it (the gateway's light client rejects anything less), and every proof verifies
 *     against the state root of the light block returned with it;
 *   - (evm) every proof verifies against the state root of the header returned with it, and the
 *     header's keccak256 is the block hash it names;
 *   - (notary) a record read at a version is what the database held at that version, so that the
 *     notaries, reading the same database at that version, read the same;
 *   - `applyAction` is IDEMPOTENT by `actionId` and DURABLE before it resolves: a second call
 *     with the same id, in this process or after a restart, applies nothing and returns the
 *     effect of the first (`outcome: 'already_applied'`). This is what makes an action, which
 *     JetStream delivers at least once, take effect exactly once (DESIGN.md "Actions"). A refusal
 *     by the chain's contract (the state forbids the action) is a `CourtbridgeError` with the
 *     contract's reason and a code other than UNAVAILABLE, INTERNAL or DEADLINE_EXCEEDED: final,
 *     never retried (action-consumer.ts).
 */
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import type { IndexedRecord } from '../../src/chain/ledger/ledger.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';
import type { EvmProofClaim } from '../../src/verify/evm/evm-proof.js';
import type { ActionInput } from './definition.js';

/** Which state a query reads (STYLE.md 4, hermes `QueryHeight`). */
export type QueryHeight = { kind: 'latest' } | { kind: 'at'; height: number };

/** The kinds of chain a backend can serve (src/identity/chain-entry.ts `ChainKinds`). */
export type BackendKind = ChainBackend['kind'];

/** A record, or its absence, proven against a signed header (`bft-smt`). */
export interface ProvenRecord {
  key: string;
  /** The value, or `null` when the key is absent (the proof is then a non-membership proof). */
  value: Uint8Array | null;
  proof: SmtProof;
  /** The light block whose state root the proof verifies against. */
  light: LightBlock;
}

/** Records found through a secondary index, all proven against one header. */
export interface ProvenIndex {
  /**
   * The index entry `index/<name>/<indexKey>` itself (value: the sorted record keys) or its
   * absence, so that the list is proven complete where the chain keeps such entries.
   */
  entry: ProvenRecord;
  /** Each listed record with its own membership proof (same light block as `entry`). */
  items: ProvenRecord[];
  /** More records matched than `limit`. */
  truncated: boolean;
}

/** An action as the runtime hands it to the backend, after every check passed (definition.ts). */
export type { ActionInput };

/** What applying an action did, with the proof of the new state (DESIGN.md "Actions"). */
export interface ActionEffect<R = ProvenRecord> {
  /** `applied` now, or `already_applied` earlier (same id): either way it took effect once. */
  outcome: 'applied' | 'already_applied';
  actionId: string;
  /** Height of the block holding the action's transaction, when known. */
  height?: number;
  /** The target's (or the action's result record's) state after execution, proven. */
  state: R;
}

/**
 * A record of an `evm` chain, or its absence, proven at one block: the header (RLP; its
 * keccak256 is `blockHash`) and the `eth_getProof` answer for exactly the record's slots
 * (src/verify/evm/evm-record.ts `evmRecordSlots`), which `verifyEvmRecordProof` checks.
 */
export interface EvmProvenRecord {
  key: string;
  /** The record's words concatenated, or `null` when absent (its presence word is zero). */
  value: Uint8Array | null;
  /** The block's number. */
  height: number;
  /** The block's hash (32 bytes): keccak256 of `evidence.headerRlp`. */
  blockHash: Uint8Array;
  evidence: { headerRlp: Uint8Array; proof: EvmProofClaim };
}

/** What applying an action on an `evm` chain did: the target record proven at a block holding the execution. */
export type EvmActionEffect = ActionEffect<EvmProvenRecord>;

/**
 * A record of a `notary` chain, or its absence, as read at one database version: what the chain's
 * notaries are asked to read and sign (the runtime collects their signatures, notary-collector.ts).
 */
export interface NotaryRecordRead {
  key: string;
  /** The value, or `null` when the key is absent at `version`. */
  value: Uint8Array | null;
  /**
   * The database version read at (its write sequence number; 0: the empty database, which the
   * runtime refuses to notarize: gateways accept versions from 1).
   */
  version: number;
}

/** What applying an action on a `notary` chain did: the target record read at the version that wrote it. */
export type NotaryActionEffect = ActionEffect<NotaryRecordRead>;

/** The life cycle and the action calls every kind shares. */
interface BackendCommon<R> {
  /** The chain this backend serves (`[a-z0-9-]{1,64}`). */
  readonly chainId: string;

  // ---- life cycle ----
  /** Open the chain (files, connections) and begin producing or following blocks. */
  start(): Promise<void>;
  /** Stop; pending actions either complete durably or fail. Idempotent. */
  close(): Promise<void>;

  // ---- actions ----
  /** Apply `action` exactly once (see the guarantees in the file header). */
  applyAction(action: ActionInput): Promise<ActionEffect<R>>;
  /** Whether an action id was already applied (durably). */
  actionApplied(actionId: string): Promise<boolean>;
}

/** A backend for an `evm` chain (adapters/evm/evm-backend.ts). */
export interface EvmChainBackend extends BackendCommon<EvmProvenRecord> {
  readonly kind: 'evm';

  // ---- queries ----
  /**
   * `key`'s value or absence proven at block `height.height`: the gateway always names the
   * block (the latest its notaries made final). `{ kind: 'latest' }` is served at the node's
   * latest block, which may not be final yet: a gateway does not accept it until its notaries
   * sign that block. NOT_FOUND `unknown_height` when the chain has no such block yet.
   */
  queryRecord(key: string, height: QueryHeight): Promise<EvmProvenRecord>;
}

/** A backend for a `bft-smt` chain (the dev ledger: dev-ledger-backend.ts). */
export interface BftSmtChainBackend extends BackendCommon<ProvenRecord> {
  readonly kind: 'bft-smt';
  /**
   * The hash suite of the chain's registry entry: what its headers, validator sets and trees are
   * hashed with, so what the adapter names its headers by. SHA-256 when absent.
   */
  readonly hashSuite?: HashSuite;

  // ---- headers ----
  /** The latest committed light block. */
  latestLightBlock(): Promise<LightBlock>;
  /** The light block at `height`; NOT_FOUND `unknown_height` when there is none. */
  lightBlockAt(height: number): Promise<LightBlock>;
  /**
   * Call `listener` for every new committed block, in height order, from now on. Returns the
   * unsubscribe function. A throwing listener does not affect the chain.
   */
  subscribeBlocks(listener: (block: LightBlock) => void): () => void;
  /**
   * Optional: call `listener` for each record newly filed under a secondary index entry, once its
   * block is committed (the dev ledger's `onIndexed`). With the definition's `assetIndex`, the
   * runtime turns these into asset reports. Returns the unsubscribe function.
   */
  subscribeIndexed?(listener: (e: IndexedRecord) => void): () => void;

  // ---- queries ----
  /** `key`'s value or absence with its proof. A backend that keeps no history may refuse
   * `{ kind: 'at' }` below its latest with FAILED_PRECONDITION `historical_state_unavailable`. */
  queryRecord(key: string, height: QueryHeight): Promise<ProvenRecord>;
  /** Records filed under `index`/`indexKey` (e.g. titles by owner hash), at most `limit`. */
  queryIndex(index: string, indexKey: string, limit: number, height: QueryHeight): Promise<ProvenIndex>;
}

/** A backend for a `notary` chain: a registry in a database (adapters/notary/record-db-backend.ts). */
export interface NotaryChainBackend extends BackendCommon<NotaryRecordRead> {
  readonly kind: 'notary';

  // ---- queries ----
  /**
   * `key`'s value or absence at database version `height.height` (`{ kind: 'latest' }`: the
   * latest version). NOT_FOUND `unknown_height` when the database has not reached that version.
   */
  queryRecord(key: string, height: QueryHeight): Promise<NotaryRecordRead>;
}

/** A chain's backend, of one of the kinds above. */
export type ChainBackend = BftSmtChainBackend | EvmChainBackend | NotaryChainBackend;

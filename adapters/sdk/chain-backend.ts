/**
 * `ChainBackend`: the one interface a partner agency implements to connect its chain to the
 * alliance. The adapter runtime (runtime.ts) does everything else: NATS, signed
 * envelopes, announcements, queue groups, JetStream consumers, order and judicial-proof checks.
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
 *   - every `LightBlock` it returns is a header with a >2/3 commit and the validator set that
 *     signed it (the gateway's light client rejects anything less);
 *   - every proof verifies against the state root of the light block returned with it;
 *   - `applyAction` is IDEMPOTENT by `actionId` and DURABLE before it resolves: a second call
 *     with the same id, in this process or after a restart, applies nothing and returns the
 *     effect of the first (`outcome: 'already_applied'`). This is what makes an action, which
 *     JetStream delivers at least once, take effect exactly once (DESIGN.md "Actions").
 */
import type { LightBlock } from '../../src/chain/signed-header.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';
import type { ActionInput } from './definition.js';

/** Which state a query reads (STYLE.md 4, hermes `QueryHeight`). */
export type QueryHeight = { kind: 'latest' } | { kind: 'at'; height: number };

/** A record, or its absence, proven against a signed header. */
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
export interface ActionEffect {
  /** `applied` now, or `already_applied` earlier (same id): either way it took effect once. */
  outcome: 'applied' | 'already_applied';
  actionId: string;
  /** Height of the block holding the action's transaction, when known. */
  height?: number;
  /** The target's (or the action's result record's) state after execution, proven. */
  state: ProvenRecord;
}

export interface ChainBackend {
  /** The chain this backend serves (`[a-z0-9-]{1,64}`). */
  readonly chainId: string;

  // ---- life cycle ----
  /** Open the chain (files, connections) and begin producing or following blocks. */
  start(): Promise<void>;
  /** Stop; pending actions either complete durably or fail. Idempotent. */
  close(): Promise<void>;

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

  // ---- queries ----
  /** `key`'s value or absence with its proof. A backend that keeps no history may refuse
   * `{ kind: 'at' }` below its latest with FAILED_PRECONDITION `historical_state_unavailable`. */
  queryRecord(key: string, height: QueryHeight): Promise<ProvenRecord>;
  /** Records filed under `index`/`indexKey` (e.g. titles by owner hash), at most `limit`. */
  queryIndex(index: string, indexKey: string, limit: number, height: QueryHeight): Promise<ProvenIndex>;

  // ---- actions ----
  /** Apply `action` exactly once (see the guarantees in the file header). */
  applyAction(action: ActionInput): Promise<ActionEffect>;
  /** Whether an action id was already applied (durably). */
  actionApplied(actionId: string): Promise<boolean>;
}

/**
 * Where a light client keeps what it trusts. Async so that a shared store (JetStream KV,
 * src/bus/trusted-store-kv.ts) fits: gateway replicas share one, and a restart resumes
 * without re-syncing. Verification stays pure and sync (verify-update.ts); only the
 * `LightClient` class talks to a store.
 *
 * Concurrency: the client state carries a revision; `putClientState` is a compare-and-set,
 * so two replicas never silently overwrite each other (one of them retries, and a freeze is
 * never lost). Consensus states are write-once per height in practice (a different header at
 * a trusted height freezes the client instead of replacing it).
 */
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { ClientState } from './client-state.js';
import type { ConsensusState } from './consensus-state.js';

export interface Versioned<T> {
  value: T;
  /** Opaque, > 0; pass back to `putClientState` to replace exactly this version. */
  revision: number;
}

export interface TrustedStore {
  /** The client state of `chainId` and its revision, or undefined before `init`. */
  getClientState(chainId: string): Promise<Versioned<ClientState> | undefined>;
  /**
   * Write `state` if the stored revision is still `expectedRevision` (0: must not exist yet).
   * Returns the new revision; throws `storeConflict` otherwise.
   */
  putClientState(state: ClientState, expectedRevision: number): Promise<number>;
  getConsensusState(chainId: string, height: number): Promise<ConsensusState | undefined>;
  putConsensusState(chainId: string, cs: ConsensusState): Promise<void>;
  deleteConsensusState(chainId: string, height: number): Promise<void>;
  /** Every trusted height of `chainId`, ascending. */
  heights(chainId: string): Promise<number[]>;
}

/** The error a compare-and-set loser gets; `LightClient` re-reads and retries. */
export function storeConflict(chainId: string, expected: number, actual: number): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'store_conflict',
    `client state of ${chainId} changed under us (expected revision ${expected}, found ${actual}); retry`,
    {
      details: { chainId, expected, actual },
    },
  );
}

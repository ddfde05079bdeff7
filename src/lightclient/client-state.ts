/**
 * What a light client knows about one chain apart from its trusted headers (ibc-go
 * 07-tendermint `client_state.go`): trust parameters, latest trusted height, and whether it is
 * frozen. Status is a named set (STYLE.md 4), never a boolean.
 */
import type { TrustLevel } from '../chain/commit.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import type { Misbehaviour } from '../chain/misbehaviour.js';

/** `expired` is never stored: it follows from the latest trusted time and `nowMs` (`clientStatus`). */
export type ClientStatus = 'active' | 'frozen' | 'expired';

/** Why and since when a client is frozen: the misbehaviour pair itself, re-verifiable by anyone. */
export interface FrozenEvidence {
  misbehaviour: Misbehaviour;
  /** `nowMs` of the call that detected it (unix ms). */
  frozenAtMs: number;
}

/** What an operator decided when unfreezing (kept in the client state for the audit trail). */
export interface OperatorDecision {
  /** DID of the operator who decided (authorised by the caller: relay/cli check the role). */
  operator: string;
  /** Why, in words, for the audit log. */
  reason: string;
  decidedAtMs: number;
  /**
   * `resume`: keep every trusted header. `rollback`: forget trusted headers above `toHeight`
   * (for when the fork point is below the latest trusted height).
   */
  action: { kind: 'resume' } | { kind: 'rollback'; toHeight: number };
}

export interface ClientState {
  chainId: string;
  /**
   * The hash suite of the chain's registry entry, set when the client was created from it: every
   * header, validator set and state proof of the chain is checked under it, never under a suite
   * read from the data. Absent (states stored before suites existed, and SHA-256 chains): SHA-256.
   */
  hashSuite?: HashSuite;
  /** How long a trusted header may be used to verify a newer one (less than the unbonding period). */
  trustingPeriodMs: number;
  /** How far ahead of `nowMs` a header's time may be (clock drift between chain and gateway). */
  maxClockDriftMs: number;
  /** Fraction of a trusted set's power needed to skip heights (default 1/3). */
  trustLevel: TrustLevel;
  /**
   * The least time between two of the chain's blocks, in header time. A header more heights
   * ahead of a trusted one than that time allows is held (`height_ahead_of_time`): the chain
   * could not have produced it. Absent in states stored before it existed: the default applies.
   */
  minBlockIntervalMs?: number;
  /** Stored status: 'active' or 'frozen' ('expired' is computed, see `clientStatus`). */
  status: ClientStatus;
  frozenEvidence?: FrozenEvidence;
  latestHeight: number;
  /** The last operator decision that unfroze this client, if any. */
  lastUnfreeze?: OperatorDecision;
}

/**
 * 1 ms: every courtbridge chain's header time rises by at least 1 ms per block (the dev ledger
 * takes max(clock, parent + 1)), so the default never holds a real header. A chain with a known
 * slower cadence configures its own, which tightens the rule.
 */
export const DEFAULT_MIN_BLOCK_INTERVAL_MS = 1;

/** Heights a header may run ahead of the time rule (a block whose time was rounded down). */
export const HEIGHT_SLACK_BLOCKS = 2;

/** The most heights a chain could have added between two header times (the held-header rule). */
export function maxHeightGap(state: Pick<ClientState, 'minBlockIntervalMs'>, fromTimeMs: number, toTimeMs: number): number {
  const interval = state.minBlockIntervalMs ?? DEFAULT_MIN_BLOCK_INTERVAL_MS;
  return Math.floor(Math.max(0, toTimeMs - fromTimeMs) / interval) + HEIGHT_SLACK_BLOCKS;
}

/** The suite a client state checks its chain under (absent: SHA-256). */
export function hashSuiteOf(state: Pick<ClientState, 'hashSuite'>): HashSuite {
  return state.hashSuite ?? 'sha256';
}

/** Status at `nowMs` given the time of the latest trusted header (ibc-go `Status`). */
export function clientStatus(state: ClientState, latestTimeMs: number, nowMs: number): ClientStatus {
  if (state.status === 'frozen') return 'frozen';
  return trustTimeLeft(state, latestTimeMs, nowMs) > 0 ? 'active' : 'expired';
}

/** Milliseconds until the latest trusted header can no longer anchor an update (<= 0: expired). */
export function trustTimeLeft(state: ClientState, latestTimeMs: number, nowMs: number): number {
  return latestTimeMs + state.trustingPeriodMs - nowMs;
}

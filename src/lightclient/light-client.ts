/**
 * One chain's light client over a `TrustedStore` (DESIGN.md "Header proofs"; ibc-go
 * 07-tendermint). The class only reads the store, calls the pure functions and applies their
 * verdict; every rule lives in verify-update.ts and misbehaviour-handle.ts.
 *
 * Calling order inside `update` (ibc-go `exported.ClientState`): verify the header first
 * (`verifyHeader`), then check it for misbehaviour (`checkForMisbehaviour`), then update state:
 * store the new consensus state, or freeze the client with the misbehaviour as evidence.
 *
 * Headers verified by skipping (not height+1 of a trusted one) are held until a witness confirms
 * them (`UpdateOptions.witness`, witness.ts): a witness's conflicting header freezes the client
 * with the pair as evidence; no witness, or none that can confirm, returns `held` and stores
 * nothing. Sequential headers need no witness: the quorum of the set the trusted header named
 * vouches for them.
 *
 * Once frozen, every call (update, submitMisbehaviour, verifiedStateRoot, latest,
 * trustTimeLeftMs) fails with FAILED_PRECONDITION `client_frozen` until `unfreeze`; `status`
 * and `clientState` still answer, so an operator can see why.
 */
import type { SignatureSuite } from '../crypto/signature-suite.js';
import { signatureSuiteOfSet } from '../chain/validator-set.js';
import { equalBytes } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import { isZeroHash, validateBasic } from '../chain/header.js';
import { DEFAULT_TRUST_LEVEL, checkTrustLevel, verifyCommit, type CommitEvidence, type TrustLevel } from '../chain/commit.js';
import type { Misbehaviour } from '../chain/misbehaviour.js';
import type { SignedHeader } from '../chain/signed-header.js';
import { validatorSetHash, type ValidatorSet } from '../chain/validator-set.js';
import { isHashSuite, type HashSuite } from '../crypto/hash-suite.js';
import {
  DEFAULT_MIN_BLOCK_INTERVAL_MS,
  clientStatus,
  hashSuiteOf,
  trustTimeLeft,
  type ClientState,
  type ClientStatus,
  type FrozenEvidence,
  type OperatorDecision,
} from './client-state.js';
import { consensusStateOf, type ConsensusState } from './consensus-state.js';
import { clientFrozenError, rejectUpdate } from './errors.js';
import { verifyMisbehaviour } from './misbehaviour-handle.js';
import type { TrustedStore, Versioned } from './store.js';
import { assertNotFrozen, verifyUpdate, type TrustedView, type UpdateEvidence } from './verify-update.js';
import { crossCheck, type HeldReason, type Witness, type WitnessAnswer } from './witness.js';

export interface InitOptions {
  /** How long a trusted header anchors updates; keep it below the chain's unbonding period. */
  trustingPeriodMs: number;
  maxClockDriftMs: number;
  /** Default 1/3 (tendermint light client). */
  trustLevel?: TrustLevel;
  /** The chain's least block interval in header time (held-header rule); 1 ms unless told. */
  minBlockIntervalMs?: number;
  /**
   * The hash suite of the chain's registry entry (SHA-256 unless told): kept in the client state,
   * every later header and proof of the chain is checked under it.
   */
  hashSuite?: HashSuite;
  /**
   * The signature suite of the chain's registry entry (secp256k1 unless told): the anchor's
   * validator sets must hold keys of this suite only (`signature_suite_mismatch`); later sets
   * are held to the suite of the set before them (verify-update.ts).
   */
  signatureSuite?: SignatureSuite;
  nowMs: number;
}

/** How `update` treats a header verified by skipping. */
export interface UpdateOptions {
  /** Asked before a skipping header is trusted; without one such a header is held. */
  witness?: Witness;
  /**
   * Trust skipping headers on their signatures alone: for a tool that checks one source on
   * purpose (the conformance kit judging one adapter). Never for what a gateway or an adapter
   * acts on.
   */
  singleSource?: true;
}

/** What `update` did: trusted a new header, saw one it already trusts, or froze the client. */
export type UpdateOutcome =
  /** `witnesses`: who confirmed a skipping header (empty for a sequential one). */
  | { kind: 'updated'; evidence: UpdateEvidence; witnesses: string[] }
  | { kind: 'duplicate'; height: number }
  /** A skipping header not trusted: nothing was stored (HeldReason says why). */
  | { kind: 'held'; reason: HeldReason; detail: string; evidence: UpdateEvidence }
  /** `witness`: set when a witness's conflicting header was the evidence. */
  | { kind: 'frozen'; frozen: FrozenEvidence; evidence: UpdateEvidence; witness?: string };

/** A state root the client has verified, with what it was verified from. */
export interface VerifiedStateRoot {
  chainId: string;
  height: number;
  stateRoot: Uint8Array;
  /** Under `hashSuite`. */
  headerHash: Uint8Array;
  /** The chain's hash suite (the client's, from its registry entry): proofs against `stateRoot` are checked under it. */
  hashSuite: HashSuite;
  timeMs: number;
  signedHeader: SignedHeader;
}

/** Which trusted height a query asks for (STYLE.md 4, hermes `QueryHeight`). */
export type QueryHeight = { kind: 'latest' } | { kind: 'at'; height: number };

/** Store writes are compare-and-set; a loser re-reads and re-verifies this many times. */
const MAX_ATTEMPTS = 5;

export class LightClient {
  constructor(
    readonly chainId: string,
    private readonly store: TrustedStore,
  ) {}

  /**
   * Start trusting `trusted` (subjective initialisation: the operator vouches for it). Still
   * checked: shape, non-empty state root, validator set hashes, a >2/3 quorum, not from the
   * future, within the trusting period. `nextValidatorSet`, if given, must hash to
   * `header.nextValidatorsHash`; skipping from this header then trusts it.
   */
  async init(
    trusted: SignedHeader,
    validatorSet: ValidatorSet,
    nextValidatorSet: ValidatorSet | undefined,
    opts: InitOptions,
  ): Promise<ClientState> {
    const { header, commit } = trusted;
    const trustLevel = opts.trustLevel ?? DEFAULT_TRUST_LEVEL;
    checkTrustLevel(trustLevel, 'opts.trustLevel');
    for (const k of ['trustingPeriodMs', 'maxClockDriftMs', 'nowMs'] as const) {
      if (!Number.isSafeInteger(opts[k]) || opts[k] < 0 || (k === 'trustingPeriodMs' && opts[k] === 0)) {
        rejectUpdate('invalid_trust_options', `opts.${k}: expected a non-negative integer (trusting period > 0), got ${opts[k]}`);
      }
    }
    const suite = opts.hashSuite ?? 'sha256';
    if (!isHashSuite(suite)) rejectUpdate('invalid_trust_options', `opts.hashSuite: expected "sha256" or "sm3", got ${String(suite)}`);
    const minBlockIntervalMs = opts.minBlockIntervalMs ?? DEFAULT_MIN_BLOCK_INTERVAL_MS;
    if (!Number.isSafeInteger(minBlockIntervalMs) || minBlockIntervalMs < 1) {
      rejectUpdate('invalid_trust_options', `opts.minBlockIntervalMs: expected an integer >= 1, got ${opts.minBlockIntervalMs}`);
    }
    if (header.chainId !== this.chainId)
      rejectUpdate('wrong_chain_id', `trusted header is for chain ${header.chainId}, this client follows ${this.chainId}`);
    validateBasic(header);
    if (isZeroHash(header.stateRoot))
      rejectUpdate(
        'empty_state_root',
        `trusted header ${header.chainId}@${header.height} has an all-zero state root; refusing to trust it`,
      );
    if (header.timeMs > opts.nowMs + opts.maxClockDriftMs)
      rejectUpdate('header_from_future', `trusted header time ${header.timeMs} is after now ${opts.nowMs} + drift ${opts.maxClockDriftMs}`);
    if (header.timeMs + opts.trustingPeriodMs <= opts.nowMs)
      rejectUpdate('trust_expired', `trusted header time ${header.timeMs} is older than the trusting period`, ErrorCode.FailedPrecondition);
    if (!equalBytes(validatorSetHash(validatorSet, suite), header.validatorsHash))
      rejectUpdate('wrong_validator_set_hash', `validatorSet does not hash to header.validatorsHash (under ${suite}, the chain's suite)`);
    if (nextValidatorSet !== undefined && !equalBytes(validatorSetHash(nextValidatorSet, suite), header.nextValidatorsHash)) {
      rejectUpdate('wrong_validator_set_hash', 'nextValidatorSet does not hash to header.nextValidatorsHash');
    }
    const signatureSuite = opts.signatureSuite ?? 'secp256k1';
    for (const [title, set] of [
      ['validatorSet', validatorSet],
      ['nextValidatorSet', nextValidatorSet],
    ] as const) {
      if (set !== undefined && signatureSuiteOfSet(set) !== signatureSuite)
        rejectUpdate(
          'signature_suite_mismatch',
          `${title} holds keys that are not ${signatureSuite}, the suite of the chain's registry entry`,
        );
    }
    verifyCommit(header, commit, validatorSet, { hashSuite: suite });
    if ((await this.store.getClientState(this.chainId)) !== undefined) {
      throw new CourtbridgeError(
        ErrorCode.AlreadyExists,
        'client_exists',
        `a light client for ${this.chainId} already exists; unfreeze or use it`,
      );
    }
    const state: ClientState = {
      chainId: this.chainId,
      ...(suite === 'sha256' ? {} : { hashSuite: suite }),
      trustingPeriodMs: opts.trustingPeriodMs,
      maxClockDriftMs: opts.maxClockDriftMs,
      trustLevel: { numerator: trustLevel.numerator, denominator: trustLevel.denominator },
      minBlockIntervalMs,
      status: 'active',
      latestHeight: header.height,
    };
    await this.store.putConsensusState(this.chainId, consensusStateOf({ signedHeader: trusted, validatorSet }, nextValidatorSet, suite));
    try {
      await this.store.putClientState(state, 0);
    } catch (e) {
      if (isCourtbridgeError(e) && e.reason === 'store_conflict') {
        throw new CourtbridgeError(
          ErrorCode.AlreadyExists,
          'client_exists',
          `a light client for ${this.chainId} was created concurrently`,
          { cause: e },
        );
      }
      throw e;
    }
    return state;
  }

  /**
   * Verify `signedHeader` (signed by `validatorSet`) against what is trusted and apply the
   * verdict. Heights above the latest extend the client (sequential or skipping); a height
   * between trusted ones fills the gap; a different header at a trusted height, or one whose
   * time is not before the next trusted header's, freezes the client (outcome `frozen`). A
   * header verified by skipping is cross-checked with `options.witness` first (held without it).
   */
  async update(signedHeader: SignedHeader, validatorSet: ValidatorSet, nowMs: number, options: UpdateOptions = {}): Promise<UpdateOutcome> {
    const block = { signedHeader, validatorSet };
    // Asked once: a store retry re-verifies against fresh state but reuses what witnesses said.
    let answers: WitnessAnswer[] | undefined;
    return this.withRetry(async () => {
      const current = await this.requireState();
      assertNotFrozen(current.value);
      const view = await this.viewAt(current.value, signedHeader.header.height);
      const verdict = verifyUpdate(view, block, nowMs);
      switch (verdict.kind) {
        case 'duplicate':
          return { kind: 'duplicate', height: verdict.height };
        case 'misbehaviour': {
          const frozen: FrozenEvidence = { misbehaviour: verdict.misbehaviour, frozenAtMs: nowMs };
          await this.store.putClientState(freeze(current.value, frozen), current.revision);
          return { kind: 'frozen', frozen, evidence: verdict.evidence };
        }
        case 'verified': {
          let witnesses: string[] = [];
          if (verdict.needsWitness && options.singleSource !== true) {
            if (options.witness === undefined) {
              return {
                kind: 'held',
                reason: 'witness_unavailable',
                detail: `header ${this.chainId}@${signedHeader.header.height} was verified by skipping and no witness is configured to confirm it`,
                evidence: verdict.evidence,
              };
            }
            answers ??= await options.witness(block);
            const check = crossCheck(view, block, answers, nowMs);
            if (check.kind === 'held') return { kind: 'held', reason: check.reason, detail: check.detail, evidence: verdict.evidence };
            if (check.kind === 'conflict') {
              const frozen: FrozenEvidence = { misbehaviour: check.misbehaviour, frozenAtMs: nowMs };
              await this.store.putClientState(freeze(current.value, frozen), current.revision);
              return { kind: 'frozen', frozen, evidence: verdict.evidence, witness: check.witness };
            }
            witnesses = check.witnesses;
          }
          await this.store.putConsensusState(this.chainId, verdict.consensusState);
          // Written even when unchanged (gap fill): the compare-and-set fails if another replica froze the client meanwhile.
          await this.store.putClientState(
            { ...current.value, latestHeight: Math.max(current.value.latestHeight, verdict.consensusState.height) },
            current.revision,
          );
          return { kind: 'updated', evidence: verdict.evidence, witnesses };
        }
      }
    });
  }

  /** Verify submitted misbehaviour (both sides against trusted state) and freeze the client. */
  async submitMisbehaviour(m: Misbehaviour, nowMs: number): Promise<FrozenEvidence> {
    return this.withRetry(async () => {
      const current = await this.requireState();
      assertNotFrozen(current.value);
      const firstView = await this.viewAt(current.value, m.first.signedHeader.header.height);
      const secondView = await this.viewAt(current.value, m.second.signedHeader.header.height);
      const verdict = verifyMisbehaviour(firstView, secondView, m, nowMs);
      await this.store.putClientState(freeze(current.value, verdict.frozen), current.revision);
      return verdict.frozen;
    });
  }

  /** 'active' | 'frozen' | 'expired' at `nowMs` (answers even when frozen). */
  async status(nowMs: number): Promise<ClientStatus> {
    const s = (await this.requireState()).value;
    if (s.status === 'frozen') return 'frozen';
    return clientStatus(s, (await this.latestConsensusState(s)).timeMs, nowMs);
  }

  /** Milliseconds until the latest trusted header expires as an anchor (<= 0 once expired). */
  async trustTimeLeftMs(nowMs: number): Promise<number> {
    const s = (await this.requireState()).value;
    assertNotFrozen(s);
    return trustTimeLeft(s, (await this.latestConsensusState(s)).timeMs, nowMs);
  }

  /** The stored client state, frozen or not (for operators and status pages). */
  async clientState(): Promise<ClientState> {
    return (await this.requireState()).value;
  }

  /** The latest trusted consensus state. */
  async latest(): Promise<ConsensusState> {
    const s = (await this.requireState()).value;
    assertNotFrozen(s);
    return this.latestConsensusState(s);
  }

  /**
   * The verified state root at a trusted height: what membership and non-membership proofs are
   * checked against. Fails `client_frozen` (FAILED_PRECONDITION) when frozen, `trust_expired`
   * (FAILED_PRECONDITION) when expired, `height_not_trusted` (NOT_FOUND) for an unknown height.
   */
  async verifiedStateRoot(height: QueryHeight | number, nowMs: number): Promise<VerifiedStateRoot> {
    const s = (await this.requireState()).value;
    assertNotFrozen(s);
    const latest = await this.latestConsensusState(s);
    if (trustTimeLeft(s, latest.timeMs, nowMs) <= 0) {
      rejectUpdate(
        'trust_expired',
        `light client for ${this.chainId} expired: latest trusted header ${latest.height} is older than the trusting period; update it first`,
        ErrorCode.FailedPrecondition,
      );
    }
    const q: QueryHeight = typeof height === 'number' ? { kind: 'at', height } : height;
    const cs = q.kind === 'latest' ? latest : await this.store.getConsensusState(this.chainId, q.height);
    if (cs === undefined) {
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'height_not_trusted',
        `no trusted header of ${this.chainId} at height ${q.kind === 'at' ? q.height : 'latest'}; update the client to it first`,
      );
    }
    return {
      chainId: this.chainId,
      height: cs.height,
      stateRoot: cs.stateRoot,
      headerHash: cs.headerHash,
      hashSuite: hashSuiteOf(s),
      timeMs: cs.timeMs,
      signedHeader: cs.signedHeader,
    };
  }

  /**
   * Lift a freeze after an operator looked at the evidence (DESIGN.md: "freezes that chain's
   * client until an operator resolves it"). Who may decide is checked by the caller (relay /
   * cli role check); the decision is kept in the client state for the audit trail.
   */
  async unfreeze(decision: OperatorDecision): Promise<ClientState> {
    if (typeof decision.operator !== 'string' || !decision.operator.startsWith('did:'))
      rejectUpdate('invalid_operator_decision', 'decision.operator: expected a DID');
    if (typeof decision.reason !== 'string' || decision.reason.trim() === '')
      rejectUpdate('invalid_operator_decision', 'decision.reason: required');
    if (!Number.isSafeInteger(decision.decidedAtMs) || decision.decidedAtMs < 0)
      rejectUpdate('invalid_operator_decision', 'decision.decidedAtMs: expected unix ms');
    return this.withRetry(async () => {
      const current = await this.requireState();
      if (current.value.status !== 'frozen') {
        throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'client_not_frozen', `light client for ${this.chainId} is not frozen`);
      }
      let latestHeight = current.value.latestHeight;
      if (decision.action.kind === 'rollback') {
        const to = decision.action.toHeight;
        if ((await this.store.getConsensusState(this.chainId, to)) === undefined)
          rejectUpdate('invalid_operator_decision', `decision.action.toHeight: ${to} is not a trusted height`);
        for (const h of await this.store.heights(this.chainId)) if (h > to) await this.store.deleteConsensusState(this.chainId, h);
        latestHeight = to;
      }
      const { frozenEvidence: _dropped, ...rest } = current.value;
      const next: ClientState = { ...rest, status: 'active', latestHeight, lastUnfreeze: decision };
      await this.store.putClientState(next, current.revision);
      return next;
    });
  }

  private async requireState(): Promise<Versioned<ClientState>> {
    const v = await this.store.getClientState(this.chainId);
    if (v === undefined)
      throw new CourtbridgeError(ErrorCode.NotFound, 'client_not_found', `no light client for chain ${this.chainId}; init it first`);
    return v;
  }

  private async latestConsensusState(s: ClientState): Promise<ConsensusState> {
    const cs = await this.store.getConsensusState(this.chainId, s.latestHeight);
    if (cs === undefined)
      throw new CourtbridgeError(ErrorCode.Internal, 'corrupt_trusted_store', `trusted store lost ${this.chainId}@${s.latestHeight}`);
    return cs;
  }

  /** Read the trusted neighbours of `height`; the common case (height above latest) costs two reads. */
  private async viewAt(state: ClientState, height: number): Promise<TrustedView> {
    const view: TrustedView = { clientState: state };
    if (height > state.latestHeight) {
      const below = await this.store.getConsensusState(this.chainId, state.latestHeight);
      if (below !== undefined) view.below = below;
      return view;
    }
    const heights = await this.store.heights(this.chainId);
    let lo: number | undefined;
    let hi: number | undefined;
    for (const h of heights) {
      if (h < height) lo = h;
      else if (h > height && hi === undefined) hi = h;
    }
    const [below, at, above] = await Promise.all([
      lo === undefined ? undefined : this.store.getConsensusState(this.chainId, lo),
      heights.includes(height) ? this.store.getConsensusState(this.chainId, height) : undefined,
      hi === undefined ? undefined : this.store.getConsensusState(this.chainId, hi),
    ]);
    if (below !== undefined) view.below = below;
    if (at !== undefined) view.atHeight = at;
    if (above !== undefined) view.above = above;
    return view;
  }

  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (attempt >= MAX_ATTEMPTS || !isCourtbridgeError(e) || e.reason !== 'store_conflict') throw e;
      }
    }
  }
}

function freeze(state: ClientState, frozen: FrozenEvidence): ClientState {
  return { ...state, status: 'frozen', frozenEvidence: frozen };
}

/** Re-exported for callers that only need the error (relay maps it to a gRPC status). */
export { clientFrozenError };
export type { CommitEvidence };

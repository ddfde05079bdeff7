/**
 * Pure header verification against trusted state (ibc-go 07-tendermint `update.go`, tendermint
 * light `VerifyAdjacent` / `VerifyNonAdjacent`). No I/O, no clock: `nowMs` is a parameter.
 *
 * Calling order (ibc-go `exported.ClientState`): 1. `verifyHeader` (throws on anything wrong);
 * 2. `checkForMisbehaviour` (assumes 1 passed); 3. apply: store the new consensus state, or
 * freeze on misbehaviour. `verifyUpdate` runs 1 and 2 and says what 3 must do; the
 * `LightClient` class (light-client.ts) applies it to its `TrustedStore`.
 *
 * Every hash (header, validator sets, the commit's target) is taken under the client state's
 * hash suite, the chain's registry entry's, never a suite read from the offered block. A header
 * of an SM3 chain offered to a client made for SHA-256 (or the other way round) is refused with
 * the reason its first wrong hash gives, `wrong_validator_set_hash` (the set does not hash to the
 * header's validators_hash), or `commit_hash_mismatch` / `prev_hash_mismatch`: to this client it
 * is a block of other hashes, so no reason of its own is needed.
 */
import { signatureSuiteOfSet } from '../chain/validator-set.js';
import { equalBytes } from '../encoding/bytes.js';
import { ErrorCode } from '../errors.js';
import { headerHash, isZeroHash, validateBasic } from '../chain/header.js';
import { verifyCommit, verifyCommitTrusting, type CommitEvidence } from '../chain/commit.js';
import type { LightBlock } from '../chain/signed-header.js';
import type { Misbehaviour } from '../chain/misbehaviour.js';
import { validatorSetHash } from '../chain/validator-set.js';
import { hashSuiteOf, maxHeightGap, trustTimeLeft, type ClientState } from './client-state.js';
import { consensusStateOf, lightBlockOf, type ConsensusState } from './consensus-state.js';
import { clientFrozenError, rejectUpdate } from './errors.js';

/** The trusted state around the offered header's height, read from the store by the caller. */
export interface TrustedView {
  clientState: ClientState;
  /** The highest trusted consensus state below the header's height. */
  below?: ConsensusState;
  /** The trusted consensus state at exactly the header's height. */
  atHeight?: ConsensusState;
  /** The lowest trusted consensus state above the header's height (when filling a gap). */
  above?: ConsensusState;
}

/** How a header came to be trusted (hermes `Verified { target, supporting }`). */
export interface UpdateEvidence {
  /** `sequential`: height+1 of a trusted header; `skipping`: any later height (1/3 trust rule). */
  kind: 'sequential' | 'skipping';
  /** The header now trusted. */
  trusted: LightBlock['signedHeader']['header'];
  /** Trusted heights it was verified from. */
  supporting: number[];
  /** Quorum of the header's own validator set. */
  commit: CommitEvidence;
  /** Skipping only: the trusted set's share among the signers. */
  trustingCommit?: CommitEvidence;
}

/**
 * `needsWitness`: the header was verified by skipping, so only more than trustLevel of a trusted
 * set vouches for it (a "lunatic" header signed by a third of the validators passes that rule).
 * It is held until a witness confirms it (witness.ts); a sequential header needs none.
 */
export type UpdateVerdict =
  | { kind: 'verified'; evidence: UpdateEvidence; consensusState: ConsensusState; needsWitness: boolean }
  | { kind: 'duplicate'; height: number; headerHash: Uint8Array }
  | { kind: 'misbehaviour'; evidence: UpdateEvidence; misbehaviour: Misbehaviour };

/** Every call on a frozen client fails, with the same error (ibc-go: status Frozen). */
export function assertNotFrozen(state: ClientState): void {
  if (state.status === 'frozen') throw clientFrozenError(state);
}

/**
 * Step 1: is `block` a header this client may trust, given `view` at `nowMs`? Throws a
 * `VerificationError` with the reason (see errors.ts) or returns how it was verified.
 * `below` anchors the verification; with no `below`, a header at an already trusted height
 * (a possible conflict) is checked against that height's own trusted set.
 */
export function verifyHeader(view: TrustedView, block: LightBlock, nowMs: number): UpdateEvidence {
  const cs = view.clientState;
  assertNotFrozen(cs);
  const suite = hashSuiteOf(cs);
  const { header, commit } = block.signedHeader;
  if (header.chainId !== cs.chainId)
    rejectUpdate('wrong_chain_id', `header is for chain ${header.chainId}, this client follows ${cs.chainId}`);
  validateBasic(header);
  // The Nomad lesson: a zero root "proves" whatever a zero-initialised proof says.
  if (isZeroHash(header.stateRoot))
    rejectUpdate('empty_state_root', `header ${header.chainId}@${header.height} has an all-zero state root`);
  if (header.timeMs > nowMs + cs.maxClockDriftMs) {
    rejectUpdate(
      'header_from_future',
      `header ${header.chainId}@${header.height} time ${header.timeMs} is after now ${nowMs} + max clock drift ${cs.maxClockDriftMs} ms`,
    );
  }
  if (!equalBytes(validatorSetHash(block.validatorSet, suite), header.validatorsHash)) {
    rejectUpdate(
      'wrong_validator_set_hash',
      `validator set given for ${header.chainId}@${header.height} does not hash to header.validatorsHash (under ${suite}, the chain's suite)`,
    );
  }
  const anchor = view.below ?? view.atHeight;
  if (anchor === undefined) {
    rejectUpdate('non_increasing_height', `header height ${header.height} is below every trusted height of ${cs.chainId}`);
  }
  const base = anchor!;
  // A chain keeps the signature suite its anchor was admitted with (light-client.ts init): a set
  // of another suite, or a mixed one, is never followed, even if the old set signed it over.
  const trustedSuite = signatureSuiteOfSet(base.validatorSet);
  if (signatureSuiteOfSet(block.validatorSet) !== trustedSuite) {
    rejectUpdate(
      'signature_suite_mismatch',
      `validator set of ${header.chainId}@${header.height} holds keys that are not ${trustedSuite}, the suite of the trusted set`,
    );
  }
  if (trustTimeLeft(cs, base.timeMs, nowMs) <= 0) {
    rejectUpdate(
      'trust_expired',
      `trusted header ${cs.chainId}@${base.height} (time ${base.timeMs}) is older than the trusting period ${cs.trustingPeriodMs} ms at now ${nowMs}`,
      ErrorCode.FailedPrecondition,
    );
  }
  if (base.height < header.height && header.timeMs <= base.timeMs) {
    rejectUpdate(
      'non_increasing_time',
      `header ${header.chainId}@${header.height} time ${header.timeMs} is not after trusted ${base.height} time ${base.timeMs}`,
    );
  }
  // Refused: more heights than the chain could have produced in the time between. The header's
  // own time bounds it (already checked against nowMs + drift above). No forward-only guard: a
  // header at its anchor's height has a gap of 0, and the rule always allows HEIGHT_SLACK_BLOCKS.
  const allowed = maxHeightGap(cs, base.timeMs, header.timeMs);
  if (header.height - base.height > allowed) {
    rejectUpdate(
      'height_ahead_of_time',
      `header ${header.chainId}@${header.height} is ${header.height - base.height} heights after trusted ${base.height}, but ${header.timeMs - base.timeMs} ms of chain time allow at most ${allowed} (minimum block interval ${cs.minBlockIntervalMs ?? 'default'} ms)`,
    );
  }
  if (base.height + 1 === header.height) {
    // Sequential (tendermint VerifyAdjacent): the header links to the trusted one and its
    // signers are the set the trusted header announced (handover by hash).
    if (!equalBytes(header.prevHash, base.headerHash))
      rejectUpdate('prev_hash_mismatch', `header ${header.chainId}@${header.height} does not link to trusted ${base.height}`);
    if (!equalBytes(header.validatorsHash, base.nextValidatorsHash)) {
      rejectUpdate(
        'wrong_validator_set_hash',
        `header ${header.chainId}@${header.height} validatorsHash differs from trusted ${base.height} nextValidatorsHash`,
      );
    }
    return {
      kind: 'sequential',
      trusted: header,
      supporting: [base.height],
      commit: verifyCommit(header, commit, block.validatorSet, { hashSuite: suite }),
    };
  }
  // Skipping (tendermint VerifyNonAdjacent): more than trustLevel of a set we trust signed,
  // then a quorum of the header's own set. The trusting check runs first: it is what stops a
  // made-up validator set, and it fails fast.
  const trustedSet = base.height < header.height ? (base.nextValidatorSet ?? base.validatorSet) : base.validatorSet;
  const trustingCommit = verifyCommitTrusting(header, commit, trustedSet, cs.trustLevel, { hashSuite: suite });
  const quorum = verifyCommit(header, commit, block.validatorSet, { hashSuite: suite });
  return { kind: 'skipping', trusted: header, supporting: [base.height], commit: quorum, trustingCommit };
}

/**
 * Step 2 (assumes `verifyHeader` passed): does the verified header contradict what is trusted?
 * A different header at a trusted height, or a time not before the next trusted header's.
 */
export function checkForMisbehaviour(view: TrustedView, block: LightBlock): Misbehaviour | undefined {
  const header = block.signedHeader.header;
  if (view.atHeight !== undefined && !equalBytes(view.atHeight.headerHash, headerHash(header, hashSuiteOf(view.clientState)))) {
    return { kind: 'conflicting_headers', first: lightBlockOf(view.atHeight), second: block };
  }
  if (view.above !== undefined && header.timeMs >= view.above.timeMs) {
    return { kind: 'time_violation', first: block, second: lightBlockOf(view.above) };
  }
  return undefined;
}

/** Steps 1 and 2: what the caller must apply (store a consensus state, nothing, or freeze). */
export function verifyUpdate(view: TrustedView, block: LightBlock, nowMs: number): UpdateVerdict {
  assertNotFrozen(view.clientState);
  const at = view.atHeight;
  if (at !== undefined && block.signedHeader.header.chainId === view.clientState.chainId) {
    const h = headerHash(block.signedHeader.header, hashSuiteOf(view.clientState));
    // Already trusted: a no-op (ibc-go UpdateState on an existing consensus state).
    if (equalBytes(h, at.headerHash)) return { kind: 'duplicate', height: at.height, headerHash: h };
  }
  const evidence = verifyHeader(view, block, nowMs);
  const misbehaviour = checkForMisbehaviour(view, block);
  if (misbehaviour !== undefined) return { kind: 'misbehaviour', evidence, misbehaviour };
  return {
    kind: 'verified',
    evidence,
    consensusState: consensusStateOf(block, undefined, hashSuiteOf(view.clientState)),
    needsWitness: evidence.kind === 'skipping',
  };
}

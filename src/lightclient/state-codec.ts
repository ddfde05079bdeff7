/**
 * Storage form of client and consensus states: JSON (readable with `nats kv get`), with the
 * signed structures inside as hex of their fixed-layout encodings, so decoding re-checks them
 * (canonical validator sets, bounded commits). Not signed bytes: the version field `v` lets
 * the form change later.
 *
 * `hashSuite` is written only for a chain that is not SHA-256 (so a SHA-256 state's stored bytes
 * are what they were) and read as SHA-256 when absent (states stored before suites existed).
 */
import { isHashSuite, type HashSuite } from '../crypto/hash-suite.js';
import { fromHex, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { decodeLightBlock, encodeLightBlock } from '../chain/signed-header.js';
import { decodeValidatorSet, encodeValidatorSet } from '../chain/validator-set.js';
import { checkTrustLevel } from '../chain/commit.js';
import { decodeMisbehaviour, encodeMisbehaviour } from '../chain/misbehaviour.js';
import type { ClientState, OperatorDecision } from './client-state.js';
import { consensusStateOf, lightBlockOf, type ConsensusState } from './consensus-state.js';

interface ClientStateJson {
  v: 1;
  chainId: string;
  /** Absent: SHA-256. */
  hashSuite?: HashSuite;
  trustingPeriodMs: number;
  maxClockDriftMs: number;
  trustLevel: { numerator: number; denominator: number };
  /** Absent in states stored before the held-header rule: the default applies. */
  minBlockIntervalMs?: number;
  status: 'active' | 'frozen';
  latestHeight: number;
  frozen?: { frozenAtMs: number; misbehaviour: string };
  lastUnfreeze?: OperatorDecision;
}

interface ConsensusStateJson {
  v: 1;
  /** The suite its header hash is under; absent: SHA-256. */
  hashSuite?: HashSuite;
  lightBlock: string;
  nextValidatorSet?: string;
}

const corrupt = (what: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(
    ErrorCode.Internal,
    'corrupt_trusted_store',
    `trusted store: ${what} is not a valid stored record`,
    cause === undefined ? {} : { cause },
  );

export function encodeClientState(s: ClientState): string {
  const j: ClientStateJson = {
    v: 1,
    chainId: s.chainId,
    ...(s.hashSuite === undefined || s.hashSuite === 'sha256' ? {} : { hashSuite: s.hashSuite }),
    trustingPeriodMs: s.trustingPeriodMs,
    maxClockDriftMs: s.maxClockDriftMs,
    trustLevel: { numerator: s.trustLevel.numerator, denominator: s.trustLevel.denominator },
    status: s.status === 'frozen' ? 'frozen' : 'active',
    latestHeight: s.latestHeight,
  };
  if (s.minBlockIntervalMs !== undefined) j.minBlockIntervalMs = s.minBlockIntervalMs;
  if (s.frozenEvidence !== undefined)
    j.frozen = { frozenAtMs: s.frozenEvidence.frozenAtMs, misbehaviour: toHex(encodeMisbehaviour(s.frozenEvidence.misbehaviour)) };
  if (s.lastUnfreeze !== undefined) j.lastUnfreeze = s.lastUnfreeze;
  return JSON.stringify(j);
}

/** A safe integer of at least `min`: the bound `LightClient.init` and `unfreeze` hold times, periods and heights to. */
const int = (x: unknown, min: number): boolean => Number.isSafeInteger(x) && (x as number) >= min;

/**
 * Whether `j` is a record this code could have written (the trust level apart: `checkTrustLevel`
 * says why). Frozen exactly when it carries the misbehaviour it froze on: `freeze` writes both,
 * `unfreeze` drops both.
 */
function wellFormed(j: ClientStateJson): boolean {
  const u = j.lastUnfreeze;
  return (
    typeof j.chainId === 'string' &&
    int(j.trustingPeriodMs, 1) &&
    int(j.maxClockDriftMs, 0) &&
    int(j.latestHeight, 1) &&
    (j.minBlockIntervalMs === undefined || int(j.minBlockIntervalMs, 1)) &&
    (j.hashSuite === undefined || isHashSuite(j.hashSuite)) &&
    (j.status === 'frozen' ? int(j.frozen?.frozenAtMs, 0) : j.status === 'active' && j.frozen === undefined) &&
    (u === undefined ||
      (typeof u?.operator === 'string' &&
        typeof u.reason === 'string' &&
        int(u.decidedAtMs, 0) &&
        (u.action?.kind === 'resume' || (u.action?.kind === 'rollback' && int(u.action.toHeight, 1)))))
  );
}

export function decodeClientState(text: string): ClientState {
  try {
    const j = JSON.parse(text) as ClientStateJson;
    if (j?.v !== 1 || !wellFormed(j)) throw corrupt('client state');
    checkTrustLevel(j.trustLevel);
    const s: ClientState = {
      chainId: j.chainId,
      trustingPeriodMs: j.trustingPeriodMs,
      maxClockDriftMs: j.maxClockDriftMs,
      trustLevel: j.trustLevel,
      status: j.status,
      latestHeight: j.latestHeight,
    };
    if (j.minBlockIntervalMs !== undefined) s.minBlockIntervalMs = j.minBlockIntervalMs;
    if (j.hashSuite !== undefined && j.hashSuite !== 'sha256') s.hashSuite = j.hashSuite;
    // A stored pair that does not decode is the store's fault, not a caller's invalid misbehaviour.
    if (j.frozen !== undefined)
      s.frozenEvidence = {
        frozenAtMs: j.frozen.frozenAtMs,
        misbehaviour: decodeMisbehaviour(fromHex(j.frozen.misbehaviour, 'frozen.misbehaviour')),
      };
    if (j.lastUnfreeze !== undefined) s.lastUnfreeze = j.lastUnfreeze;
    return s;
  } catch (e) {
    if (e instanceof CourtbridgeError && e.reason === 'corrupt_trusted_store') throw e;
    throw corrupt('client state', e);
  }
}

export function encodeConsensusState(cs: ConsensusState): string {
  const j: ConsensusStateJson = {
    v: 1,
    ...(cs.hashSuite === undefined || cs.hashSuite === 'sha256' ? {} : { hashSuite: cs.hashSuite }),
    lightBlock: toHex(encodeLightBlock(lightBlockOf(cs))),
  };
  if (cs.nextValidatorSet !== undefined) j.nextValidatorSet = toHex(encodeValidatorSet(cs.nextValidatorSet));
  return JSON.stringify(j);
}

export function decodeConsensusState(text: string): ConsensusState {
  try {
    const j = JSON.parse(text) as ConsensusStateJson;
    if (j?.v !== 1) throw corrupt('consensus state');
    if (j.hashSuite !== undefined && !isHashSuite(j.hashSuite)) throw corrupt('consensus state');
    const block = decodeLightBlock(fromHex(j.lightBlock, 'lightBlock'));
    return consensusStateOf(
      block,
      j.nextValidatorSet === undefined ? undefined : decodeValidatorSet(fromHex(j.nextValidatorSet, 'nextValidatorSet')),
      j.hashSuite ?? 'sha256',
    );
  } catch (e) {
    if (e instanceof CourtbridgeError && e.reason === 'corrupt_trusted_store') throw e;
    throw corrupt('consensus state', e);
  }
}

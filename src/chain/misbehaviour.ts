/**
 * Misbehaviour is plain data (ibc-go 07-tendermint `misbehaviour.go`): two light blocks of one
 * chain that a correct chain could never have both signed.
 *
 * - `conflicting_headers`: same height, different header hashes (a fork / double sign).
 * - `time_violation`: `first` is lower than `second` but its time is not earlier (BFT time is
 *   monotonic, so a quorum signed a header that contradicts a neighbour).
 * - `lunatic_attack`: same height, and the two headers name different validator sets: one side
 *   was made up and signed by more than the trust level of a trusted set (CometBFT's lunatic
 *   attack). Found by a witness cross-check of a header verified by skipping.
 * - `fork_detected`: same height, same validator sets, different headers: a witness serves
 *   another header signed by the same validators (equivocation).
 *
 * In the two witness kinds `first` is the header offered to the light client (the primary's),
 * `second` the witness's.
 *
 * `validateMisbehaviourBasic` does the stateless checks only (no signatures, no trusted state);
 * the light client verifies both commits against what it trusts (src/lightclient/misbehaviour-handle.ts).
 */
import { ByteReader, ByteWriter, assertBytes, equalBytes } from '../encoding/bytes.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { VerificationError } from '../errors.js';
import { headerHash, validateBasic, type Header } from './header.js';
import { readLightBlock, writeLightBlock, type LightBlock } from './signed-header.js';
import { validatorSetHash } from './validator-set.js';

export type MisbehaviourKind = 'conflicting_headers' | 'time_violation' | 'lunatic_attack' | 'fork_detected';

/** The kinds that are two headers at one height. */
const SAME_HEIGHT: ReadonlySet<MisbehaviourKind> = new Set(['conflicting_headers', 'lunatic_attack', 'fork_detected']);

export interface Misbehaviour {
  kind: MisbehaviourKind;
  first: LightBlock;
  second: LightBlock;
}

export type MisbehaviourRejection =
  | 'invalid_misbehaviour'
  | 'misbehaviour_chain_mismatch'
  | 'misbehaviour_height_mismatch'
  | 'misbehaviour_same_header'
  | 'misbehaviour_not_time_violation'
  | 'misbehaviour_not_lunatic'
  | 'misbehaviour_is_lunatic'
  | 'wrong_validator_set_hash'
  | 'commit_height_mismatch'
  | 'commit_hash_mismatch';

const fail = (reason: MisbehaviourRejection, message: string): never => {
  throw new VerificationError(reason, message);
};

/**
 * Stateless checks; throws `VerificationError` with a `MisbehaviourRejection` (or a header rejection).
 * `suite`: the hash suite of the chain's registry entry (the light client's), never the evidence's.
 */
export function validateMisbehaviourBasic(m: Misbehaviour, suite: HashSuite = 'sha256'): void {
  if (!Object.hasOwn(KIND_CODE, m.kind)) fail('invalid_misbehaviour', `misbehaviour.kind: unknown ${String(m.kind)}`);
  for (const side of ['first', 'second'] as const) {
    const { signedHeader, validatorSet } = m[side];
    validateBasic(signedHeader.header);
    if (!equalBytes(validatorSetHash(validatorSet, suite), signedHeader.header.validatorsHash)) {
      fail('wrong_validator_set_hash', `misbehaviour.${side}: validator set does not hash to header.validatorsHash`);
    }
    if (signedHeader.commit.height !== signedHeader.header.height)
      fail('commit_height_mismatch', `misbehaviour.${side}: commit height differs from header height`);
    if (!equalBytes(signedHeader.commit.headerHash, headerHash(signedHeader.header, suite)))
      fail('commit_hash_mismatch', `misbehaviour.${side}: commit is for another header`);
  }
  const a = m.first.signedHeader.header;
  const b = m.second.signedHeader.header;
  if (a.chainId !== b.chainId) fail('misbehaviour_chain_mismatch', `misbehaviour: headers of ${a.chainId} and ${b.chainId}`);
  if (SAME_HEIGHT.has(m.kind)) {
    if (a.height !== b.height)
      fail('misbehaviour_height_mismatch', `misbehaviour: conflicting headers at heights ${a.height} and ${b.height}`);
    if (equalBytes(headerHash(a, suite), headerHash(b, suite)))
      fail('misbehaviour_same_header', `misbehaviour: both headers at ${a.height} are the same`);
    const lunatic = isLunaticPair(a, b);
    if (m.kind === 'lunatic_attack' && !lunatic)
      fail('misbehaviour_not_lunatic', `misbehaviour: both headers at ${a.height} name the same validator sets; that is fork_detected`);
    if (m.kind === 'fork_detected' && lunatic)
      fail('misbehaviour_is_lunatic', `misbehaviour: the headers at ${a.height} name different validator sets; that is lunatic_attack`);
  } else {
    if (a.height >= b.height)
      fail(
        'misbehaviour_height_mismatch',
        `misbehaviour: time violation needs first.height < second.height, got ${a.height} and ${b.height}`,
      );
    if (a.timeMs < b.timeMs)
      fail('misbehaviour_not_time_violation', `misbehaviour: time ${a.timeMs} at ${a.height} is before ${b.timeMs} at ${b.height}`);
  }
}

/** Whether two headers at one height name different validator sets (this or the next). */
export function isLunaticPair(a: Header, b: Header): boolean {
  return !equalBytes(a.validatorsHash, b.validatorsHash) || !equalBytes(a.nextValidatorsHash, b.nextValidatorsHash);
}

const KIND_CODE: Record<MisbehaviourKind, number> = { conflicting_headers: 1, time_violation: 2, lunatic_attack: 3, fork_detected: 4 };

/** Encoding: u8 kind (1 conflicting_headers, 2 time_violation, 3 lunatic_attack, 4 fork_detected), light block first, light block second. */
export function encodeMisbehaviour(m: Misbehaviour): Uint8Array {
  const w = new ByteWriter().u8(KIND_CODE[m.kind]);
  writeLightBlock(w, m.first);
  writeLightBlock(w, m.second);
  return w.finish();
}

export function decodeMisbehaviour(bytes: Uint8Array): Misbehaviour {
  assertBytes(bytes, undefined, 'misbehaviour bytes');
  const r = new ByteReader(bytes);
  const code = r.u8('misbehaviour.kind');
  const kind = (Object.keys(KIND_CODE) as MisbehaviourKind[]).find((k) => KIND_CODE[k] === code);
  if (kind === undefined) fail('invalid_misbehaviour', `misbehaviour.kind: unknown code ${code}`);
  const first = readLightBlock(r);
  const second = readLightBlock(r);
  r.end('misbehaviour');
  return { kind: kind!, first, second };
}

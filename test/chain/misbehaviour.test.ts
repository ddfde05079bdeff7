import { describe, expect, it } from 'vitest';
import type { VerificationError } from '../../src/errors.js';
import {
  decodeMisbehaviour,
  encodeMisbehaviour,
  isLunaticPair,
  validateMisbehaviourBasic,
  type Misbehaviour,
} from '../../src/chain/misbehaviour.js';
import { decodeLightBlock, encodeLightBlock } from '../../src/chain/signed-header.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { ChainFixture, blockOf, fixtureValidators, forkOf, validatorSetOf } from '../helpers/chain-fixture.js';
import { reasonOf } from '../helpers/reason-of.js';

const chain = new ChainFixture('property-1', fixtureValidators(4));
const b1 = chain.next();
const b2 = chain.next();
const b3 = chain.next();
const fork2 = forkOf(b2, { stateRoot: new Uint8Array(32).fill(9) });
const late2 = forkOf(b2, { timeMs: b3.header.timeMs + 5 });

const conflicting = (): Misbehaviour => ({ kind: 'conflicting_headers', first: b2, second: fork2 });
const timeViolation = (): Misbehaviour => ({ kind: 'time_violation', first: late2, second: b3 });
/** At height 2, headers that differ from b2 in only one of the two validator-set hashes. */
const others = fixtureValidators(4, { from: 10 });
const otherSet2 = blockOf({ ...b2.header, validatorsHash: validatorSetHash(validatorSetOf(others)) }, others);
const otherNext2 = forkOf(b2, { nextValidatorsHash: validatorSetHash(validatorSetOf(others)) });
/** b2 with a commit that names height 3 but the right header hash. */
const commitAt3 = { ...b2, signedHeader: { header: b2.header, commit: { ...b2.signedHeader.commit, height: 3 } } };

describe('validateMisbehaviourBasic', () => {
  it('accepts a fork and a time violation', () => {
    expect(() => validateMisbehaviourBasic(conflicting())).not.toThrow();
    expect(() => validateMisbehaviourBasic(timeViolation())).not.toThrow();
  });

  it('a time violation includes equal times (BFT time must strictly increase)', () => {
    const same = forkOf(b2, { timeMs: b3.header.timeMs });
    expect(reasonOf(() => validateMisbehaviourBasic({ kind: 'time_violation', first: same, second: b3 }))).toBe('accepted');
  });

  it('either validator-set hash differing alone makes a lunatic pair, not a fork', () => {
    for (const other of [otherSet2, otherNext2]) {
      expect(isLunaticPair(b2.header, other.header)).toBe(true);
      expect(isLunaticPair(other.header, b2.header)).toBe(true);
      expect(reasonOf(() => validateMisbehaviourBasic({ kind: 'lunatic_attack', first: b2, second: other }))).toBe('accepted');
      expect(reasonOf(() => validateMisbehaviourBasic({ kind: 'fork_detected', first: b2, second: other }))).toBe(
        'misbehaviour_is_lunatic',
      );
    }
    expect(isLunaticPair(b2.header, fork2.header)).toBe(false);
    expect(reasonOf(() => validateMisbehaviourBasic({ kind: 'fork_detected', first: b2, second: fork2 }))).toBe('accepted');
  });

  const cases: { name: string; base: () => Misbehaviour; malleate: (m: Misbehaviour) => void; reason: string }[] = [
    { name: 'same header twice', base: conflicting, malleate: (m) => (m.second = b2), reason: 'misbehaviour_same_header' },
    { name: 'different heights', base: conflicting, malleate: (m) => (m.second = b3), reason: 'misbehaviour_height_mismatch' },
    {
      name: 'different chains',
      base: conflicting,
      malleate: (m) => (m.second = new ChainFixture('property-2', fixtureValidators(4)).advanceTo(2)),
      reason: 'misbehaviour_chain_mismatch',
    },
    { name: 'time in order', base: timeViolation, malleate: (m) => (m.first = b2), reason: 'misbehaviour_not_time_violation' },
    {
      name: 'time violation with heights reversed',
      base: timeViolation,
      malleate: (m) => ([m.first, m.second] = [b3, b1]),
      reason: 'misbehaviour_height_mismatch',
    },
    {
      name: 'validator set that is not the signing set',
      base: conflicting,
      malleate: (m) => (m.second = { ...fork2, validatorSet: validatorSetOf(fixtureValidators(3)) }),
      reason: 'wrong_validator_set_hash',
    },
    {
      name: 'commit of another header',
      base: conflicting,
      malleate: (m) => (m.second = { ...fork2, signedHeader: { header: fork2.header, commit: b2.signedHeader.commit } }),
      reason: 'commit_hash_mismatch',
    },
    {
      name: 'commit height not the header height (first)',
      base: conflicting,
      malleate: (m) => (m.first = commitAt3),
      reason: 'commit_height_mismatch',
    },
    {
      name: 'commit height not the header height (second)',
      base: conflicting,
      malleate: (m) => ([m.first, m.second] = [fork2, commitAt3]),
      reason: 'commit_height_mismatch',
    },
    {
      name: 'lunatic attack whose headers name the same validator sets',
      base: conflicting,
      malleate: (m) => (m.kind = 'lunatic_attack'),
      reason: 'misbehaviour_not_lunatic',
    },
    {
      // Equal heights: a time violation needs first strictly below second, whatever the times.
      name: 'time violation at one height',
      base: timeViolation,
      malleate: (m) => (m.second = fork2),
      reason: 'misbehaviour_height_mismatch',
    },
    {
      name: 'unknown kind',
      base: conflicting,
      malleate: (m) => ((m as { kind: string }).kind = 'bribery'),
      reason: 'invalid_misbehaviour',
    },
  ];
  it.each(cases)('rejects $name with $reason', ({ base, malleate, reason }) => {
    const m = base();
    malleate(m);
    let err: unknown;
    try {
      validateMisbehaviourBasic(m);
    } catch (e) {
      err = e;
    }
    expect((err as VerificationError).reason).toBe(reason);
  });

  it('round-trips through its encoding', () => {
    const m = timeViolation();
    const back = decodeMisbehaviour(encodeMisbehaviour(m));
    expect(back.kind).toBe('time_violation');
    expect(back.first.signedHeader).toEqual(m.first.signedHeader);
    expect(encodeMisbehaviour(back)).toEqual(encodeMisbehaviour(m));
    expect(decodeLightBlock(encodeLightBlock(b1)).validatorSet).toEqual(b1.validatorSet);
  });
});

describe('decodeMisbehaviour', () => {
  const bytes = encodeMisbehaviour(conflicting());

  it('names the kind when there is none', () => {
    expect(reasonOf(() => decodeMisbehaviour(new Uint8Array(0)))).toMatch(/^RangeError: misbehaviour\.kind: truncated/);
  });

  it.each([0, 5, 255])('refuses kind code %i with invalid_misbehaviour', (code) => {
    const b = bytes.slice();
    b[0] = code;
    expect(reasonOf(() => decodeMisbehaviour(b))).toBe('invalid_misbehaviour');
  });

  it('refuses trailing bytes, naming the misbehaviour', () => {
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(reasonOf(() => decodeMisbehaviour(longer))).toBe('RangeError: misbehaviour: 1 trailing bytes');
    expect(decodeMisbehaviour(bytes).kind).toBe('conflicting_headers');
  });
});

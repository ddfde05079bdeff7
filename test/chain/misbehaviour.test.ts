import { describe, expect, it } from 'vitest';
import type { VerificationError } from '../../src/errors.js';
import { decodeMisbehaviour, encodeMisbehaviour, validateMisbehaviourBasic, type Misbehaviour } from '../../src/chain/misbehaviour.js';
import { decodeLightBlock, encodeLightBlock } from '../../src/chain/signed-header.js';
import { ChainFixture, fixtureValidators, forkOf, validatorSetOf } from '../helpers/chain-fixture.js';

const chain = new ChainFixture('property-1', fixtureValidators(4));
const b1 = chain.next();
const b2 = chain.next();
const b3 = chain.next();
const fork2 = forkOf(b2, { stateRoot: new Uint8Array(32).fill(9) });
const late2 = forkOf(b2, { timeMs: b3.header.timeMs + 5 });

const conflicting = (): Misbehaviour => ({ kind: 'conflicting_headers', first: b2, second: fork2 });
const timeViolation = (): Misbehaviour => ({ kind: 'time_violation', first: late2, second: b3 });

describe('validateMisbehaviourBasic', () => {
  it('accepts a fork and a time violation', () => {
    expect(() => validateMisbehaviourBasic(conflicting())).not.toThrow();
    expect(() => validateMisbehaviourBasic(timeViolation())).not.toThrow();
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

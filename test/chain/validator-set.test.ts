import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { VerificationError } from '../../src/errors.js';
import {
  decodeValidatorSet,
  encodeValidatorSet,
  newValidatorSet,
  validatorByDid,
  validatorSetHash,
  MAX_TOTAL_POWER,
  type Validator,
} from '../../src/chain/validator-set.js';
import { fixtureValidators } from '../helpers/chain-fixture.js';

const base = (): Validator[] =>
  fixtureValidators(4, { power: (i) => i + 1 }).map((v) => ({ did: v.did, publicKey: v.publicKey, power: v.power }));

const reasonOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof VerificationError) return e.reason;
    throw e;
  }
  return 'accepted';
};

describe('ValidatorSet', () => {
  it('is canonical: any input order gives the same encoding and hash', () => {
    const a = newValidatorSet(base());
    const b = newValidatorSet(base().reverse());
    expect(encodeValidatorSet(b)).toEqual(encodeValidatorSet(a));
    expect(validatorSetHash(b)).toEqual(validatorSetHash(a));
    expect(a.totalPower).toBe(10);
    expect(a.validators.map((v) => v.did)).toEqual([...a.validators.map((v) => v.did)].sort());
    expect(validatorByDid(a, base()[2]!.did)?.power).toBe(3);
    expect(Object.isFrozen(a.validators)).toBe(true);
  });

  it('hash changes with power, key or membership', () => {
    const h = validatorSetHash(newValidatorSet(base()));
    const more = base();
    more[0]!.power = 5;
    expect(validatorSetHash(newValidatorSet(more))).not.toEqual(h);
    expect(validatorSetHash(newValidatorSet(base().slice(1)))).not.toEqual(h);
  });

  const cases: { name: string; malleate: (vs: Validator[]) => Validator[]; reason: string }[] = [
    { name: 'empty set', malleate: () => [], reason: 'empty_validator_set' },
    {
      name: 'duplicate DID',
      malleate: (vs) => [...vs, { ...vs[0]!, publicKey: fixtureValidators(1, { from: 99 })[0]!.publicKey }],
      reason: 'duplicate_validator_did',
    },
    { name: 'duplicate key', malleate: (vs) => [...vs, { ...vs[0]!, did: 'did:alliance:sybil' }], reason: 'duplicate_validator_key' },
    {
      name: 'zero power',
      malleate: (vs) => {
        vs[1]!.power = 0;
        return vs;
      },
      reason: 'invalid_power',
    },
    {
      name: 'negative power',
      malleate: (vs) => {
        vs[1]!.power = -3;
        return vs;
      },
      reason: 'invalid_power',
    },
    {
      name: 'fractional power',
      malleate: (vs) => {
        vs[1]!.power = 1.5;
        return vs;
      },
      reason: 'invalid_power',
    },
    {
      name: 'total power overflow',
      malleate: (vs) => {
        vs[0]!.power = MAX_TOTAL_POWER;
        return vs;
      },
      reason: 'total_power_overflow',
    },
    {
      name: 'key not on the curve',
      malleate: (vs) => {
        vs[0]!.publicKey = Uint8Array.of(2, ...new Uint8Array(32).fill(0xff));
        return vs;
      },
      reason: 'invalid_public_key',
    },
    {
      name: 'uncompressed-length key',
      malleate: (vs) => {
        vs[0]!.publicKey = new Uint8Array(65);
        return vs;
      },
      reason: 'invalid_public_key',
    },
    {
      name: 'DID that is not a DID',
      malleate: (vs) => {
        vs[0]!.did = 'alice';
        return vs;
      },
      reason: 'invalid_validator_did',
    },
  ];
  it.each(cases)('rejects $name with $reason', ({ malleate, reason }) => {
    expect(reasonOf(() => newValidatorSet(malleate(base())))).toBe(reason);
  });

  it('decoding rejects a non-canonical order and trailing bytes', () => {
    const set = newValidatorSet(base());
    const w = new ByteWriter().u32(2);
    for (const v of [...set.validators].slice(0, 2).reverse()) w.string(v.did).fixed(v.publicKey, 33).u64(v.power);
    expect(reasonOf(() => decodeValidatorSet(w.finish()))).toBe('non_canonical_validator_set');
    expect(() => decodeValidatorSet(Uint8Array.of(...encodeValidatorSet(set), 1))).toThrow(/trailing/);
    expect(decodeValidatorSet(encodeValidatorSet(set))).toEqual(set);
  });
});

import { describe, expect, it } from 'vitest';
import * as secp from '@noble/secp256k1';
import { digest } from '../../src/crypto/hash-suite.js';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { VerificationError } from '../../src/errors.js';
import {
  decodeValidatorSet,
  encodeValidatorSet,
  newValidatorSet,
  validatorByDid,
  validatorSetHash,
  MAX_TOTAL_POWER,
  MAX_VALIDATORS,
  type Validator,
  type ValidatorSet,
} from '../../src/chain/validator-set.js';
import { fixtureValidators } from '../helpers/chain-fixture.js';

const base = (): Validator[] =>
  fixtureValidators(4, { power: (i) => i + 1 }).map((v) => ({ did: v.did, publicKey: v.publicKey, power: v.power }));

/** `count` distinct valid keys k·G, k = 1..count: point additions, far cheaper than one key derivation each. */
const manyValidators = (count: number): Validator[] => {
  const out: Validator[] = [];
  let p = secp.Point.BASE;
  for (let i = 0; i < count; i++, p = p.add(secp.Point.BASE)) {
    out.push({ did: `did:alliance:v${String(i).padStart(4, '0')}`, publicKey: p.toBytes(true), power: 1 });
  }
  return out;
};

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
      name: 'DID not a string',
      malleate: (vs) => {
        (vs[0] as { did: unknown }).did = 42;
        return vs;
      },
      reason: 'invalid_validator_did',
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

  it('takes exactly MAX_VALIDATORS validators and refuses one more', () => {
    const vs = manyValidators(MAX_VALIDATORS + 1);
    expect(newValidatorSet(vs.slice(0, MAX_VALIDATORS)).validators).toHaveLength(MAX_VALIDATORS);
    expect(reasonOf(() => newValidatorSet(vs))).toBe('too_many_validators');
  });

  it('decoding refuses a count over MAX_VALIDATORS before reading any validator', () => {
    // MAX_VALIDATORS itself is a count to read on: the body is what is missing.
    expect(() => decodeValidatorSet(new ByteWriter().u32(MAX_VALIDATORS).finish())).toThrow(/^validators\[0\]\.did: truncated/);
    expect(reasonOf(() => decodeValidatorSet(new ByteWriter().u32(MAX_VALIDATORS + 1).finish()))).toBe('too_many_validators');
  });

  it('takes a total power of exactly MAX_TOTAL_POWER', () => {
    const vs = base();
    vs[0]!.power = MAX_TOTAL_POWER - vs.slice(1).reduce((t, v) => t + v.power, 0);
    expect(newValidatorSet(vs).totalPower).toBe(MAX_TOTAL_POWER);
  });

  it('keeps its own copy of each key', () => {
    const vs = base();
    const key = vs[0]!.publicKey.slice();
    const set = newValidatorSet(vs);
    vs[0]!.publicKey.fill(0);
    expect(validatorByDid(set, vs[0]!.did)?.publicKey).toEqual(key);
  });

  it('a truncated encoding names the field being read where it ends', () => {
    const set = newValidatorSet(base().slice(0, 2));
    const b = encodeValidatorSet(set);
    const layout: [RegExp, number][] = [[/^validatorSet\.count: truncated/, 4]];
    set.validators.forEach((v, i) => {
      layout.push([new RegExp(`^validators\\[${i}\\]\\.did: truncated`), 4 + v.did.length]);
      layout.push([new RegExp(`^validators\\[${i}\\]\\.publicKey: truncated`), 33]);
      layout.push([new RegExp(`^validators\\[${i}\\]\\.power: truncated`), 8]);
    });
    let at = 0;
    for (const [message, size] of layout) {
      for (let n = at; n < at + size; n++) expect(() => decodeValidatorSet(b.subarray(0, n)), `cut at ${n}`).toThrow(message);
      at += size;
    }
    expect(at).toBe(b.length);
  });

  it('decoding refuses the same DID twice in a row as out of order', () => {
    const [a, b] = base();
    const w = new ByteWriter().u32(2);
    for (const v of [a!, { ...b!, did: a!.did }]) w.string(v.did).fixed(v.publicKey, 33).u64(v.power);
    expect(reasonOf(() => decodeValidatorSet(w.finish()))).toBe('non_canonical_validator_set');
  });

  it('refuses an unknown hash suite', () => {
    const set = newValidatorSet(base());
    expect(() => validatorSetHash(set, 'md5' as never)).toThrow(/^validatorSetHash: unknown hash suite md5$/);
  });

  it('hashes under the suite asked for', () => {
    const set = newValidatorSet(base());
    expect(validatorSetHash(set, 'sm3')).toEqual(digest('sm3', encodeValidatorSet(set)));
    expect(validatorSetHash(set)).toEqual(digest('sha256', encodeValidatorSet(set)));
  });

  // Only frozen sets are cached: a set built by hand may change, and must then be hashed and indexed anew.
  it('a set built by hand and changed after use is hashed and indexed anew', () => {
    const a = newValidatorSet(base());
    const b = newValidatorSet(base().slice(1));
    const set: { validators: ValidatorSet['validators']; totalPower: number } = { validators: a.validators, totalPower: a.totalPower };
    const dropped = validatorByDid(a, base()[0]!.did)!;
    expect(validatorSetHash(set)).toEqual(validatorSetHash(a));
    expect(validatorSetHash(set, 'sm3')).toEqual(validatorSetHash(a, 'sm3'));
    expect(validatorByDid(set, dropped.did)).toBe(dropped);
    set.validators = b.validators;
    set.totalPower = b.totalPower;
    expect(validatorSetHash(set)).toEqual(validatorSetHash(b));
    expect(validatorSetHash(set, 'sm3')).toEqual(validatorSetHash(b, 'sm3'));
    expect(validatorByDid(set, dropped.did)).toBeUndefined();
  });

  it('a set frozen at the top over an array that still changes is not cached either', () => {
    const a = newValidatorSet(base());
    const b = newValidatorSet(base().slice(1));
    const validators = [...a.validators];
    const set = Object.freeze({ validators, totalPower: a.totalPower });
    const dropped = validators[0]!;
    expect(validatorSetHash(set)).toEqual(validatorSetHash(a));
    expect(validatorByDid(set, dropped.did)).toBe(dropped);
    validators.splice(0, validators.length, ...b.validators);
    expect(validatorSetHash(set)).toEqual(validatorSetHash(b));
    expect(validatorByDid(set, dropped.did)).toBeUndefined();
  });
});

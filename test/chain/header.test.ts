import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZERO_HASH, decodeHeader, encodeHeader, headerHash, validateBasic, type Header } from '../../src/chain/header.js';
import { VerificationError } from '../../src/errors.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';

const chain = new ChainFixture('ip-1', fixtureValidators(4));
const h1 = chain.next().header;
const h2 = chain.next().header;

describe('validateBasic', () => {
  it('accepts well-formed headers at height 1 and later', () => {
    expect(() => validateBasic(h1)).not.toThrow();
    expect(() => validateBasic(h2)).not.toThrow();
  });

  const cases: { name: string; base: Header; malleate: (h: Header) => void; reason: string }[] = [
    { name: 'empty chain id', base: h2, malleate: (h) => (h.chainId = ''), reason: 'invalid_chain_id' },
    { name: 'chain id with a dot (KV token separator)', base: h2, malleate: (h) => (h.chainId = 'ip.1'), reason: 'invalid_chain_id' },
    { name: 'chain id with a slash (path)', base: h2, malleate: (h) => (h.chainId = '../x'), reason: 'invalid_chain_id' },
    { name: 'height 0', base: h2, malleate: (h) => (h.height = 0), reason: 'invalid_height' },
    { name: 'fractional height', base: h2, malleate: (h) => (h.height = 2.5), reason: 'invalid_height' },
    { name: 'unsafe height', base: h2, malleate: (h) => (h.height = 2 ** 53), reason: 'invalid_height' },
    { name: 'time 0', base: h2, malleate: (h) => (h.timeMs = 0), reason: 'invalid_time' },
    { name: 'short state root', base: h2, malleate: (h) => (h.stateRoot = new Uint8Array(31)), reason: 'invalid_hash_length' },
    { name: 'long validators hash', base: h2, malleate: (h) => (h.validatorsHash = new Uint8Array(33)), reason: 'invalid_hash_length' },
    { name: 'non-zero prevHash at height 1', base: h1, malleate: (h) => (h.prevHash = headerHash(h2)), reason: 'invalid_prev_hash' },
    { name: 'zero prevHash at height 2', base: h2, malleate: (h) => (h.prevHash = ZERO_HASH), reason: 'invalid_prev_hash' },
    { name: 'proposer not a DID', base: h2, malleate: (h) => (h.proposer = 'validator-1'), reason: 'invalid_proposer' },
  ];
  it.each(cases)('rejects $name with $reason', ({ base, malleate, reason }) => {
    const h = { ...base };
    malleate(h);
    let err: unknown;
    try {
      validateBasic(h);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as VerificationError).reason).toBe(reason);
    expect((err as VerificationError).code).toBe('INVALID_ARGUMENT');
  });
});

describe('header encoding', () => {
  it('round-trips and rejects trailing or truncated bytes', () => {
    const b = encodeHeader(h2);
    expect(decodeHeader(b)).toEqual(h2);
    expect(() => decodeHeader(Uint8Array.of(...b, 0))).toThrow(/trailing/);
    expect(() => decodeHeader(b.subarray(0, b.length - 1))).toThrow(/truncated/);
  });

  it('every field changes the hash (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (height, timeMs, root) => {
          const h: Header = { ...h2, height, timeMs, stateRoot: root };
          expect(decodeHeader(encodeHeader(h))).toEqual(h);
          const other = { ...h, height: height + 1 };
          expect(headerHash(other)).not.toEqual(headerHash(h));
        },
      ),
      { numRuns: 200 },
    );
  });
});

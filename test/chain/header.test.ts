import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ZERO_HASH,
  decodeHeader,
  encodeHeader,
  headerBytes,
  headerHash,
  readHeader,
  validateBasic,
  type Header,
} from '../../src/chain/header.js';
import { sha256 } from '../../src/crypto/hash.js';
import { digest } from '../../src/crypto/hash-suite.js';
import { ByteReader, concatBytes } from '../../src/encoding/bytes.js';
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
    { name: 'chain id not a string', base: h2, malleate: (h) => ((h as { chainId: unknown }).chainId = 123), reason: 'invalid_chain_id' },
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
    { name: 'proposer not a string', base: h2, malleate: (h) => ((h as { proposer: unknown }).proposer = 42), reason: 'invalid_proposer' },
  ];
  it('accepts time 1, the least positive time', () => {
    expect(() => validateBasic({ ...h2, timeMs: 1 })).not.toThrow();
  });

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
    expect(() => decodeHeader(Uint8Array.of(...b, 0))).toThrow(/^header: 1 trailing bytes$/);
    expect(() => decodeHeader(b.subarray(0, b.length - 1))).toThrow(/truncated/);
  });

  // Field layout of the sign bytes (file comment of header.ts): the label each read names.
  const layout = (h: Header): [string, number][] => [
    ['header.chainId', 4 + Buffer.byteLength(h.chainId)],
    ['header.height', 8],
    ['header.timeMs', 8],
    ['header.prevHash', 32],
    ['header.stateRoot', 32],
    ['header.txRoot', 32],
    ['header.validatorsHash', 32],
    ['header.nextValidatorsHash', 32],
    ['header.proposer', 4 + Buffer.byteLength(h.proposer)],
  ];

  it('a truncated header names the field being read where it ends', () => {
    const b = encodeHeader(h2);
    let at = 0;
    for (const [label, size] of layout(h2)) {
      for (let n = at; n < at + size; n++) {
        expect(() => decodeHeader(b.subarray(0, n)), `cut at ${n}`).toThrow(new RegExp(`^${label.replace('.', '\\.')}: truncated`));
      }
      at += size;
    }
    expect(at).toBe(b.length);
  });

  it('decoded hashes are copies, not views of the input', () => {
    const b = encodeHeader(h2);
    const h = decodeHeader(b);
    b.fill(0xee);
    expect(h).toEqual(h2);
  });

  it('read inside a larger structure: bytes may follow unless the header must end there', () => {
    const b = concatBytes(headerBytes(h2), Uint8Array.of(7, 9));
    const r = new ByteReader(b);
    expect(readHeader(r)).toEqual(h2);
    expect([r.u8(), r.u8()]).toEqual([7, 9]);
    expect(() => readHeader(new ByteReader(b), true)).toThrow(/^header: 2 trailing bytes$/);
  });

  it('encoding a hash of the wrong length names the field', () => {
    for (const f of ['prevHash', 'stateRoot', 'txRoot', 'validatorsHash', 'nextValidatorsHash'] as const) {
      expect(() => headerBytes({ ...h2, [f]: new Uint8Array(31) }), f).toThrow(new RegExp(`^header\\.${f}: expected 32 bytes, got 31$`));
    }
  });

  it('hashes under the suite asked for', () => {
    const b = headerBytes(h2);
    expect(headerHash(h2)).toEqual(sha256(b));
    expect(headerHash(h2, 'sha256')).toEqual(sha256(b));
    expect(headerHash(h2, 'sm3')).toEqual(digest('sm3', b));
    expect(headerHash(h2, 'sm3')).not.toEqual(headerHash(h2, 'sha256'));
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

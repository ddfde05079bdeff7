/** Adversarial, table-driven: each crafted commit is rejected with its own reason (ibc-go `malleate` style). */
import { describe, expect, it } from 'vitest';
import { SignTag, signingInput } from '../../src/crypto/hash.js';
import { sign, toHighS } from '../../src/crypto/secp256k1.js';
import { VerificationError } from '../../src/errors.js';
import { headerHash, type Header } from '../../src/chain/header.js';
import { voteBytes } from '../../src/chain/vote.js';
import {
  MAX_COMMIT_SIGNATURES,
  checkTrustLevel,
  decodeCommit,
  encodeCommit,
  verifyCommit,
  verifyCommitTrusting,
  type Commit,
  type CommitEvidence,
} from '../../src/chain/commit.js';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { newValidatorSet, type ValidatorSet } from '../../src/chain/validator-set.js';
import { ChainFixture, fixtureValidators, signCommit, validatorSetOf, type FixtureValidator } from '../helpers/chain-fixture.js';
import { reasonOf } from '../helpers/reason-of.js';

const vals = fixtureValidators(4);
const chain = new ChainFixture('credit-1', vals);
chain.next();
const block = chain.next();
const header = block.header;
const set = block.validatorSet;
const [v1, v2, v3] = vals as [FixtureValidator, FixtureValidator, FixtureValidator, FixtureValidator];
const outsider = fixtureValidators(1, { from: 50 })[0]!;

/** A signature by `v` over a vote with one field changed. */
const voteFor = (v: FixtureValidator, chainId: string, height: number, hash: Uint8Array, tag: SignTag = SignTag.Header): Uint8Array =>
  sign(signingInput(tag, voteBytes(chainId, height, hash)), v.privateKey);

const twoGood = (): Commit => signCommit(header, [v1, v2]);
const withThird = (sig: (c: Commit) => { validatorDid: string; signature: Uint8Array }) => (c: Commit) => c.signatures.push(sig(c));

type Case = { name: string; malleate: (c: Commit) => void; reason: string; ignored?: string; base?: () => Commit };
const cases: Case[] = [
  { name: 'two of four sign', malleate: () => {}, reason: 'insufficient_power' },
  {
    name: 'duplicate signer',
    malleate: (c) => c.signatures.push({ ...c.signatures[0]! }),
    reason: 'insufficient_power',
    ignored: 'duplicate_signer',
  },
  {
    name: 'zero signature',
    malleate: withThird(() => ({ validatorDid: v3.did, signature: new Uint8Array(64) })),
    reason: 'insufficient_power',
    ignored: 'signature_out_of_range',
  },
  {
    name: 'unknown signer',
    malleate: withThird(() => ({
      validatorDid: outsider.did,
      signature: voteFor(outsider, header.chainId, header.height, headerHash(header)),
    })),
    reason: 'insufficient_power',
    ignored: 'unknown_validator',
  },
  {
    name: 'high-S signature',
    malleate: withThird(() => ({
      validatorDid: v3.did,
      signature: toHighS(voteFor(v3, header.chainId, header.height, headerHash(header))),
    })),
    reason: 'insufficient_power',
    ignored: 'high_s_signature',
  },
  {
    name: 'signature for another chain id',
    malleate: withThird(() => ({ validatorDid: v3.did, signature: voteFor(v3, 'credit-2', header.height, headerHash(header)) })),
    reason: 'insufficient_power',
    ignored: 'invalid_signature',
  },
  {
    name: 'signature for another height',
    malleate: withThird(() => ({ validatorDid: v3.did, signature: voteFor(v3, header.chainId, header.height + 1, headerHash(header)) })),
    reason: 'insufficient_power',
    ignored: 'invalid_signature',
  },
  {
    name: 'signature for another header hash',
    malleate: withThird(() => ({
      validatorDid: v3.did,
      signature: voteFor(v3, header.chainId, header.height, new Uint8Array(32).fill(7)),
    })),
    reason: 'insufficient_power',
    ignored: 'invalid_signature',
  },
  {
    name: 'signature under another tag',
    malleate: withThird(() => ({
      validatorDid: v3.did,
      signature: voteFor(v3, header.chainId, header.height, headerHash(header), SignTag.Envelope),
    })),
    reason: 'insufficient_power',
    ignored: 'invalid_signature',
  },
  {
    name: "another validator's signature under v3's DID",
    malleate: withThird((c) => ({ validatorDid: v3.did, signature: c.signatures[0]!.signature })),
    reason: 'insufficient_power',
    ignored: 'invalid_signature',
  },
  {
    name: 'truncated signature',
    malleate: withThird(() => ({
      validatorDid: v3.did,
      signature: voteFor(v3, header.chainId, header.height, headerHash(header)).subarray(0, 63),
    })),
    reason: 'insufficient_power',
    ignored: 'bad_signature_length',
  },
  {
    name: 'commit for another height (all signatures valid)',
    base: () => signCommit(header, vals),
    malleate: (c) => (c.height = header.height + 1),
    reason: 'commit_height_mismatch',
  },
  {
    name: 'commit for another hash (all signatures valid)',
    base: () => signCommit(header, vals),
    malleate: (c) => (c.headerHash = new Uint8Array(32).fill(1)),
    reason: 'commit_hash_mismatch',
  },
  {
    name: 'too many entries',
    base: () => signCommit(header, vals),
    malleate: (c) => {
      while (c.signatures.length <= MAX_COMMIT_SIGNATURES) c.signatures.push({ validatorDid: 'did:x:y', signature: new Uint8Array(64) });
    },
    reason: 'too_many_signatures',
  },
  {
    name: 'malformed entry',
    base: () => signCommit(header, vals),
    malleate: (c) => (c.signatures[0] = { validatorDid: 7 } as unknown as Commit['signatures'][0]),
    reason: 'invalid_commit',
  },
];

function rejection(fn: () => CommitEvidence): VerificationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VerificationError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('verifyCommit', () => {
  it('accepts a quorum and stops verifying once it is reached', () => {
    const ev = verifyCommit(header, signCommit(header, vals), set);
    expect(ev).toMatchObject({ signedPower: 3, totalPower: 4, counted: [v1.did, v2.did, v3.did], ignored: [], unchecked: 1 });
  });

  it('verify_all checks every signature and names every signer', () => {
    const ev = verifyCommit(header, signCommit(header, vals), set, { stop: 'verify_all' });
    expect(ev.counted).toHaveLength(4);
    expect(ev.unchecked).toBe(0);
  });

  it('each DID gets one chance: a garbage entry first makes its later valid entry a duplicate', () => {
    const c = signCommit(header, [v1, v2, v3]);
    c.signatures.unshift({ validatorDid: v1.did, signature: new Uint8Array(64) });
    const e = rejection(() => verifyCommit(header, c, set, { stop: 'verify_all' }));
    expect(e.reason).toBe('insufficient_power');
    expect(e.details).toMatchObject({ signedPower: 2, ignored: 2 });
  });

  it('exactly 2/3 is not enough (strictly more than 2/3)', () => {
    const three = fixtureValidators(3, { from: 20 });
    const c3 = new ChainFixture('credit-1', three);
    const b = c3.next();
    const e = rejection(() => verifyCommit(b.header, signCommit(b.header, three.slice(0, 2)), b.validatorSet));
    expect(e.reason).toBe('insufficient_power');
    expect(e.details).toMatchObject({ signedPower: 2, totalPower: 3 });
    // Weighted: one validator with 67 of 100 power passes alone; 66 does not.
    const weighted = fixtureValidators(2, { from: 30, power: (i) => (i === 0 ? 67 : 33) });
    const cw = new ChainFixture('credit-1', weighted).next();
    expect(verifyCommit(cw.header, signCommit(cw.header, [weighted[0]!]), cw.validatorSet).signedPower).toBe(67);
    const weak = fixtureValidators(2, { from: 30, power: (i) => (i === 0 ? 66 : 34) });
    const cweak = new ChainFixture('credit-1', weak).next();
    expect(rejection(() => verifyCommit(cweak.header, signCommit(cweak.header, [weak[0]!]), cweak.validatorSet)).reason).toBe(
      'insufficient_power',
    );
  });

  it.each(cases)('rejects $name: $reason', ({ base, malleate, reason, ignored }) => {
    const c = (base ?? twoGood)();
    malleate(c);
    const e = rejection(() => verifyCommit(header, c, set, { stop: 'verify_all' }));
    expect(e.reason).toBe(reason);
    if (ignored !== undefined) {
      // Same commit plus one more valid signer passes: the ignored entry is what was missing.
      const ev = verifyCommit(header, { ...c, signatures: [...c.signatures, signCommit(header, [vals[3]!]).signatures[0]!] }, set, {
        stop: 'verify_all',
      });
      expect(ev.ignored.map((i) => i.reason)).toContain(ignored);
      expect(ev.signedPower).toBe(3);
    }
  });
});

describe('verifyCommitTrusting', () => {
  const newVals = [...fixtureValidators(2, { from: 3 }), ...fixtureValidators(2, { from: 5 })]; // 3,4 stay; 5,6 join
  const newChain = new ChainFixture('credit-1', newVals);
  const nb = newChain.next();
  const trusted: ValidatorSet = set;

  it('passes with more than 1/3 of the trusted power among the signers', () => {
    const ev = verifyCommitTrusting(nb.header, signCommit(nb.header, newVals), trusted);
    expect(ev.counted).toEqual(newVals.slice(0, 2).map((v) => v.did));
    // By default it stops at the trust level: the two newcomers after it are not looked at.
    expect(ev).toMatchObject({ signedPower: 2, totalPower: 4, ignored: [], unchecked: 2 });
    const all = verifyCommitTrusting(nb.header, signCommit(nb.header, newVals), trusted, undefined, { stop: 'verify_all' });
    expect(all.unchecked).toBe(0);
    expect(all.ignored).toEqual(newVals.slice(2).map((v) => ({ did: v.did, reason: 'unknown_validator' })));
  });

  it('rejects 1/4 of the trusted power with insufficient_trusted_power, naming the power', () => {
    const e = rejection(() => verifyCommitTrusting(nb.header, signCommit(nb.header, newVals.slice(1)), trusted));
    expect(e.reason).toBe('insufficient_trusted_power');
    expect(e.details).toEqual({ signedPower: 1, totalPower: 4 });
  });

  it('does not count a trusted DID whose key was rotated', () => {
    const rotated = { ...newVals[0]!, privateKey: fixtureValidators(1, { from: 77 })[0]!.privateKey };
    const signers = [rotated, ...newVals.slice(1)];
    const e = rejection(() => verifyCommitTrusting(nb.header, signCommit(nb.header, signers), trusted, undefined, { stop: 'verify_all' }));
    expect(e.reason).toBe('insufficient_trusted_power');
  });

  it('names the trust level in its refusal', () => {
    const e = rejection(() => verifyCommitTrusting(nb.header, signCommit(nb.header, newVals), trusted, { numerator: 1, denominator: 4 }));
    expect(e.message).toMatch(/^trustLevel: /);
    expect(() => checkTrustLevel({ numerator: 1, denominator: 4 }, 'witness.trustLevel')).toThrow(/^witness\.trustLevel: /);
  });

  it('rejects a trust level below 1/3 or above 1', () => {
    expect(
      rejection(() => verifyCommitTrusting(nb.header, signCommit(nb.header, newVals), trusted, { numerator: 1, denominator: 4 })).reason,
    ).toBe('invalid_trust_level');
    expect(
      rejection(() => verifyCommitTrusting(nb.header, signCommit(nb.header, newVals), trusted, { numerator: 4, denominator: 3 })).reason,
    ).toBe('invalid_trust_level');
  });

  it('a custom set built by hand is indexed too', () => {
    const s = newValidatorSet(vals.map((v) => ({ did: v.did, publicKey: v.publicKey, power: v.power })));
    expect(
      verifyCommit(header as Header, signCommit(header, vals), { validators: s.validators, totalPower: s.totalPower }).signedPower,
    ).toBe(3);
    expect(validatorSetOf(vals).totalPower).toBe(4);
  });
});

describe('checkTrustLevel', () => {
  // A refused level breaks one bound while the others hold, where that can be: n < 1 and d < 1
  // cannot break alone (n < 1 also breaks 3n >= d or d >= 1; d < 1 also breaks n <= d or n >= 1).
  const accepted: [number, number][] = [
    [1, 3], // exactly 1/3
    [2, 3],
    [1, 1], // exactly 1 (n === d, d === 1)
    [500_000, 1_000_000], // largest denominator
    [1_000_000, 1_000_000],
  ];
  const refused: [string, number, number][] = [
    ['numerator not an integer', 1.5, 3],
    ['denominator not an integer', 1, 2.5],
    ['denominator NaN', 1, Number.NaN],
    ['denominator over 1_000_000', 600_000, 1_000_001],
    ['zero over zero', 0, 0],
    ['numerator zero', 0, 3],
    ['numerator negative', -1, 3],
    ['denominator negative', -1, -2],
    ['above 1', 4, 3],
    ['just above 1', 1_000_000, 999_999],
    ['below 1/3', 1, 4],
    ['just below 1/3', 333_333, 1_000_000],
  ];

  it.each(accepted)('accepts %i/%i', (numerator, denominator) => {
    expect(reasonOf(() => checkTrustLevel({ numerator, denominator }))).toBe('accepted');
  });
  it.each(refused)('refuses %s (%d/%d) with invalid_trust_level', (_, numerator, denominator) => {
    expect(reasonOf(() => checkTrustLevel({ numerator, denominator }))).toBe('invalid_trust_level');
  });
});

describe('commit shape', () => {
  const good = (): Commit => signCommit(header, vals);
  const cases: { name: string; commit: () => unknown; field: string }[] = [
    { name: 'a number', commit: () => 5, field: 'commit' },
    { name: 'a string', commit: () => 'commit', field: 'commit' },
    { name: 'null', commit: () => null, field: 'commit' },
    { name: 'no headerHash', commit: () => ({ ...good(), headerHash: undefined }), field: 'commit.headerHash' },
    // The right bytes, but in a plain array: only a Uint8Array is a hash.
    {
      name: 'headerHash as an array',
      commit: () => ({ ...good(), headerHash: Array.from(headerHash(header)) }),
      field: 'commit.headerHash',
    },
    {
      name: 'headerHash of 31 bytes',
      commit: () => ({ ...good(), headerHash: headerHash(header).subarray(0, 31) }),
      field: 'commit.headerHash',
    },
    { name: 'headerHash of 33 bytes', commit: () => ({ ...good(), headerHash: new Uint8Array(33) }), field: 'commit.headerHash' },
    { name: 'no signatures', commit: () => ({ ...good(), signatures: undefined }), field: 'commit.signatures' },
    { name: 'signatures as a string', commit: () => ({ ...good(), signatures: 'sig' }), field: 'commit.signatures' },
    { name: 'signatures as an array-like', commit: () => ({ ...good(), signatures: { length: 0 } }), field: 'commit.signatures' },
    // Each entry is checked before any is counted: a bad one among good ones is not skipped.
    { name: 'a null entry', commit: () => ({ ...good(), signatures: [...good().signatures, null] }), field: 'commit.signatures[4]' },
    {
      name: 'an entry whose DID is not a string',
      commit: () => ({ ...good(), signatures: [...good().signatures, { validatorDid: 7, signature: new Uint8Array(64) }] }),
      field: 'commit.signatures[4]',
    },
    {
      name: 'an entry whose signature is a plain array',
      commit: () => ({
        ...good(),
        signatures: [...good().signatures, { validatorDid: vals[3]!.did, signature: Array.from(new Uint8Array(64)) }],
      }),
      field: 'commit.signatures[4]',
    },
  ];
  it.each(cases)('refuses $name with invalid_commit naming $field', ({ commit, field }) => {
    const e = rejection(() => verifyCommit(header, commit() as Commit, set));
    expect(e.reason).toBe('invalid_commit');
    expect(e.message.startsWith(`${field}: `)).toBe(true);
  });

  it(`takes exactly ${MAX_COMMIT_SIGNATURES} entries (one more is too_many_signatures)`, () => {
    const full = good();
    while (full.signatures.length < MAX_COMMIT_SIGNATURES) full.signatures.push({ validatorDid: 'did:x:y', signature: new Uint8Array(64) });
    expect(verifyCommit(header, full, set).signedPower).toBe(3);
  });
});

describe('commit encoding', () => {
  const commit = signCommit(header, [v1, v2]);
  const bytes = encodeCommit(commit);
  /** The fields of `bytes` in order, with their length: a decoder cut inside one must name it. */
  const fields: [string, number][] = [
    ['commit.height', 8],
    ['commit.headerHash', 32],
    ['commit.signatures.count', 4],
    ...commit.signatures.flatMap((s, i): [string, number][] => [
      [`commit.signatures[${i}].did`, 4 + s.validatorDid.length],
      [`commit.signatures[${i}].signature`, 4 + s.signature.length],
    ]),
  ];
  /** The commit's first bytes, with the signature count `n` and no entries. */
  const withCount = (n: number): Uint8Array => new ByteWriter().u64(header.height).fixed(headerHash(header), 32).u32(n).finish();

  it('round-trips', () => {
    expect(fields.reduce((sum, [, len]) => sum + len, 0)).toBe(bytes.length);
    expect(decodeCommit(bytes)).toEqual(commit);
  });

  it('a cut at every byte names the field being read there', () => {
    let start = 0;
    for (const [field, len] of fields) {
      for (let cut = start; cut < start + len; cut++) {
        expect(reasonOf(() => decodeCommit(bytes.subarray(0, cut))).startsWith(`RangeError: ${field}: truncated`), `cut at ${cut}`).toBe(
          true,
        );
      }
      start += len;
    }
  });

  it('refuses trailing bytes, naming the commit', () => {
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(reasonOf(() => decodeCommit(longer))).toBe('RangeError: commit: 1 trailing bytes');
  });

  it(`refuses a count above ${MAX_COMMIT_SIGNATURES} before reading any entry`, () => {
    expect(reasonOf(() => decodeCommit(withCount(MAX_COMMIT_SIGNATURES + 1)))).toBe('too_many_signatures');
    expect(reasonOf(() => decodeCommit(withCount(0xffff_ffff)))).toBe('too_many_signatures');
    // Exactly the maximum is allowed: the decoder goes on to read the first entry (absent here).
    expect(reasonOf(() => decodeCommit(withCount(MAX_COMMIT_SIGNATURES)))).toMatch(/^RangeError: commit\.signatures\[0\]\.did: truncated/);
    expect(decodeCommit(withCount(0))).toEqual({ height: header.height, headerHash: headerHash(header), signatures: [] });
  });

  it('decoded bytes are copies: changing the input afterwards changes nothing', () => {
    const input = bytes.slice();
    const decoded = decodeCommit(input);
    input.fill(0xaa);
    expect(decoded).toEqual(commit);
  });

  it('refuses to encode a header hash that is not 32 bytes, naming it', () => {
    expect(() => encodeCommit({ ...commit, headerHash: new Uint8Array(31) })).toThrow(/^commit\.headerHash: expected 32 bytes/);
  });

  it('vote bytes refuse a header hash that is not 32 bytes, naming it', () => {
    expect(() => voteBytes(header.chainId, header.height, new Uint8Array(31))).toThrow(/^vote\.headerHash: expected 32 bytes/);
  });
});

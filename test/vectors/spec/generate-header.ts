import { SignTag, sha256, signingInput } from '../../../src/crypto/hash.js';
import { digest } from '../../../src/crypto/hash-suite.js';
import { sign, toHighS } from '../../../src/crypto/secp256k1.js';
import { concatBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { ZERO_HASH, headerBytes, headerHash, type Header } from '../../../src/chain/header.js';
import { encodeValidatorSet, validatorSetHash } from '../../../src/chain/validator-set.js';
import { signVote, voteBytes, voteSigningInput } from '../../../src/chain/vote.js';
import { fixtureValidators, type FixtureValidator } from '../../helpers/chain-fixture.js';
import { h1, h2, nextValidators, setA, setB, validators } from '../header-fixture.js';
import { headerFields, keysJson, writeVector } from './vector-kit.js';

const SPEC = 'docs/spec/header.md';

/** A key outside both sets. */
const [outsider] = fixtureValidators(1, { from: 9 });

const keysOf = (vs: readonly FixtureValidator[]) => keysJson(vs.map((v) => v.n));
const allKeys = keysOf([...validators, nextValidators[2]!, outsider!]);

const write = (structure: string, file: unknown): void => {
  writeVector(structure, file);
  process.stderr.write(`wrote test/vectors/spec/${structure}.json\n`);
};

// ---- header -------------------------------------------------------------------------------------

const headerCase = (name: string, h: Header) => ({
  name,
  fields: headerFields(h),
  bytes: toHex(headerBytes(h)),
  hash: toHex(headerHash(h)),
  hashSm3: toHex(headerHash(h, 'sm3')),
});

const changed = (h: Header, patch: Record<string, unknown>) => ({ ...headerFields(h), ...patch });

write('header', {
  structure: 'header',
  title: 'Block header of an alliance chain: its bytes and its hash (the header hash votes name)',
  spec: SPEC,
  tag: null,
  layout: 'header',
  keys: {},
  valid: [
    headerCase('height 1: zero prevHash, announces the next validator set', h1),
    headerCase('height 2: links to height 1, proposer outside the set', h2),
  ],
  invalid: [
    {
      name: 'chain id with a dot',
      reason: 'invalid_chain_id',
      why: 'a chain id is letters, digits, "_" and "-" only (it is a NATS subject token), at most 64 characters',
      fields: changed(h1, { chainId: 'judicial.1' }),
    },
    {
      name: 'height 0',
      reason: 'invalid_height',
      why: 'heights start at 1 (the first block after genesis)',
      fields: changed(h1, { height: 0 }),
    },
    {
      name: 'time 0',
      reason: 'invalid_time',
      why: 'the block time must be a positive number of unix milliseconds',
      fields: changed(h1, { timeMs: 0 }),
    },
    {
      name: 'a 31-byte state root',
      reason: 'invalid_hash_length',
      why: 'every hash field of a header is exactly 32 bytes',
      fields: changed(h1, { stateRoot: toHex(h1.stateRoot.subarray(1)) }),
    },
    {
      name: 'height 1 with a parent',
      reason: 'invalid_prev_hash',
      why: 'height 1 has no parent: its prevHash must be 32 zero bytes',
      fields: changed(h1, { prevHash: toHex(headerHash(h2)) }),
    },
    {
      name: 'height 2 without a parent',
      reason: 'invalid_prev_hash',
      why: 'every header above height 1 must link to its parent; a zero prevHash would let any header follow',
      fields: changed(h2, { prevHash: toHex(ZERO_HASH) }),
    },
    {
      name: 'proposer that is not a DID',
      reason: 'invalid_proposer',
      why: 'the proposer is a DID (it starts with "did:")',
      fields: changed(h1, { proposer: 'validator-001' }),
    },
  ],
});

// ---- vote ---------------------------------------------------------------------------------------

const SETS = { A: setA, B: setB };
type SetName = keyof typeof SETS;
const setEntries = (name: SetName) => SETS[name].validators.map((v) => ({ did: v.did, publicKey: toHex(v.publicKey), power: v.power }));

interface Sig {
  validatorDid: string;
  signature: string;
}
const vote = (h: Header, v: FixtureValidator): Sig => ({ validatorDid: v.did, signature: toHex(signVote(h, v.privateKey)) });
const [v1, v2, v3, v4] = validators as [FixtureValidator, FixtureValidator, FixtureValidator, FixtureValidator];
const v5 = nextValidators[2]!;

const commitOf = (h: Header, signatures: Sig[], patch: { height?: number; headerHash?: string } = {}) => ({
  height: patch.height ?? h.height,
  headerHash: patch.headerHash ?? toHex(headerHash(h)),
  signatures,
});

const voteCase = (name: string, h: Header, set: SetName, signer: FixtureValidator, others: FixtureValidator[]) => {
  const hash = headerHash(h);
  const vb = voteBytes(h.chainId, h.height, hash);
  const own = vote(h, signer);
  return {
    name,
    fields: { chainId: h.chainId, height: h.height, headerHash: toHex(hash) },
    bytes: toHex(vb),
    hash: toHex(sha256(vb)),
    signer: String(signer.n),
    signingInput: toHex(voteSigningInput(h.chainId, h.height, hash).bytes('secp256k1')),
    signature: own.signature,
    header: headerFields(h),
    validatorSet: set,
    commit: commitOf(h, [own, ...others.map((o) => vote(h, o))]),
  };
};

/** A vote signed by `by` over other bytes (or another tag) than the header's own vote. */
const forged = (by: FixtureValidator, bytes: Uint8Array, tag: string = SignTag.Header): string =>
  toHex(sign(concatBytes(utf8(tag), Uint8Array.of(0), sha256(bytes)), by.privateKey));

const h1Other: Header = { ...h1, stateRoot: sha256(utf8('vector state 1, forked')) };
const quorumOfOthers = (): Sig[] => [vote(h1, v2), vote(h1, v3), vote(h1, v4)];
/** An invalid vote by validator 1 (power 10) before valid votes of 2, 3, 4 (power 90 of 100: a quorum without it). */
const badVote = (name: string, reason: string, why: string, signature: string, signedFields?: unknown) => ({
  name,
  reason,
  why,
  header: headerFields(h1),
  validatorSet: 'A',
  ...(signedFields === undefined ? {} : { signedFields }),
  commit: commitOf(h1, [{ validatorDid: v1.did, signature }, ...quorumOfOthers()]),
});

const own1 = vote(h1, v1).signature;
const rZero = `${'00'.repeat(32)}${own1.slice(64)}`;

write('vote', {
  structure: 'vote',
  title: "A validator's vote for a header (chain id, height, header hash), and the commit tally that counts votes",
  spec: SPEC,
  tag: SignTag.Header,
  layout: 'vote',
  keys: allKeys,
  validatorSets: { A: setEntries('A'), B: setEntries('B') },
  valid: [
    voteCase('validator 1 votes for height 1 (set A, all four sign)', h1, 'A', v1, [v2, v3, v4]),
    voteCase('validator 4 votes for height 1 (set A, 4 and 3 sign: 70 of 100)', h1, 'A', v4, [v3]),
    voteCase('validator 5 votes for height 2 (set B, all three sign)', h2, 'B', v5, [nextValidators[0]!, nextValidators[1]!]),
  ],
  invalid: [
    badVote(
      'vote signed for another chain id',
      'invalid_signature',
      'validator 1 signed the vote bytes with chain id "judicial-2": the verifier rebuilds the vote from the header it checks, so the signature does not verify',
      forged(v1, voteBytes('judicial-2', h1.height, headerHash(h1))),
      { chainId: 'judicial-2', height: 1, headerHash: toHex(headerHash(h1)) },
    ),
    badVote(
      'vote signed for another height',
      'invalid_signature',
      'validator 1 signed the vote bytes with height 2 and this header hash',
      forged(v1, voteBytes(h1.chainId, 2, headerHash(h1))),
      { chainId: h1.chainId, height: 2, headerHash: toHex(headerHash(h1)) },
    ),
    badVote(
      'vote signed for another header hash',
      'invalid_signature',
      'validator 1 signed a vote for another header at the same height (another state root)',
      forged(v1, voteBytes(h1.chainId, h1.height, headerHash(h1Other))),
      { chainId: h1.chainId, height: 1, headerHash: toHex(headerHash(h1Other)) },
    ),
    badVote(
      'vote bytes signed under another tag',
      'invalid_signature',
      'validator 1 signed the right vote bytes under courtbridge/v1/envelope instead of courtbridge/v1/header',
      forged(v1, voteBytes(h1.chainId, h1.height, headerHash(h1)), SignTag.Envelope),
    ),
    badVote(
      'signature over the header hash alone',
      'invalid_signature',
      'validator 1 signed signingInput(courtbridge/v1/header, headerHash) (the header hash, not the vote bytes)',
      toHex(sign(signingInput(SignTag.Header, headerHash(h1)), v1.privateKey)),
    ),
    badVote(
      'signature by another key under a member DID',
      'invalid_signature',
      "the vote of validator 1's DID is signed by key 9, which the set does not hold for it",
      toHex(signVote(h1, outsider!.privateKey)),
    ),
    badVote(
      'high-S twin of a valid vote',
      'high_s_signature',
      "validator 1's valid signature with s replaced by n - s: it verifies as ECDSA but only the low-S form is accepted",
      toHex(toHighS(Buffer.from(own1, 'hex'))),
    ),
    badVote('a 63-byte signature', 'bad_signature_length', 'a compact signature is exactly 64 bytes (r || s)', own1.slice(0, 126)),
    badVote('r = 0', 'signature_out_of_range', 'r and s must each be in 1 .. n - 1', rZero),
    {
      name: 'signer not in the set',
      reason: 'unknown_validator',
      why: 'did:alliance:validator-009 signed a correct vote with its own key, but it is not a validator of the set the header names',
      header: headerFields(h1),
      validatorSet: 'A',
      commit: commitOf(h1, [vote(h1, outsider!), ...quorumOfOthers()]),
    },
    {
      name: 'one validator twice',
      reason: 'duplicate_signer',
      why: "validator 2's vote appears twice: only a DID's first entry is checked, the second counts for nothing",
      header: headerFields(h1),
      validatorSet: 'A',
      commit: commitOf(h1, [vote(h1, v2), vote(h1, v3), vote(h1, v4), vote(h1, v2)]),
    },
    {
      name: 'two thirds exactly is not enough',
      reason: 'insufficient_power',
      why: 'in set B (three validators of power 25) validators 3 and 4 sign: 50 of 75 is exactly 2/3, and more than 2/3 (3 x signed > 2 x total) is needed',
      header: headerFields(h2),
      validatorSet: 'B',
      commit: commitOf(h2, [vote(h2, nextValidators[0]!), vote(h2, nextValidators[1]!)]),
    },
    {
      name: 'duplicates do not add power',
      reason: 'insufficient_power',
      why: 'validator 4 (40) signs three times: it counts once, 40 of 100',
      header: headerFields(h1),
      validatorSet: 'A',
      commit: commitOf(h1, [vote(h1, v4), vote(h1, v4), vote(h1, v4)]),
    },
    {
      name: 'commit for another height',
      reason: 'commit_height_mismatch',
      why: "the commit's height is 2, the header is at height 1 (checked before any signature)",
      header: headerFields(h1),
      validatorSet: 'A',
      commit: commitOf(h1, [vote(h1, v2), vote(h1, v3), vote(h1, v4)], { height: 2 }),
    },
    {
      name: 'commit for another header',
      reason: 'commit_hash_mismatch',
      why: "the commit names another header hash than the header's own (checked before any signature)",
      header: headerFields(h1),
      validatorSet: 'A',
      commit: commitOf(h1, [vote(h1, v2), vote(h1, v3), vote(h1, v4)], { headerHash: toHex(headerHash(h1Other)) }),
    },
    {
      name: 'commit at height 0',
      reason: 'invalid_commit',
      why: "a commit's height is at least 1",
      header: headerFields(h1),
      validatorSet: 'A',
      commit: commitOf(h1, [vote(h1, v2), vote(h1, v3), vote(h1, v4)], { height: 0 }),
    },
  ],
});

// ---- validator set ------------------------------------------------------------------------------

const setCase = (name: string, set: SetName, given?: FixtureValidator[]) => ({
  name,
  fields: { validators: setEntries(set) },
  bytes: toHex(encodeValidatorSet(SETS[set])),
  hash: toHex(validatorSetHash(SETS[set])),
  hashSm3: toHex(digest('sm3', encodeValidatorSet(SETS[set]))),
  ...(given === undefined ? {} : { validators: given.map((v) => ({ did: v.did, publicKey: toHex(v.publicKey), power: v.power })) }),
});
const entry = (v: FixtureValidator, patch: Record<string, unknown> = {}) => ({
  did: v.did,
  publicKey: toHex(v.publicKey),
  power: v.power,
  ...patch,
});
const [w1, w2] = fixtureValidators(2, { power: 5 }) as [FixtureValidator, FixtureValidator];
const u32 = (n: number): string => n.toString(16).padStart(8, '0');
const didHex = (d: string): string => u32(Buffer.byteLength(d)) + Buffer.from(d).toString('hex');
const rawEntry = (v: FixtureValidator): string => didHex(v.did) + toHex(v.publicKey) + v.power.toString(16).padStart(16, '0');

write('validator-set', {
  structure: 'validator-set',
  title: 'The validators of a chain at one height: canonical encoding and the hash headers name',
  spec: SPEC,
  tag: null,
  layout: 'validator-set',
  keys: keysOf([...validators, v5]),
  valid: [
    setCase('set A: four validators, powers 10 to 40', 'A'),
    setCase('set B: three validators of equal power', 'B'),
    setCase('set A given in reverse order: the same bytes and hash', 'A', [...validators].reverse()),
  ],
  invalid: [
    { name: 'no validators', reason: 'empty_validator_set', why: 'a set has at least one validator', validators: [] },
    {
      name: 'a DID that is not a DID',
      reason: 'invalid_validator_did',
      why: 'every validator is named by a DID (it starts with "did:")',
      validators: [entry(w1, { did: 'validator-001' }), entry(w2)],
    },
    {
      name: 'a key that is no curve point',
      reason: 'invalid_public_key',
      why: 'the key starts 0x02 but its x coordinate is not on secp256k1',
      validators: [entry(w1, { publicKey: `02${'ff'.repeat(32)}` }), entry(w2)],
    },
    {
      name: 'an uncompressed key',
      reason: 'invalid_public_key',
      why: 'keys are written compressed (33 bytes) or as SM2 (35 bytes); a 65-byte 0x04 key is refused',
      validators: [entry(w1, { publicKey: `04${'11'.repeat(64)}` }), entry(w2)],
    },
    {
      name: 'power 0',
      reason: 'invalid_power',
      why: 'every validator holds power 1 or more',
      validators: [entry(w1, { power: 0 }), entry(w2)],
    },
    {
      name: 'one DID twice',
      reason: 'duplicate_validator_did',
      why: 'a DID appears once in a set',
      validators: [entry(w1), entry(w2, { did: w1.did })],
    },
    {
      name: 'one key for two DIDs',
      reason: 'duplicate_validator_key',
      why: 'two validators may not share a key (one key would hold the power of both)',
      validators: [entry(w1), entry(w2, { publicKey: toHex(w1.publicKey) })],
    },
    {
      name: 'total power above 2^50',
      reason: 'total_power_overflow',
      why: 'the total power is at most 2^50, so that 3 x power stays an exact integer',
      validators: [entry(w1, { power: 2 ** 50 }), entry(w2, { power: 1 })],
    },
    {
      name: 'encoded count of 1001',
      reason: 'too_many_validators',
      why: 'a set has at most 1000 validators; the decoder refuses the count before reading an entry',
      bytes: u32(1001),
    },
    {
      name: 'encoded out of order',
      reason: 'non_canonical_validator_set',
      why: 'the encoding lists validators in ascending order of the UTF-8 bytes of their DIDs; validator-002 before validator-001 is refused',
      bytes: u32(2) + rawEntry(w2) + rawEntry(w1),
    },
    {
      name: 'not the set the header names',
      reason: 'wrong_validator_set_hash',
      why: "set A offered for a header whose validatorsHash is set B's hash",
      validators: setEntries('A'),
      validatorsHash: toHex(validatorSetHash(setB)),
    },
  ],
});

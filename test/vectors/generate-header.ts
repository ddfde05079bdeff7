/**
 * Writes test/vectors/header.json: exact header bytes, hashes, vote bytes, signatures and
 * validator-set hashes from fixed keys (private key N = sha256("courtbridge vector key N")).
 * Run: `npx tsx test/vectors/generate-header.ts`. test/chain/header-vectors.test.ts recomputes
 * every value in the file; a partner implementation can do the same.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignTag, sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { ZERO_HASH, headerBytes, headerHash, type Header } from '../../src/chain/header.js';
import { encodeValidatorSet, validatorSetHash } from '../../src/chain/validator-set.js';
import { signVote, voteBytes, voteSigningInput } from '../../src/chain/vote.js';
import { encodeCommit } from '../../src/chain/commit.js';
import { fixtureValidators, signCommit, validatorSetOf } from '../helpers/chain-fixture.js';
import { headerFields } from './spec/vector-kit.js';

const validators = fixtureValidators(4, { power: (i) => 10 * (i + 1) });
const set = validatorSetOf(validators);
const nextValidators = fixtureValidators(3, { from: 3, power: 25 });
const nextSet = validatorSetOf(nextValidators);

const h1: Header = {
  chainId: 'judicial-1',
  height: 1,
  timeMs: 1_700_000_000_000,
  prevHash: ZERO_HASH,
  stateRoot: sha256(utf8('vector state 1')),
  txRoot: sha256(utf8('vector txs 1')),
  validatorsHash: validatorSetHash(set),
  nextValidatorsHash: validatorSetHash(nextSet),
  proposer: validators[0]!.did,
};
const h2: Header = {
  chainId: 'judicial-1',
  height: 2,
  timeMs: 1_700_000_001_500,
  prevHash: headerHash(h1),
  stateRoot: sha256(utf8('vector state 2')),
  txRoot: sha256(utf8('vector txs 2')),
  validatorsHash: validatorSetHash(nextSet),
  nextValidatorsHash: validatorSetHash(nextSet),
  proposer: 'did:alliance:court-of-appeal',
};

const headerVector = (description: string, h: Header, signers: typeof validators) => ({
  description,
  header: headerFields(h),
  headerBytes: toHex(headerBytes(h)),
  headerHash: toHex(headerHash(h)),
  voteBytes: toHex(voteBytes(h.chainId, h.height, headerHash(h))),
  signingInput: toHex(voteSigningInput(h.chainId, h.height, headerHash(h)).bytes('secp256k1')),
  signatures: signers.map((v) => ({ validatorDid: v.did, signature: toHex(signVote(h, v.privateKey)) })),
  commitBytes: toHex(encodeCommit(signCommit(h, signers))),
});

const file = {
  description:
    'courtbridge header vectors: header sign bytes (fixed layout, src/chain/header.ts), headerHash = sha256(headerBytes), vote bytes (string chainId, u64 height, fixed32 headerHash), signing input = utf8(tag) || 0x00 || sha256(voteBytes), compact low-S RFC6979 secp256k1 signatures over sha256(signing input), validator set encoding and hash.',
  signTag: SignTag.Header,
  keyRule: 'private key N = sha256(utf8("courtbridge vector key N"))',
  validatorSets: [
    {
      description: 'four validators, powers 10..40, given in key order',
      validators: validators.map((v) => ({ key: v.n, did: v.did, publicKey: toHex(v.publicKey), power: v.power })),
      encoded: toHex(encodeValidatorSet(set)),
      hash: toHex(validatorSetHash(set)),
    },
    {
      description: 'three validators of equal power (keys 3..5)',
      validators: nextValidators.map((v) => ({ key: v.n, did: v.did, publicKey: toHex(v.publicKey), power: v.power })),
      encoded: toHex(encodeValidatorSet(nextSet)),
      hash: toHex(validatorSetHash(nextSet)),
    },
  ],
  headers: [
    { ...headerVector('height 1 (zero prevHash), announces a validator-set change', h1, validators), validatorSet: 0 },
    { ...headerVector('height 2, signed by the new set, proposer outside the set', h2, nextValidators), validatorSet: 1 },
  ],
};

const out = fileURLToPath(new URL('./header.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
process.stderr.write(`wrote ${out}\n`);

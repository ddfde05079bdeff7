/**
 * Writes test/vectors/header.json: exact header bytes, hashes, vote bytes, signatures and
 * validator-set hashes from fixed keys (private key N = sha256("courtbridge vector key N")).
 * Run: `npx tsx test/vectors/generate-header.ts`. test/chain/header-vectors.test.ts recomputes
 * every value in the file; a partner implementation can do the same.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignTag } from '../../src/crypto/hash.js';
import { toHex } from '../../src/encoding/bytes.js';
import { headerBytes, headerHash, type Header } from '../../src/chain/header.js';
import { encodeValidatorSet, validatorSetHash } from '../../src/chain/validator-set.js';
import { signVote, voteBytes, voteSigningInput } from '../../src/chain/vote.js';
import { encodeCommit } from '../../src/chain/commit.js';
import { signCommit } from '../helpers/chain-fixture.js';
import { h1, h2, nextValidators, setA, setB, validators } from './header-fixture.js';
import { headerFields } from './spec/vector-kit.js';

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
      encoded: toHex(encodeValidatorSet(setA)),
      hash: toHex(validatorSetHash(setA)),
    },
    {
      description: 'three validators of equal power (keys 3..5)',
      validators: nextValidators.map((v) => ({ key: v.n, did: v.did, publicKey: toHex(v.publicKey), power: v.power })),
      encoded: toHex(encodeValidatorSet(setB)),
      hash: toHex(validatorSetHash(setB)),
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

/** Loops over test/vectors/header.json and recomputes every value from the inputs it states. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { publicKeyOf, sign, verifyReference } from '../../src/crypto/secp256k1.js';
import { decodeHeader, headerBytes, headerHash, validateBasic, type Header } from '../../src/chain/header.js';
import { decodeValidatorSet, encodeValidatorSet, newValidatorSet, validatorSetHash } from '../../src/chain/validator-set.js';
import { signVote, voteBytes } from '../../src/chain/vote.js';
import { decodeCommit, encodeCommit, verifyCommit } from '../../src/chain/commit.js';

interface VectorFile {
  signTag: string;
  validatorSets: { validators: { key: number; did: string; publicKey: string; power: number }[]; encoded: string; hash: string }[];
  headers: {
    description: string;
    header: {
      chainId: string;
      height: number;
      timeMs: number;
      prevHash: string;
      stateRoot: string;
      txRoot: string;
      validatorsHash: string;
      nextValidatorsHash: string;
      proposer: string;
    };
    headerBytes: string;
    headerHash: string;
    voteBytes: string;
    signingInput: string;
    signatures: { validatorDid: string; signature: string }[];
    commitBytes: string;
    validatorSet: number;
  }[];
}

const file = JSON.parse(readFileSync(new URL('../vectors/header.json', import.meta.url), 'utf8')) as VectorFile;
const keyOf = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

describe('header vectors (test/vectors/header.json)', () => {
  it('has vectors to check', () => {
    expect(file.validatorSets.length).toBeGreaterThanOrEqual(2);
    expect(file.headers.length).toBeGreaterThanOrEqual(2);
  });

  it.each(file.validatorSets.map((s, i) => [i, s] as const))('validator set %i: keys, encoding, hash', (_i, s) => {
    for (const v of s.validators) expect(toHex(publicKeyOf(keyOf(v.key)))).toBe(v.publicKey);
    const set = newValidatorSet(s.validators.map((v) => ({ did: v.did, publicKey: fromHex(v.publicKey), power: v.power })));
    expect(toHex(encodeValidatorSet(set))).toBe(s.encoded);
    expect(toHex(validatorSetHash(set))).toBe(s.hash);
    expect(toHex(sha256(fromHex(s.encoded)))).toBe(s.hash);
    expect(toHex(encodeValidatorSet(decodeValidatorSet(fromHex(s.encoded))))).toBe(s.encoded);
  });

  it.each(file.headers.map((v) => [v.description, v] as const))('%s', (_d, v) => {
    const h: Header = {
      ...v.header,
      prevHash: fromHex(v.header.prevHash),
      stateRoot: fromHex(v.header.stateRoot),
      txRoot: fromHex(v.header.txRoot),
      validatorsHash: fromHex(v.header.validatorsHash),
      nextValidatorsHash: fromHex(v.header.nextValidatorsHash),
    };
    validateBasic(h);
    expect(toHex(headerBytes(h))).toBe(v.headerBytes);
    expect(toHex(headerHash(h))).toBe(v.headerHash);
    expect(toHex(sha256(fromHex(v.headerBytes)))).toBe(v.headerHash);
    expect(decodeHeader(fromHex(v.headerBytes))).toEqual(h);
    expect(toHex(voteBytes(h.chainId, h.height, headerHash(h)))).toBe(v.voteBytes);
    // The signing input rebuilt by hand from its definition, not through signingInput().
    const input = concatBytes(utf8(file.signTag), Uint8Array.of(0), sha256(fromHex(v.voteBytes)));
    expect(toHex(input)).toBe(v.signingInput);

    const setVec = file.validatorSets[v.validatorSet]!;
    const set = decodeValidatorSet(fromHex(setVec.encoded));
    expect(toHex(validatorSetHash(set))).toBe(v.header.validatorsHash);
    for (const s of v.signatures) {
      const key = setVec.validators.find((x) => x.did === s.validatorDid)!;
      expect(toHex(signVote(h, keyOf(key.key)))).toBe(s.signature);
      expect(toHex(sign(input, keyOf(key.key)))).toBe(s.signature);
      expect(verifyReference(fromHex(s.signature), input, fromHex(key.publicKey))).toBe(true);
    }
    const commit = decodeCommit(fromHex(v.commitBytes));
    expect(toHex(encodeCommit(commit))).toBe(v.commitBytes);
    expect(commit.signatures.map((s) => toHex(s.signature))).toEqual(v.signatures.map((s) => s.signature));
    const ev = verifyCommit(h, commit, set, { stop: 'verify_all' });
    expect(ev.counted.length).toBe(v.signatures.length);
    expect(ev.signedPower).toBe(set.totalPower);
  });
});

/**
 * A bft-smt chain whose registry entry names SM3: its header hash, validator-set hash, votes and
 * commits are taken under SM3 (same layouts), cross-checked against an independent SM3, and a
 * header of one suite is refused when checked under the other, with the reason its first wrong
 * hash gives (no reason of its own: see src/crypto/hash-suite.ts).
 */
import { sm3 as sm3Js } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { verifyCommit, verifyCommitTrusting } from '../../src/chain/commit.js';
import { headerBytes, headerHash } from '../../src/chain/header.js';
import { validateMisbehaviourBasic } from '../../src/chain/misbehaviour.js';
import { encodeValidatorSet, validatorSetHash } from '../../src/chain/validator-set.js';
import { sha256 } from '../../src/crypto/hash.js';
import { sm3 } from '../../src/crypto/hash-suite.js';
import { toHex } from '../../src/encoding/bytes.js';
import { reasonOf } from '../helpers/reason-of.js';
import { ChainFixture, fixtureValidators, forkOf, validatorSetOf } from '../helpers/chain-fixture.js';

const sm3Chain = new ChainFixture('judicial', fixtureValidators(4), undefined, undefined, 'sm3');
sm3Chain.advanceTo(3);
const shaChain = new ChainFixture('judicial', fixtureValidators(4));
shaChain.advanceTo(3);

describe('SM3 header and validator-set hashes', () => {
  it('headerHash(h, "sm3") is SM3 of the same sign bytes (independent SM3 agrees); the default stays SHA-256', () => {
    const h = sm3Chain.at(2).header;
    const bytes = headerBytes(h);
    expect(toHex(headerHash(h, 'sm3'))).toBe(sm3Js(bytes));
    expect(headerHash(h, 'sm3')).toEqual(sm3(bytes));
    expect(headerHash(h)).toEqual(sha256(bytes));
    expect(headerHash(h, 'sha256')).toEqual(sha256(bytes));
    expect(headerHash(h, 'sm3')).not.toEqual(headerHash(h));
  });

  it('an SM3 chain links by SM3: prevHash is the SM3 hash of the parent, not its SHA-256', () => {
    expect(sm3Chain.at(2).header.prevHash).toEqual(headerHash(sm3Chain.at(1).header, 'sm3'));
    expect(sm3Chain.at(2).header.prevHash).not.toEqual(headerHash(sm3Chain.at(1).header));
  });

  it('validatorSetHash(set, "sm3") is SM3 of the canonical encoding; the cache answers each suite with its own hash', () => {
    const set = validatorSetOf(fixtureValidators(5, { from: 40 }));
    const enc = encodeValidatorSet(set);
    // Interleaved calls: a cached SHA-256 hash must never answer for SM3, nor the other way round.
    expect(validatorSetHash(set)).toEqual(sha256(enc));
    expect(toHex(validatorSetHash(set, 'sm3'))).toBe(sm3Js(enc));
    expect(validatorSetHash(set, 'sha256')).toEqual(sha256(enc));
    expect(validatorSetHash(set, 'sm3')).toEqual(sm3(enc));
    // Copies: mutating one answer does not reach the cache.
    validatorSetHash(set, 'sm3').fill(0);
    expect(validatorSetHash(set, 'sm3')).toEqual(sm3(enc));
    expect(sm3Chain.at(1).header.validatorsHash).toEqual(validatorSetHash(sm3Chain.at(1).validatorSet, 'sm3'));
  });
});

describe('SM3 commits', () => {
  it('a commit of an SM3 chain verifies under SM3 (quorum and trusting rules alike)', () => {
    const b = sm3Chain.at(3);
    expect(b.signedHeader.commit.headerHash).toEqual(headerHash(b.header, 'sm3'));
    const ev = verifyCommit(b.header, b.signedHeader.commit, b.validatorSet, { hashSuite: 'sm3' });
    expect(ev.signedPower).toBeGreaterThan((2 * ev.totalPower) / 3);
    const trusting = verifyCommitTrusting(b.header, b.signedHeader.commit, b.validatorSet, undefined, { hashSuite: 'sm3' });
    expect(3 * trusting.signedPower).toBeGreaterThan(trusting.totalPower);
  });

  it('suite confusion: an SM3 commit checked as SHA-256, and a SHA-256 commit checked as SM3 -> commit_hash_mismatch', () => {
    const s = sm3Chain.at(3);
    const h = shaChain.at(3);
    // The commit names the header by its hash under the chain's suite: under the other suite that
    // hash is simply another header's, exactly as for a commit of another header.
    expect(reasonOf(() => verifyCommit(s.header, s.signedHeader.commit, s.validatorSet))).toBe('commit_hash_mismatch');
    expect(reasonOf(() => verifyCommit(h.header, h.signedHeader.commit, h.validatorSet, { hashSuite: 'sm3' }))).toBe(
      'commit_hash_mismatch',
    );
    expect(reasonOf(() => verifyCommitTrusting(s.header, s.signedHeader.commit, s.validatorSet))).toBe('commit_hash_mismatch');
  });

  it("votes re-pointed at the other suite's hash do not verify: the signatures are over the SM3 hash", () => {
    const s = sm3Chain.at(3);
    // A relayer rewrites the commit's hash to the SHA-256 one so the target check passes under
    // SHA-256: every vote then fails its signature (they signed the SM3 hash), nothing counts.
    const relabelled = { ...s.signedHeader.commit, headerHash: headerHash(s.header) };
    expect(reasonOf(() => verifyCommit(s.header, relabelled, s.validatorSet))).toBe('insufficient_power');
    let details: Record<string, unknown> | undefined;
    try {
      verifyCommit(s.header, relabelled, s.validatorSet, { stop: 'verify_all' });
    } catch (e) {
      details = (e as { details?: Record<string, unknown> }).details;
    }
    expect(details).toMatchObject({ signedPower: 0, ignored: 4 });
  });

  it('misbehaviour evidence of an SM3 chain is judged under SM3 (and malformed under SHA-256)', () => {
    const a = sm3Chain.at(2);
    const b = forkOf(a, { txRoot: new Uint8Array(32).fill(9) }, a.validators, 'sm3');
    const m = { kind: 'fork_detected' as const, first: a, second: b };
    expect(() => validateMisbehaviourBasic(m, 'sm3')).not.toThrow();
    // Under SHA-256 the SM3 set does not hash to the header's validators_hash.
    expect(reasonOf(() => validateMisbehaviourBasic(m))).toBe('wrong_validator_set_hash');
  });
});

/**
 * A proven record's bundle field by field (src/verify/record-bundle.ts): what `recordBundleOf`
 * writes (the record type taken from the key, the header's own height asked for), what a decoded
 * bundle gives back (the value of a record, null for an absence, a refusal naming the cause for a
 * bundle naming neither), the hash and hex forms, and every refusal of `verifyRecordBundle` with
 * its reason and the chain, key or check its message names. Then the receipt layout's fields
 * (src/verify/receipt-layout.ts): where an evm answer's digest stands, and which field a wrong
 * header hash length is blamed on.
 */
import { describe, expect, it } from 'vitest';

import { headerHash } from '../../src/chain/header.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { sha256 } from '../../src/crypto/hash.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { concatBytes, toHex, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError } from '../../src/errors.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { receiptLayout, type ReceiptSubject } from '../../src/verify/receipt-layout.js';
import {
  decodeRecordBundle,
  encodeRecordBundle,
  provenRecordOf,
  recordBundleFromHex,
  recordBundleHash,
  recordBundleOf,
  recordBundleToHex,
  verifyRecordBundle,
  type ProvenRecord,
} from '../../src/verify/record-bundle.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import { ChainFixture, fixtureValidators, type NextOptions } from '../helpers/chain-fixture.js';

const CHAIN = 'credit';
const RECORDS: Record<string, string> = {
  'dishonest/1': '{"case":"(2024)京01执1号"}',
  'dishonest/2': '{"case":"(2024)京01执2号"}',
};
/** The height every record here is proven at: not 1, so a height taken from elsewhere shows. */
const HEIGHT = 3;

/** `key` proven (record or absence) against header HEIGHT of a `suite` chain whose state holds RECORDS. */
function provenOf(key: string, suite: HashSuite = 'sha256', last: NextOptions = {}): ProvenRecord {
  const tree = SparseMerkleTree.fromEntries(
    Object.entries(RECORDS).map(([k, v]) => ({ key: utf8(k), value: utf8(v) })),
    suite,
  );
  const chain = new ChainFixture(CHAIN, fixtureValidators(4), undefined, undefined, suite);
  for (let h = 1; h < HEIGHT; h++) chain.next({ stateRoot: tree.root() });
  const b = chain.next({ stateRoot: tree.root(), ...last });
  const value = RECORDS[key];
  return {
    chainId: CHAIN,
    key,
    value: value === undefined ? null : utf8(value),
    proof: tree.prove(utf8(key)),
    light: { signedHeader: b.signedHeader, validatorSet: b.validatorSet },
  };
}

/** What `f` threw (fails the test when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal, got none');
}

describe('recordBundleOf', () => {
  it("names the record type by the key's first segment and asks for the header's own height", () => {
    const r = provenOf('dishonest/1');
    const about = { chainId: CHAIN, key: 'dishonest/1', recordType: 'dishonest' };
    const b = recordBundleOf(r);
    expect(b.request).toEqual({ ...about, height: { at: HEIGHT } });
    expect(b.record).toEqual({ ...about, value: r.value });
    expect(b.absence).toBeUndefined();
    expect(b).toMatchObject({
      stateHeight: HEIGHT,
      stateTimeMs: r.light.signedHeader.header.timeMs,
      trustBasis: 'TRUST_BASIS_HEADER_PROOF',
    });
    // The same on the wire: what a verifier reads back.
    const wire = decodeMessage('ProofBundle', encodeRecordBundle(r));
    expect(wire.request).toMatchObject({ ...about, height: { at: HEIGHT } });
    expect(wire.record).toMatchObject(about);
  });

  it('an absence names its key and type in `absence`; a key without a segment is its own type', () => {
    const absent = provenOf('dishonest/9');
    const b = recordBundleOf(absent);
    expect(b.absence).toEqual({ chainId: CHAIN, key: 'dishonest/9', recordType: 'dishonest' });
    expect(b.record).toBeUndefined();
    const plain = recordBundleOf({ ...absent, key: 'plain' });
    expect(plain.request).toEqual({ chainId: CHAIN, key: 'plain', recordType: 'plain', height: { at: HEIGHT } });
  });
});

describe('reading a record bundle back', () => {
  it('a record comes back with its value (a copy, not a view of the wire buffer), its proof and header', () => {
    const r = provenOf('dishonest/1');
    const bytes = encodeRecordBundle(r);
    const back = decodeRecordBundle(bytes);
    expect(back.chainId).toBe(CHAIN);
    expect(back.key).toBe('dishonest/1');
    expect(back.value).toBeInstanceOf(Uint8Array);
    expect(back.value).toEqual(utf8(RECORDS['dishonest/1']!));
    expect(back.light.signedHeader.header.height).toBe(HEIGHT);
    expect(headerHash(back.light.signedHeader.header)).toEqual(headerHash(r.light.signedHeader.header));
    expect(encodeRecordBundle(back)).toEqual(bytes);
    expect(verifyRecordBundle(back)).toMatchObject({ kind: 'member', value: utf8(RECORDS['dishonest/1']!) });
  });

  it('a bundle naming neither a record nor an absence: unverifiable_answer, and bundle_malformed with it as cause', () => {
    const neitherBytes = encodeMessage('ProofBundle', { ...recordBundleOf(provenOf('dishonest/9')), absence: null });
    const neither = decodeMessage('ProofBundle', neitherBytes);
    const said = 'a proof bundle names neither a record nor an absence';
    const e = thrown(() => provenRecordOf(neither));
    expect(e).toBeInstanceOf(CourtbridgeError);
    expect(e).toMatchObject({ code: ErrorCode.Unavailable, reason: 'unverifiable_answer', message: said });
    // An absence given as null (the generated output type allows it) is no absence either.
    expect(thrown(() => provenRecordOf({ ...neither, absence: null }))).toMatchObject({
      code: ErrorCode.Unavailable,
      reason: 'unverifiable_answer',
      message: said,
    });
    const m = thrown(() => decodeRecordBundle(neitherBytes));
    expect(m).toBeInstanceOf(VerificationError);
    expect(m).toMatchObject({ reason: 'bundle_malformed', message: `proof bundle: ${said}` });
    expect((m as Error).cause).toMatchObject({ reason: 'unverifiable_answer' });
  });

  it('bytes that are no ProofBundle: bundle_malformed, the codec refusal kept as the cause', () => {
    const e = thrown(() => decodeRecordBundle(new Uint8Array([0xff, 0xff])));
    expect(e).toMatchObject({
      reason: 'bundle_malformed',
      message: expect.stringMatching(/^proof bundle: .*not a valid protobuf encoding/),
    });
    expect((e as Error).cause).toBeInstanceOf(CourtbridgeError);
    expect((e as Error).cause).toMatchObject({ reason: 'malformed_message' });
  });

  it('recordBundleHash is sha256 of the bundle bytes, hex; the hex form round-trips; bad hex is blamed on the bundle', () => {
    const r = provenOf('dishonest/1');
    const absent = provenOf('dishonest/9');
    expect(recordBundleHash(r)).toBe(toHex(sha256(encodeRecordBundle(r))));
    expect(recordBundleHash(r)).toMatch(/^[0-9a-f]{64}$/);
    expect(recordBundleHash(absent)).not.toBe(recordBundleHash(r));
    const hex = recordBundleToHex(r);
    expect(hex).toBe(toHex(encodeRecordBundle(r)));
    expect(encodeRecordBundle(recordBundleFromHex(hex))).toEqual(encodeRecordBundle(r));
    expect(() => recordBundleFromHex(`${hex}0`)).toThrow('bundle: expected an even-length hex string');
  });
});

describe('verifyRecordBundle', () => {
  it('a record verifies as a member with its value, an absence as absent; the header hash under the chain suite', () => {
    const r = provenOf('dishonest/1');
    const header = r.light.signedHeader.header;
    const ev = verifyRecordBundle(r, { chainId: CHAIN, key: 'dishonest/1' });
    expect(ev).toMatchObject({ chainId: CHAIN, key: 'dishonest/1', kind: 'member', value: utf8(RECORDS['dishonest/1']!), header });
    expect(ev.headerHash).toEqual(headerHash(header, 'sha256'));
    expect(ev.commit.signedPower).toBe(4);
    expect(ev.checks.find((c) => c.name === 'state_proof')?.outcome).toBe('passed');
    expect(verifyRecordBundle(provenOf('dishonest/9'), { chainId: CHAIN, key: 'dishonest/9' })).toMatchObject({
      kind: 'absent',
      value: null,
    });
  });

  it('a record that says another chain than its header: bundle_wrong_chain naming both', () => {
    const r = { ...provenOf('dishonest/1'), chainId: 'judicial' };
    expect(thrown(() => verifyRecordBundle(r))).toMatchObject({
      reason: 'bundle_wrong_chain',
      message: 'bundle says chain judicial, its header is of credit',
    });
  });

  it('a proof from another chain than the one expected: bundle_wrong_chain naming both', () => {
    expect(thrown(() => verifyRecordBundle(provenOf('dishonest/1'), { chainId: 'judicial' }))).toMatchObject({
      reason: 'bundle_wrong_chain',
      message: 'expected a proof from judicial, got credit',
    });
  });

  it('a proof of another key than the one expected: bundle_wrong_key naming both', () => {
    expect(thrown(() => verifyRecordBundle(provenOf('dishonest/1'), { chainId: CHAIN, key: 'dishonest/2' }))).toMatchObject({
      reason: 'bundle_wrong_key',
      message: 'expected a proof of dishonest/2, got dishonest/1',
    });
  });

  it("a pinned set is the chain's own: its own set passes, another is untrusted_validator_set; another chain's pin does not apply", () => {
    const r = provenOf('dishonest/1');
    const own = toHex(validatorSetHash(r.light.validatorSet));
    expect(verifyRecordBundle(r, {}, { trustedValidators: { [CHAIN]: [own] } }).kind).toBe('member');
    expect(verifyRecordBundle(r, {}, { trustedValidators: { judicial: ['00'.repeat(32)] } }).kind).toBe('member');
    expect(thrown(() => verifyRecordBundle(r, {}, { trustedValidators: { [CHAIN]: ['00'.repeat(32)] } }))).toMatchObject({
      reason: 'untrusted_validator_set',
      message: expect.stringMatching(/^credit dishonest\/1: validator_set_hash untrusted_validator_set: chain credit: validator set /),
    });
  });

  it("the chain's suite as the caller names it: an SM3 chain verifies under SM3 only; another chain's suite does not apply", () => {
    const sm = provenOf('dishonest/1', 'sm3');
    const ev = verifyRecordBundle(sm, { chainId: CHAIN }, { hashSuites: { [CHAIN]: 'sm3' } });
    expect(ev.headerHash).toEqual(headerHash(sm.light.signedHeader.header, 'sm3'));
    expect(ev.kind).toBe('member');
    expect(thrown(() => verifyRecordBundle(sm, {}, { hashSuites: { judicial: 'sm3' } }))).toMatchObject({
      reason: 'header_quorum_invalid',
      message: expect.stringMatching(/^credit dishonest\/1: validator_set_hash wrong_validator_set_hash: /),
    });
    const sha = provenOf('dishonest/1');
    expect(verifyRecordBundle(sha, {}, { hashSuites: { judicial: 'sm3' } }).headerHash).toEqual(
      headerHash(sha.light.signedHeader.header, 'sha256'),
    );
  });

  it('a header signed by too little power: header_quorum_invalid naming the check', () => {
    const r = provenOf('dishonest/1', 'sha256', { signers: fixtureValidators(2) });
    expect(thrown(() => verifyRecordBundle(r))).toMatchObject({
      reason: 'header_quorum_invalid',
      message: expect.stringMatching(/^credit dishonest\/1: header_quorum \w+: the header is not signed by a quorum/),
    });
  });

  it('a commit with one bad signature beside a quorum: header_quorum_invalid naming commit_signatures', () => {
    const r = provenOf('dishonest/1');
    const commit = r.light.signedHeader.commit;
    const sigs = commit.signatures.map((s, i) => (i === 3 ? { ...s, signature: commit.signatures[0]!.signature } : s));
    const bad = { ...r, light: { ...r.light, signedHeader: { ...r.light.signedHeader, commit: { ...commit, signatures: sigs } } } };
    expect(thrown(() => verifyRecordBundle(bad))).toMatchObject({
      reason: 'header_quorum_invalid',
      message: expect.stringMatching(/^credit dishonest\/1: commit_signatures \w+: 1 signature\(s\) in the commit do not count/),
    });
  });

  it("a value the proof does not lead to the header's state root: record_proof_invalid naming state_proof", () => {
    const r = { ...provenOf('dishonest/1'), value: utf8(RECORDS['dishonest/2']!) };
    expect(thrown(() => verifyRecordBundle(r))).toMatchObject({
      reason: 'record_proof_invalid',
      message: expect.stringMatching(/^credit dishonest\/1: state_proof \w+: the proof does not show this record/),
    });
  });
});

describe('receipt layout fields', () => {
  const subject = (proof: ReceiptSubject['proof'], hash = new Uint8Array(32).fill(7)): ReceiptSubject => ({
    requestId: 'req-1',
    requesterDid: 'did:alliance:court-bj-01',
    query: { chainId: 'eth', recordType: 'balance', key: 'balance/0xab', height: 0 },
    header: { chainId: 'eth', height: 9, hash },
    result: { kind: 'record', value: utf8('42') },
    proof,
    stateTimeMs: 1_700_000_000_000,
    trustBasis: 4,
    attestations: [],
  });

  it("an evm answer's digest stands, as is, where a sparse Merkle proof's hash goes", () => {
    const digest = new Uint8Array(32).fill(0xe5);
    const none = receiptLayout(subject(undefined));
    // Without attestations the layout ends: fixed32 proof hash, u64 time, u8 basis, u32 count.
    const at = none.length - 32 - 8 - 1 - 4;
    expect(none.subarray(at, at + 32)).toEqual(new Uint8Array(32));
    expect(receiptLayout(subject({ evmDigest: digest }))).toEqual(concatBytes(none.subarray(0, at), digest, none.subarray(at + 32)));
  });

  it('a header hash that is not 32 bytes is refused naming header.hash', () => {
    expect(() => receiptLayout(subject(undefined, new Uint8Array(31)))).toThrow('header.hash: expected 32 bytes, got 31');
  });
});

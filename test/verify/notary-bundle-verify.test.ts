/**
 * The offline verifier of `notary` chain bundles (src/verify/notary-bundle-verify.ts, through the
 * one entry point proof-bundle-verify.ts): a record counts when the threshold of the chain's
 * registry notaries signed it at its version and time, and a gateway of the registry signed the
 * receipt. Each forgery fails its named check: too few notaries, a notary outside the set, a
 * signature over another value or version, a bundle bent after signing, a chain the registry
 * verifies as another kind (and a bft-smt bundle for a notary chain). Real signatures throughout.
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/encoding/bytes.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import type { BundleVerification } from '../../src/verify/bundle-verify.js';
import type { NotarizedRecord } from '../../src/verify/notary-record.js';
import { verifyProofBundle, verifyProofBundleBytes } from '../../src/verify/proof-bundle-verify.js';
import { encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import { allianceFixture, fixtureNotaryDid } from '../helpers/alliance-fixture.js';
import { makeBundle, stateWith } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../helpers/chain-fixture.js';
import { makeNotaryBundle, notarizeRecord } from '../helpers/notary-bundle-maker.js';

const CHAIN = 'enterprise';
const NOW = FIXTURE_START_MS + 3_600_000;
const property = new ChainFixture('property', fixtureValidators(4));
property.next({ stateRoot: stateWith({ 'title/1': 'x' }, 'title/1').root });
const fx = allianceFixture({
  chains: [CHAIN, 'property'],
  anchors: { property: { signedHeader: property.at(1).signedHeader, validatorSet: property.at(1).validatorSet } },
  notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } },
});
const notary = (i: number) => fx.signers.get(fixtureNotaryDid(CHAIN, i))!;
const receiptSigner = nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);

const record: NotarizedRecord = {
  chainId: CHAIN,
  recordType: 'enterprise.license',
  key: 'license/91110000600037341L',
  result: { kind: 'record', value: utf8('{"status":"revoked"}') },
  version: 4_211,
  timeMs: NOW - 5_000,
};
const honest = (r: NotarizedRecord = record, signers = [notary(1), notary(2)]) =>
  makeNotaryBundle({ record: r, notarizations: signers.map((s) => notarizeRecord(s, r)), receiptSigner, nowMs: NOW });

const verify = (b: MessageOutput<'ProofBundle'>, registry: 'registry' | 'none' = 'registry') =>
  verifyProofBundleBytes(
    encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>),
    registry === 'none' ? { atMs: NOW } : { atMs: NOW, authority: fx.authority },
  );
const outcome = (v: BundleVerification, name: string) => {
  const c = v.checks.find((x) => x.name === name)!;
  return `${c.outcome}${c.reason === '' ? '' : `:${c.reason}`}`;
};
const failures = (v: BundleVerification) =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));

describe('a notary chain bundle', () => {
  it('two of three registry notaries signed the record at its version: valid, each check answered for the kind', async () => {
    const v = await verify(await honest());
    expect(failures(v)).toEqual({});
    expect(v.verdict).toBe('valid');
    expect(outcome(v, 'chain_admitted')).toBe('passed');
    expect(outcome(v, 'header_quorum')).toBe('passed');
    expect(outcome(v, 'commit_signatures')).toBe('passed');
    expect(outcome(v, 'header_binding')).toBe('passed');
    expect(outcome(v, 'receipt_binding')).toBe('passed');
    expect(outcome(v, 'receipt_signature')).toBe('passed');
    for (const n of ['validator_set_hash', 'anchored_trace', 'header_trusted', 'state_proof', 'attestations'])
      expect(outcome(v, n)).toBe('skipped:not_applicable');
    expect(v.verifiedHeader).toMatchObject({ chainId: CHAIN, height: record.version });
  });

  it('an absence notarized at a version is valid too; all three notaries are fine', async () => {
    const absent: NotarizedRecord = { ...record, key: 'license/never-issued', result: { kind: 'absence' } };
    const v = await verify(await honest(absent, [notary(1), notary(2), notary(3)]));
    expect(v.verdict).toBe('valid');
  });

  it('without the registry nothing decides who the notaries are: indeterminate', async () => {
    const v = await verify(await honest(), 'none');
    expect(v.verdict).toBe('indeterminate');
    expect(outcome(v, 'header_quorum')).toBe('skipped:no_registry');
  });

  it('one notary of the two needed: header_quorum notary_quorum_not_met', async () => {
    const v = await verify(await honest(record, [notary(1)]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met' });
  });

  it('a member outside the notary set in place of a notary: not counted, named unknown_notary', async () => {
    const v = await verify(await honest(record, [notary(1), fx.court]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'unknown_notary' });
  });

  it('the same notary twice does not make two: duplicate_notary', async () => {
    const v = await verify(await honest(record, [notary(1), notary(1)]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'duplicate_notary' });
  });

  it('a signature over another value, or another version, does not count: bad_notary_signature', async () => {
    const other: NotarizedRecord = { ...record, result: { kind: 'record', value: utf8('{"status":"valid"}') } };
    const older: NotarizedRecord = { ...record, version: record.version - 1 };
    for (const signed of [other, older]) {
      const b = await makeNotaryBundle({
        record,
        notarizations: [notarizeRecord(notary(1), record), notarizeRecord(notary(2), signed)],
        receiptSigner,
        nowMs: NOW,
      });
      expect(failures(await verify(b))).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'bad_notary_signature' });
    }
  });

  it('a bundle bent after signing: another value fails the notaries and the receipt; another state time the binding', async () => {
    const b = await honest();
    const value = await verify({ ...b, record: { ...b.record!, value: Buffer.from('{"status":"valid"}') } });
    expect(failures(value)).toMatchObject({ header_quorum: 'notary_quorum_not_met', receipt_binding: 'receipt_digest_mismatch' });
    const time = await verify({ ...b, stateTimeMs: b.stateTimeMs + 1 });
    expect(failures(time)).toMatchObject({ header_binding: 'header_mismatch' });
    const height = await verify({ ...b, stateHeight: b.stateHeight + 1 });
    expect(failures(height)).toEqual({ header_binding: 'header_mismatch' });
    const askedAnother = await verify({ ...b, request: { ...b.request!, key: 'license/other' } });
    expect(failures(askedAnother)).toMatchObject({ header_binding: 'header_mismatch' });
  });

  it('asked at another version than answered: header_binding', async () => {
    const b = await makeNotaryBundle({
      record,
      notarizations: [notarizeRecord(notary(1), record), notarizeRecord(notary(2), record)],
      receiptSigner,
      nowMs: NOW,
      askedVersion: record.version + 7,
    });
    expect(failures(await verify(b))).toEqual({ header_binding: 'header_mismatch' });
  });

  it('a receipt signed by a member without the gateway role: receipt_signer_not_gateway', async () => {
    const n1 = fx.privateKeys.get(notary(1).did)!;
    const b = await makeNotaryBundle({
      record,
      notarizations: [notarizeRecord(notary(1), record), notarizeRecord(notary(2), record)],
      receiptSigner: nativeReceiptSigner(notary(1).did, notary(1).kid, n1),
      nowMs: NOW,
    });
    expect(failures(await verify(b))).toEqual({ receipt_signature: 'receipt_signer_not_gateway' });
  });

  it('malformed: no notary evidence under its trust basis, or a header smuggled in beside it: bundle_shape', async () => {
    const b = await honest();
    expect(outcome(await verify({ ...b, notary: null }), 'bundle_shape')).toMatch(/^failed:/);
    const mixed = await verify({ ...b, proof: stateWith({ 'title/1': 'x' }, 'title/1').proof } as never);
    expect(outcome(mixed, 'bundle_shape')).toMatch(/^failed:/);
  });
});

describe('the registry decides the kind, not the bundle', () => {
  it('a notarized record of a chain the registry verifies as bft-smt: chain_admitted unsupported_chain_kind', async () => {
    const r: NotarizedRecord = { ...record, chainId: 'property', recordType: 'property.title', key: 'title/1' };
    const v = await verify(await honest(r));
    expect(outcome(v, 'chain_admitted')).toBe('failed:unsupported_chain_kind');
    expect(v.verdict).toBe('invalid');
  });

  it('a bft-smt bundle of a chain the registry verifies as notary: chain_admitted unsupported_chain_kind', async () => {
    // The enterprise chain's own adapter, turned forger, runs validators of its own.
    const forged = new ChainFixture(CHAIN, fixtureValidators(4, { from: 700 }));
    const { root, proof } = stateWith({ 'license/x': '{"status":"valid"}' }, 'license/x');
    forged.next({ stateRoot: root });
    const lb = { signedHeader: forged.at(1).signedHeader, validatorSet: forged.at(1).validatorSet };
    const b = await makeBundle({
      block: lb,
      trace: [lb],
      recordType: 'enterprise.license',
      key: 'license/x',
      value: '{"status":"valid"}',
      proof,
      receiptSigner,
      nowMs: NOW,
    });
    const v = await verifyProofBundle(b, { atMs: NOW, authority: fx.authority });
    expect(outcome(v, 'chain_admitted')).toBe('failed:unsupported_chain_kind');
    expect(v.verdict).toBe('invalid');
    // The entry it would need is a bft-smt one: the same bundle verifies against such a registry.
    const asBft = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lb } });
    expect((await verifyProofBundle(b, { atMs: NOW, authority: asBft.authority })).verdict).toBe('valid');
  });
});

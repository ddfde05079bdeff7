/**
 * The offline verifier on a chain whose registry entry says SM3: an honest bundle (SM3 header,
 * validator-set change on the trace, SM3 state proof, gateway receipt naming the SM3 header hash)
 * verifies VALID, and the verifier takes the suite from the entry, never from the bundle: the
 * same bundle judged against an entry that says SHA-256, a SHA-256 bundle against an entry that
 * says SM3, and a SHA-256 state proof inside an SM3 bundle are all INVALID, each check naming the
 * existing reason for the hash that does not match.
 */
import { describe, expect, it } from 'vitest';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { encodeMessage } from '../../src/wire/codec.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { verifyBundle, type BundleVerification } from '../../src/verify/bundle-verify.js';
import { provenRecordView } from '../../src/verify/proven-record.js';
import { verifyRecordBundle } from '../../src/verify/record-bundle.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { reasonOf } from '../helpers/reason-of.js';
import { allianceFixture, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { makeBundle, stateWith, type WireBundle } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, type FixtureBlock } from '../helpers/chain-fixture.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { applyRegistryUpdate } from '../../src/identity/registry.js';
import { approvedBy, fixtureAdmins, nextUpdateBody } from '../helpers/registry-next.js';

const CHAIN = 'credit';
const TYPE = 'dishonest';
const RECORDS = { 'dishonest/1': '{"name_hash":"hash:ab12","case":"(2024)京01执1号"}', 'dishonest/2': '{"name_hash":"hash:cd34"}' };
const NOW = FIXTURE_START_MS + 3_600_000;

/** A chain of `suite` whose state holds RECORDS, with a validator-set change announced at 4. */
function chainOf(suite: HashSuite): ChainFixture {
  const chain = new ChainFixture(CHAIN, fixtureValidators(4), undefined, undefined, suite);
  const { root } = stateWith(RECORDS, 'dishonest/1', suite);
  for (let h = 1; h <= 8; h++) chain.next({ stateRoot: root, ...(h === 4 ? { nextValidators: fixtureValidators(4, { from: 30 }) } : {}) });
  return chain;
}
const lbOf = (b: FixtureBlock): LightBlock => ({ signedHeader: b.signedHeader, validatorSet: b.validatorSet });
/** The entry of CHAIN anchored at height 1, hashed as `entrySuite` says. */
const allianceWith = (chain: ChainFixture, entrySuite: HashSuite): AllianceFixture =>
  allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lbOf(chain.at(1)) }, hashSuites: { [CHAIN]: entrySuite } });
const gatewaySigner = (fx: AllianceFixture) => nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);
const check = (v: BundleVerification, name: string) => v.checks.find((c) => c.name === name)!;
const failedNames = (v: BundleVerification) => v.checks.filter((c) => c.outcome === 'failed').map((c) => `${c.name}:${c.reason}`);

async function bundleOf(chain: ChainFixture, fx: AllianceFixture, proofSuite: HashSuite = chain.hashSuite): Promise<WireBundle> {
  const { proof } = stateWith(RECORDS, 'dishonest/1', proofSuite);
  return makeBundle({
    block: lbOf(chain.at(8)),
    trace: [lbOf(chain.at(1)), lbOf(chain.at(4))],
    recordType: TYPE,
    key: 'dishonest/1',
    value: RECORDS['dishonest/1'],
    proof,
    receiptSigner: gatewaySigner(fx),
    nowMs: NOW,
    hashSuite: chain.hashSuite,
  });
}

describe('bundles of an SM3 chain', () => {
  const sm3 = chainOf('sm3');
  const sha = chainOf('sha256');

  it('an honest SM3 bundle verifies VALID through the SM3 entry, and the proven record is shown', async () => {
    const fx = allianceWith(sm3, 'sm3');
    const b = await bundleOf(sm3, fx);
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(failedNames(v)).toEqual([]);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'chain_admitted').detail).toContain('hashed with SM3');
    expect(check(v, 'anchored_trace').outcome).toBe('passed');
    expect(check(v, 'receipt_binding').outcome).toBe('passed');
    expect(v.verifiedHeader).toMatchObject({ hashSuite: 'sm3', headerHash: headerHash(sm3.at(8).header, 'sm3') });
    const bytes = encodeMessage('ProofBundle', b as never);
    const shown = provenRecordView(bytes, v, new Map());
    expect(shown.shown).toBe('record');
  });

  it('(a) the SM3 bundle judged against an entry that says SHA-256 -> INVALID (wrong_validator_set_hash)', async () => {
    const fx = allianceWith(sm3, 'sha256');
    const v = verifyBundle(await bundleOf(sm3, fx), { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    // Under SHA-256 the included set does not hash to the header's (SM3) validators_hash: the
    // header is then not checked against it, and the trace's anchor set fails the same way.
    expect(check(v, 'validator_set_hash').reason).toBe('wrong_validator_set_hash');
    expect(check(v, 'anchored_trace').reason).toBe('wrong_validator_set_hash');
    expect(check(v, 'header_quorum').outcome).toBe('skipped');
    expect(check(v, 'state_proof').reason).toBe('wrong_leaf');
    expect(check(v, 'receipt_binding').reason).toBe('receipt_digest_mismatch');
  });

  it('(a) a SHA-256 bundle judged against an entry that says SM3 -> INVALID (wrong_validator_set_hash, trace_not_anchored)', async () => {
    const fx = allianceWith(sha, 'sm3');
    const v = verifyBundle(await bundleOf(sha, allianceWith(sha, 'sha256')), { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'validator_set_hash').reason).toBe('wrong_validator_set_hash');
    // This entry's anchor is header 1 hashed under SM3, so the trace starts at it; its validator
    // set, hashed under SM3, is not the one the (SHA-256) header names.
    expect(check(v, 'anchored_trace').reason).toBe('wrong_validator_set_hash');
    expect(check(v, 'state_proof').reason).toBe('wrong_leaf');
  });

  it('(b) a state proof built with SHA-256 in a bundle of the SM3 chain -> state_proof wrong_leaf', async () => {
    const fx = allianceWith(sm3, 'sm3');
    const v = verifyBundle(await bundleOf(sm3, fx, 'sha256'), { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    // Everything about the header holds; only the proof is of the other suite: its leaf's keyHash
    // is sha256(key), not the SM3 path the entry's suite gives the key.
    expect(failedNames(v)).toEqual(['state_proof:wrong_leaf']);
    expect(check(v, 'header_quorum').outcome).toBe('passed');
  });

  it('(b) an SM3-rebuilt leaf over SHA-256 siblings does not reach the SM3 root -> root_mismatch', async () => {
    const fx = allianceWith(sm3, 'sm3');
    const b = await bundleOf(sm3, fx, 'sha256');
    const smTree = SparseMerkleTree.fromEntries(
      Object.entries(RECORDS).map(([k, v]) => ({ key: utf8(k), value: utf8(v) })),
      'sm3',
    );
    const real = smTree.prove(utf8('dishonest/1'));
    const hybrid = {
      ...b,
      proof: { ...b.proof!, leafKeyHash: Buffer.from(real.leaf!.keyHash), leafValueHash: Buffer.from(real.leaf!.valueHash) },
    };
    const v = verifyBundle(hybrid, { atMs: NOW, authority: fx.authority });
    expect(check(v, 'state_proof').reason).toBe('root_mismatch');
  });

  it('without a registry entry in reach the caller names the suite (hashSuites); SHA-256 otherwise', async () => {
    const fx = allianceWith(sm3, 'sm3');
    const b = await bundleOf(sm3, fx);
    // No registry: indeterminate at best, but every hash check passes under the suite the caller names.
    const told = verifyBundle(b, { atMs: NOW, hashSuites: { [CHAIN]: 'sm3' } });
    expect(failedNames(told)).toEqual([]);
    expect(told.verdict).toBe('indeterminate');
    const untold = verifyBundle(b, { atMs: NOW });
    expect(untold.verdict).toBe('invalid');
    expect(check(untold, 'validator_set_hash').reason).toBe('wrong_validator_set_hash');
    // The registry's entry wins over what the caller says.
    const overridden = verifyBundle(b, { atMs: NOW, authority: fx.authority, hashSuites: { [CHAIN]: 'sha256' } });
    expect(overridden.verdict).toBe('valid');
  });

  it('an entry whose suite alone was changed (anchor kept) no longer vouches for the chain -> trace_not_anchored', async () => {
    const fx = allianceWith(sm3, 'sm3');
    const entry = fx.authority.chainAt(CHAIN, NOW)!;
    const op = { kind: 'update_chain' as const, chain: { ...entry, hashSuite: 'sha256' as const } };
    const state = applyRegistryUpdate(
      fx.state,
      approvedBy(nextUpdateBody(fx.state, op, NOW - 1_000, 'suite-changed'), fixtureAdmins(fx)),
      NOW - 1_000,
    ).state;
    const authority = new AllianceAuthority(() => state);
    const v = verifyBundle(await bundleOf(sm3, fx), { atMs: NOW, authority });
    expect(v.verdict).toBe('invalid');
    // Header 1 hashed under SHA-256 is no anchor the registry holds (they are SM3 hashes).
    expect(check(v, 'anchored_trace').reason).toBe('trace_not_anchored');
    expect(check(v, 'validator_set_hash').reason).toBe('wrong_validator_set_hash');
  });

  it('a record bundle read straight from an SM3 chain verifies with its suite, and not without', () => {
    const smTree = SparseMerkleTree.fromEntries(
      Object.entries(RECORDS).map(([k, v]) => ({ key: utf8(k), value: utf8(v) })),
      'sm3',
    );
    const r = {
      chainId: CHAIN,
      key: 'dishonest/1',
      value: utf8(RECORDS['dishonest/1']),
      proof: smTree.prove(utf8('dishonest/1')),
      light: lbOf(sm3.at(8)),
    };
    const ev = verifyRecordBundle(r, { chainId: CHAIN }, { hashSuites: { [CHAIN]: 'sm3' } });
    expect(ev.headerHash).toEqual(headerHash(sm3.at(8).header, 'sm3'));
    expect(reasonOf(() => verifyRecordBundle(r, { chainId: CHAIN }))).toBe('header_quorum_invalid');
  });
});

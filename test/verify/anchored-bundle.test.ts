/**
 * The offline verifier against the forgeries a motivated outsider would try from the docs:
 * every verdict must end at the chain's anchor in the alliance registry, and only a DID that
 * held the gateway role may vouch for an answer. Real signatures, real sparse Merkle proofs.
 */
import { describe, expect, it } from 'vitest';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { generatePrivateKey, publicKeyOf } from '../../src/crypto/secp256k1.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import type { RegistryState } from '../../src/identity/registry.js';
import type { RegistryOp } from '../../src/identity/registry-update.js';
import { applyApproved, fixtureAdmins } from '../helpers/registry-next.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { verifyBundle, type BundleVerification } from '../../src/verify/bundle-verify.js';
import { attestationSigningInput } from '../../src/verify/attestations.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { allianceFixture, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { makeBundle, forgedBlock, stateWith, type WireBundle } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, type FixtureBlock } from '../helpers/chain-fixture.js';

const CHAIN = 'property';
const TYPE = 'property.title';
const RECORDS = { 'title/1': '{"owner":"hash:ab12","area_m2":89.5}', 'title/2': '{"owner":"hash:cd34","area_m2":120}' };
const NOW = FIXTURE_START_MS + 3_600_000;

/** A property chain whose state at every height holds RECORDS, with validator-set changes at the given heights. */
function propertyChain(height: number, changesAt: readonly number[] = []): ChainFixture {
  const chain = new ChainFixture(CHAIN, fixtureValidators(4));
  const { root } = stateWith(RECORDS, 'title/1');
  let from = 20;
  for (let h = 1; h <= height; h++) {
    // A header announcing a change at h: the next set (new keys) signs h+1 onwards.
    const change = changesAt.includes(h);
    if (change) from += 4;
    chain.next({ stateRoot: root, ...(change ? { nextValidators: fixtureValidators(4, { from }) } : {}) });
  }
  return chain;
}

const gatewaySigner = (fx: AllianceFixture) => nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);
const check = (v: BundleVerification, name: string) => v.checks.find((c) => c.name === name)!;
const failedNames = (v: BundleVerification) => v.checks.filter((c) => c.outcome === 'failed').map((c) => `${c.name}:${c.reason}`);

/** The trace a gateway would carry: the anchor and every header that announced a change below the target. */
function traceOf(chain: ChainFixture, anchorHeight: number, targetHeight: number): LightBlock[] {
  return chain.blocks
    .filter((b) => b.header.height === anchorHeight || (b.header.height > anchorHeight && b.header.height < targetHeight && !sameHash(b)))
    .map(lbOf);
}
const sameHash = (b: FixtureBlock) => Buffer.from(b.header.validatorsHash).equals(Buffer.from(b.header.nextValidatorsHash));
const lbOf = (b: FixtureBlock): LightBlock => ({ signedHeader: b.signedHeader, validatorSet: b.validatorSet });

async function honest(chain: ChainFixture, fx: AllianceFixture, height: number): Promise<WireBundle> {
  const { proof } = stateWith(RECORDS, 'title/1');
  return makeBundle({
    block: lbOf(chain.at(height)),
    trace: traceOf(chain, 1, height),
    recordType: TYPE,
    key: 'title/1',
    value: RECORDS['title/1'],
    proof,
    receiptSigner: gatewaySigner(fx),
    nowMs: NOW,
  });
}

function update(fx: AllianceFixture, state: RegistryState, op: RegistryOp, effectiveAtMs: number): RegistryState {
  return applyApproved(state, op, fixtureAdmins(fx), effectiveAtMs);
}

describe('a bundle verifies only when it ends at the registry anchor', () => {
  const chain = propertyChain(12);
  const fx = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lbOf(chain.at(1)) } });

  it('an honest answer traces back to the anchor and verifies VALID', async () => {
    const v = verifyBundle(await honest(chain, fx, 12), { atMs: NOW, authority: fx.authority });
    expect(failedNames(v)).toEqual([]);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'anchored_trace').outcome).toBe('passed');
    expect(check(v, 'chain_admitted').outcome).toBe('passed');
  });

  it('forgery: own validator set, changed record, rebuilt proof, own commit, did:key receipt -> INVALID', async () => {
    const real = chain.at(12);
    const forged = { ...RECORDS, 'title/1': '{"owner":"hash:ffff","area_m2":999}' };
    const { root, proof } = stateWith(forged, 'title/1');
    const forgers = fixtureValidators(1, { from: 900 });
    const sk = generatePrivateKey();
    const didKey = didKeyOf(publicKeyOf(sk));
    const b = await makeBundle({
      block: forgedBlock(real.header, root, forgers),
      trace: traceOf(chain, 1, 12),
      recordType: TYPE,
      key: 'title/1',
      value: forged['title/1'],
      proof,
      receiptSigner: nativeReceiptSigner(didKey, didKeyKid(didKey), sk),
      nowMs: NOW,
    });
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    // Its own commit and proof are internally consistent: what it cannot fake is the anchor and the gateway.
    expect(check(v, 'header_quorum').outcome).toBe('passed');
    expect(check(v, 'state_proof').outcome).toBe('passed');
    expect(check(v, 'anchored_trace').reason).toBe('trace_gap');
    expect(check(v, 'receipt_signature').reason).toBe('receipt_signer_not_gateway');
  });

  it('forgery: the trace replaced by the forged header itself as "anchor" -> trace_not_anchored', async () => {
    const real = chain.at(12);
    const { root, proof } = stateWith({ 'title/1': 'mine' }, 'title/1');
    const block = forgedBlock(real.header, root, fixtureValidators(1, { from: 900 }));
    const b = await makeBundle({
      block,
      trace: [block],
      recordType: TYPE,
      key: 'title/1',
      value: 'mine',
      proof,
      receiptSigner: gatewaySigner(fx),
      nowMs: NOW,
    });
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'anchored_trace').reason).toBe('trace_not_anchored');
  });

  it('forgery signed by the real gateway key (a stolen gateway key alone is not enough) -> INVALID', async () => {
    const { root, proof } = stateWith({ 'title/1': 'mine' }, 'title/1');
    const b = await makeBundle({
      block: forgedBlock(chain.at(12).header, root, fixtureValidators(1, { from: 900 })),
      trace: traceOf(chain, 1, 12),
      recordType: TYPE,
      key: 'title/1',
      value: 'mine',
      proof,
      receiptSigner: gatewaySigner(fx),
      nowMs: NOW,
    });
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'receipt_signature').outcome).toBe('passed');
    expect(check(v, 'anchored_trace').reason).toBe('trace_gap');
  });

  it('forgery keeping the real validators hash but signed by fewer than 2/3 of them -> INVALID', async () => {
    const real = chain.at(12);
    const { root, proof } = stateWith({ 'title/1': 'mine' }, 'title/1');
    const honestSet = fixtureValidators(4);
    const block = forgedBlock(real.header, root, honestSet, { keepValidatorsHash: true });
    // Two of four (exactly 1/2: more than 1/3, not more than 2/3) sign the lie.
    const half = {
      ...block,
      signedHeader: {
        ...block.signedHeader,
        commit: { ...block.signedHeader.commit, signatures: block.signedHeader.commit.signatures.slice(0, 2) },
      },
    };
    const b = await makeBundle({
      block: half,
      trace: traceOf(chain, 1, 12),
      recordType: TYPE,
      key: 'title/1',
      value: 'mine',
      proof,
      receiptSigner: gatewaySigner(fx),
      nowMs: NOW,
    });
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'header_quorum').reason).toBe('insufficient_power');
  });

  it('a receipt signed by a member without the gateway role (the court) -> receipt_signer_not_gateway', async () => {
    const { proof } = stateWith(RECORDS, 'title/1');
    const court = nativeReceiptSigner(fx.court.did, fx.court.kid, fx.privateKeys.get(fx.court.did)!);
    const b = await makeBundle({
      block: lbOf(chain.at(12)),
      trace: traceOf(chain, 1, 12),
      recordType: TYPE,
      key: 'title/1',
      value: RECORDS['title/1'],
      proof,
      receiptSigner: court,
      nowMs: NOW,
    });
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'receipt_signature').reason).toBe('receipt_signer_not_gateway');
  });

  it('a forked header at the anchor height as the trace start -> trace_not_anchored', async () => {
    // Validly signed by the real validators (who equivocated), but not the header the alliance pinned.
    const fork = forgedBlock(chain.at(1).header, new Uint8Array(32).fill(7), fixtureValidators(4), { keepValidatorsHash: true });
    const { proof } = stateWith(RECORDS, 'title/1');
    const b = await makeBundle({
      block: lbOf(chain.at(12)),
      trace: [fork],
      recordType: TYPE,
      key: 'title/1',
      value: RECORDS['title/1'],
      proof,
      receiptSigner: gatewaySigner(fx),
      nowMs: NOW,
    });
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'anchored_trace').reason).toBe('trace_not_anchored');
  });

  it('no registry given -> INDETERMINATE, never VALID', async () => {
    const v = verifyBundle(await honest(chain, fx, 12), { atMs: NOW });
    expect(v.verdict).toBe('indeterminate');
    expect(check(v, 'chain_admitted').reason).toBe('no_registry');
  });

  it('a chain the registry never admitted -> unknown_chain', async () => {
    const other = allianceFixture({ chains: [CHAIN] });
    const v = verifyBundle(await honest(chain, fx, 12), { atMs: NOW, authority: other.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'chain_admitted').reason).toBe('unknown_chain');
  });

  it('a chain removed before the receipt was signed -> unknown_chain; one removed after -> still valid', async () => {
    const b = await honest(chain, fx, 12);
    const before = update(fx, fx.state, { kind: 'remove_chain', chainId: CHAIN }, NOW - 1_000);
    expect(
      verifyBundle(b, { atMs: NOW, authority: new AllianceAuthority(() => before) }).checks.find((c) => c.name === 'chain_admitted')!
        .reason,
    ).toBe('unknown_chain');
    const after = update(fx, fx.state, { kind: 'remove_chain', chainId: CHAIN }, NOW + 1_000);
    expect(verifyBundle(b, { atMs: NOW + 2_000, authority: new AllianceAuthority(() => after) }).verdict).toBe('valid');
  });

  it('re-anchored chain: a bundle traced from the new anchor verifies', async () => {
    const reanchored = update(fx, fx.state, { kind: 'update_chain', chain: fixtureChainEntry(CHAIN, lbOf(chain.at(10))) }, NOW - 1_000);
    const { proof } = stateWith(RECORDS, 'title/1');
    const b = await makeBundle({
      block: lbOf(chain.at(12)),
      trace: traceOf(chain, 10, 12),
      recordType: TYPE,
      key: 'title/1',
      value: RECORDS['title/1'],
      proof,
      receiptSigner: gatewaySigner(fx),
      nowMs: NOW,
    });
    expect(verifyBundle(b, { atMs: NOW, authority: new AllianceAuthority(() => reanchored) }).verdict).toBe('valid');
  });

  it("a header conflicting with what the caller's light client trusts -> header_conflicts_with_trusted", async () => {
    const b = await honest(chain, fx, 12);
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority, trustedHeaderHash: () => new Uint8Array(32).fill(1) });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'header_trusted').reason).toBe('header_conflicts_with_trusted');
    expect(
      check(
        verifyBundle(b, { atMs: NOW, authority: fx.authority, trustedHeaderHash: () => headerHash(chain.at(12).header) }),
        'header_trusted',
      ).outcome,
    ).toBe('passed');
  });
});

describe('across validator-set changes', () => {
  const changes = [3, 6, 9, 12, 15, 18, 21, 24, 27, 30];
  const chain = propertyChain(33, changes);
  const fx = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lbOf(chain.at(1)) } });

  it('ten set changes: the trace carries the anchor and the ten announcing headers, and verifies', async () => {
    const b = await honest(chain, fx, 33);
    expect(b.trace).toHaveLength(11);
    const v = verifyBundle(b, { atMs: NOW, authority: fx.authority });
    expect(failedNames(v)).toEqual([]);
    expect(check(v, 'anchored_trace').detail).toContain('10 validator-set change(s)');
  });

  it('a trace that leaves out one change -> trace_gap', async () => {
    const b = await honest(chain, fx, 33);
    const v = verifyBundle({ ...b, trace: b.trace.filter((_, i) => i !== 5) }, { atMs: NOW, authority: fx.authority });
    expect(check(v, 'anchored_trace').reason).toBe('trace_gap');
  });

  it('a "lunatic" step: a header naming a made-up next set, signed by half of the trusted set -> trace_commit_invalid', async () => {
    const b = await honest(chain, fx, 33);
    // Replace the change at 3 by one that announces the forger's set, signed by 2 of the 4 trusted validators.
    const real = chain.at(3);
    const forgers = fixtureValidators(4, { from: 700 });
    const lunatic = forgedBlock(
      { ...real.header, nextValidatorsHash: forgedBlock(real.header, real.header.stateRoot, forgers).signedHeader.header.validatorsHash },
      real.header.stateRoot,
      fixtureValidators(4),
      { keepValidatorsHash: true },
    );
    const half = {
      signedHeader: {
        ...lunatic.signedHeader,
        commit: { ...lunatic.signedHeader.commit, signatures: lunatic.signedHeader.commit.signatures.slice(0, 2) },
      },
      validatorSet: lunatic.validatorSet,
    };
    const trace = [lbOf(chain.at(1)), half];
    const { proof } = stateWith(RECORDS, 'title/1');
    const target = forgedBlock(
      { ...chain.at(4).header, prevHash: headerHash(lunatic.signedHeader.header) },
      chain.at(4).header.stateRoot,
      forgers,
    );
    const forged = await makeBundle({
      block: target,
      trace,
      recordType: TYPE,
      key: 'title/1',
      value: RECORDS['title/1'],
      proof,
      receiptSigner: gatewaySigner(fx),
      nowMs: NOW,
    });
    const v = verifyBundle(forged, { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'anchored_trace').reason).toBe('trace_commit_invalid');
    expect(b.trace.length).toBe(11);
  });
});

describe("attestations count only from the chain's attesters in the registry", () => {
  const chain = propertyChain(4);
  const base = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lbOf(chain.at(1)) } });
  const entry = { ...fixtureChainEntry(CHAIN, lbOf(chain.at(1))), attestation: { threshold: 1, attesters: [FixtureDids.agency] } };
  const state = update(base, base.state, { kind: 'update_chain', chain: entry }, FIXTURE_START_MS);
  const authority = new AllianceAuthority(() => state);

  async function attestedBy(did: string): Promise<WireBundle> {
    const signer = base.signers.get(did)!;
    const signature = signer.sign(
      attestationSigningInput({
        chainId: CHAIN,
        recordType: TYPE,
        key: 'title/1',
        result: { kind: 'record', value: utf8(RECORDS['title/1']) },
      }),
    );
    const { proof } = stateWith(RECORDS, 'title/1');
    return makeBundle({
      block: lbOf(chain.at(4)),
      trace: traceOf(chain, 1, 4),
      recordType: TYPE,
      key: 'title/1',
      value: RECORDS['title/1'],
      proof,
      receiptSigner: gatewaySigner(base),
      nowMs: NOW,
      attestations: [{ attesterDid: did, kid: signer.kid, signature }],
    });
  }

  it('the named agency vouches -> VALID', async () => {
    const v = verifyBundle(await attestedBy(FixtureDids.agency), { atMs: NOW, authority });
    expect(failedNames(v)).toEqual([]);
    expect(check(v, 'attestations').outcome).toBe('passed');
  });

  it('any other member (the court) "attests" -> attestation_quorum_not_met', async () => {
    const v = verifyBundle(await attestedBy(FixtureDids.court), { atMs: NOW, authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'attestations').reason).toBe('attestation_quorum_not_met');
  });

  it('a bundle that leaves the attestations out of a chain that asks for them -> attestation_quorum_not_met', async () => {
    const { proof } = stateWith(RECORDS, 'title/1');
    const b = await makeBundle({
      block: lbOf(chain.at(4)),
      trace: traceOf(chain, 1, 4),
      recordType: TYPE,
      key: 'title/1',
      value: RECORDS['title/1'],
      proof,
      receiptSigner: gatewaySigner(base),
      nowMs: NOW,
    });
    expect(check(verifyBundle(b, { atMs: NOW, authority }), 'attestations').reason).toBe('attestation_quorum_not_met');
  });
});

describe("a chain's registry kind decides which proofs count", () => {
  it('a bft-smt bundle for a chain the registry verifies as evm -> INVALID unsupported_chain_kind', async () => {
    const chain = propertyChain(4);
    const base = allianceFixture({ chains: [CHAIN] });
    const entry = {
      ...fixtureChainEntry(CHAIN, lbOf(chain.at(1))),
      kind: 'evm' as const,
      attestation: { threshold: 1, attesters: [FixtureDids.agency] },
      evmContract: new Uint8Array(20).fill(1),
    };
    const state = update(base, base.state, { kind: 'admit_chain', chain: entry }, FIXTURE_START_MS);
    const v = verifyBundle(await honest(chain, base, 4), { atMs: NOW, authority: new AllianceAuthority(() => state) });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'chain_admitted')).toMatchObject({ outcome: 'failed', reason: 'unsupported_chain_kind' });
  });
});

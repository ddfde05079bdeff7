/**
 * The later checks of the offline verifier (bundle-verify.ts) against what a motivated outsider
 * would try from the docs: a bundle whose claims are not about its header, a state proof of
 * another key or value, attestations by members who are not the chain's attesters or too few,
 * and receipts that do not bind this bundle or were signed by someone who was not a gateway with
 * a key valid at the receipt's time (a court, an adapter, a revoked gateway, a retired key), or
 * JWT receipts of another alg, kid or issuer. Real chains, proofs, registries and signatures;
 * every assertion names the check, its outcome, its reason and the detail a person reads.
 */
import { describe, expect, it } from 'vitest';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { publicKeyFor } from '../../src/crypto/signature-suite.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import type { Authority } from '../../src/identity/authority.js';
import type { ChainDirectory } from '../../src/identity/chain-entry.js';
import type { RegistryOp } from '../../src/identity/registry-update.js';
import { createReceiptIssuer } from '../../src/relay/receipts/receipt-issuer.js';
import { nativeReceiptSigner, type ReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { attestationSigningInput, type AttestedResult } from '../../src/verify/attestations.js';
import { proofFromWire, signedHeaderFromWire } from '../../src/verify/bundle-convert.js';
import { receiptSubjectOf, verifyBundle, type BundleCheck, type BundleVerification } from '../../src/verify/bundle-verify.js';
import { batchRootSigningInput, receiptDigest, type ReceiptSubject } from '../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { allianceFixture, allianceKey, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { resignedReceipt } from '../helpers/receipt-jwt-edit.js';
import { makeBundle, stateWith, type WireBundle } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../helpers/chain-fixture.js';
import { applyApproved, fixtureAdmins } from '../helpers/registry-next.js';

const CHAIN = 'property';
const TYPE = 'property.title';
const RECORDS = { 'title/1': '{"owner":"hash:ab12","area_m2":89.5}', 'title/2': '{"owner":"hash:cd34","area_m2":120}' };
const NOW = FIXTURE_START_MS + 3_600_000;
const NOW_ISO = new Date(NOW).toISOString();
const GATEWAY = FixtureDids.gateway;
const GATEWAY_KID = `${GATEWAY}#key-1`;
const SECOND_NOTARY = 'did:alliance:property-notary-2';

const chain = new ChainFixture(CHAIN, fixtureValidators(4));
for (let h = 1; h <= 4; h++) chain.next({ stateRoot: stateWith(RECORDS, 'title/1').root });
const lb = (h: number): LightBlock => ({ signedHeader: chain.at(h).signedHeader, validatorSet: chain.at(h).validatorSet });

/** The alliance: the property chain admitted with block 1 as its anchor, a second agency to attest. */
function alliance(more: { gatewaySuite?: 'sm2' } = {}): AllianceFixture {
  return allianceFixture({
    chains: [CHAIN],
    anchors: { [CHAIN]: lb(1) },
    extraMembers: [{ did: SECOND_NOTARY, roles: ['agency'], chains: [] }],
    ...(more.gatewaySuite === undefined ? {} : { keySuites: { byDid: { [GATEWAY]: more.gatewaySuite } } }),
  });
}

/** A receipt signer over `fx`'s key of `did` (the gateway unless told), of its key's suite. */
function receiptSignerOf(fx: AllianceFixture, did: string = GATEWAY): ReceiptSigner {
  const signer = fx.signers.get(did)!;
  if (signer.suite === 'secp256k1') return nativeReceiptSigner(did, signer.kid, fx.privateKeys.get(did)!);
  return { did, kid: signer.kid, suite: signer.suite, sign: async (m) => signer.sign(m) };
}

const check = (v: BundleVerification, name: string): BundleCheck => v.checks.find((c) => c.name === name)!;
const failures = (v: BundleVerification) =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));
const verifyWith = (b: WireBundle, authority: (Authority & ChainDirectory) | undefined, atMs = NOW) =>
  verifyBundle(b, authority === undefined ? { atMs } : { atMs, authority });

/** The honest bundle of `key` at height 4 (its record, or its absence), JWT receipt by `fx`'s gateway. */
function honest(fx: AllianceFixture, key = 'title/1', extra: { attestations?: MessageInput<'Attestation'>[] } = {}): Promise<WireBundle> {
  const value = (RECORDS as Record<string, string>)[key];
  return makeBundle({
    block: lb(4),
    trace: [lb(1)],
    recordType: TYPE,
    key,
    ...(value === undefined ? {} : { value }),
    proof: stateWith(RECORDS, key).proof,
    receiptSigner: receiptSignerOf(fx),
    nowMs: NOW,
    ...(extra.attestations === undefined ? {} : { attestations: extra.attestations }),
  });
}

/** `b` with `patch` applied, through the wire codec (as a party decoding it would hold it). */
function patched(b: WireBundle, patch: Partial<MessageInput<'ProofBundle'>>): WireBundle {
  return decodeMessage('ProofBundle', encodeMessage('ProofBundle', { ...(b as MessageInput<'ProofBundle'>), ...patch }));
}

/** The receipt subject `b`'s receipt must commit to. */
function subjectOf(b: WireBundle): ReceiptSubject {
  const proof = b.proof === null || b.proof === undefined ? undefined : proofFromWire(b.proof);
  return receiptSubjectOf(b, signedHeaderFromWire(b.signedHeader).header, proof);
}

/** A receipt `signer` issues (either form) for `subject`, signed at `atMs`. */
function issued(signer: ReceiptSigner, mode: 'jwt' | 'batch', subject: ReceiptSubject, atMs = NOW): Promise<MessageInput<'Receipt'>> {
  return createReceiptIssuer({ mode, signer, now: () => atMs }).issue(subject);
}

/** `b` with a receipt `signer` issued over `b` itself (a gateway vouching for exactly this bundle). */
async function reissued(b: WireBundle, signer: ReceiptSigner, mode: 'jwt' | 'batch' = 'jwt', atMs = NOW): Promise<WireBundle> {
  return patched(b, { receipt: await issued(signer, mode, subjectOf(b), atMs) });
}

/** `fx`'s registry moved on by `op` at `effectiveAtMs`. */
function authorityAfter(fx: AllianceFixture, op: RegistryOp, effectiveAtMs: number): AllianceAuthority {
  const state = applyApproved(fx.state, op, fixtureAdmins(fx), effectiveAtMs);
  return new AllianceAuthority(() => state);
}

describe('header_binding: what the bundle says it answers must be what its header is about', () => {
  it('the honest bundle: passed, naming the key, the chain and the height', async () => {
    const fx = alliance();
    const v = verifyWith(await honest(fx), fx.authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'header_binding')).toEqual({
      name: 'header_binding',
      outcome: 'passed',
      reason: '',
      detail: 'the answer is about title/1 on property at height 4',
    });
  });

  // Each forgery moves one claim off the header; the gateway's receipt is re-issued over the
  // altered bundle, so the receipt binds it and only the header comparison can refuse it.
  it.each([
    [
      'the request is for another chain',
      { request: { chainId: 'credit', recordType: TYPE, key: 'title/1', height: { latest: {} } } },
      'the request is for chain credit, the header is of property',
    ],
    [
      'the record is of another chain',
      { record: { chainId: 'credit', key: 'title/1', recordType: TYPE, value: utf8(RECORDS['title/1']) } },
      'the record is of chain credit, the header of property',
    ],
    [
      'the record is of another type',
      { record: { chainId: CHAIN, key: 'title/1', recordType: 'property.lien', value: utf8(RECORDS['title/1']) } },
      "the record's type property.lien is not the type asked for (property.title)",
    ],
    ['the bundle states another height', { stateHeight: 3 }, 'the bundle states height 3, the header is at 4'],
    [
      'height 3 was asked for, the answer is at 4',
      { request: { chainId: CHAIN, recordType: TYPE, key: 'title/1', height: { at: 3 } } },
      'height 3 was asked for, the header is at 4',
    ],
  ] as const)('forgery: %s -> header_binding bundle_header_mismatch, saying which claim', async (_what, patch, detail) => {
    const fx = alliance();
    const forged = await reissued(patched(await honest(fx), patch as Partial<MessageInput<'ProofBundle'>>), receiptSignerOf(fx));
    const v = verifyWith(forged, fx.authority);
    expect(v.verdict).toBe('invalid');
    expect(failures(v)).toEqual({ header_binding: 'bundle_header_mismatch' });
    expect(check(v, 'header_binding')).toEqual({ name: 'header_binding', outcome: 'failed', reason: 'bundle_header_mismatch', detail });
  });

  it('forgery: the record of title/2 handed out as the answer to title/1 -> header_binding names both keys', async () => {
    const fx = alliance();
    const two = await honest(fx, 'title/2');
    const forged = await reissued(
      patched(two, { request: { chainId: CHAIN, recordType: TYPE, key: 'title/1', height: { latest: {} } } }),
      receiptSignerOf(fx),
    );
    const v = verifyWith(forged, fx.authority);
    expect(failures(v)).toEqual({ header_binding: 'bundle_header_mismatch' });
    expect(check(v, 'header_binding').detail).toBe("the record's key title/2 is not the key asked for (title/1)");
  });

  it("the height asked for is the header's: passed", async () => {
    const fx = alliance();
    const at4 = await reissued(
      patched(await honest(fx), { request: { chainId: CHAIN, recordType: TYPE, key: 'title/1', height: { at: 4 } } }),
      receiptSignerOf(fx),
    );
    const v = verifyWith(at4, fx.authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'header_binding').outcome).toBe('passed');
  });
});

describe("state_proof: the record (or its absence) must be in the header's state root", () => {
  it('a record: passed, saying it is in the state at that height', async () => {
    const fx = alliance();
    const v = verifyWith(await honest(fx), fx.authority);
    expect(check(v, 'state_proof')).toEqual({
      name: 'state_proof',
      outcome: 'passed',
      reason: '',
      detail: expect.stringMatching(/^the record title\/1 is in the chain's state at height 4 \(proof of depth \d+\)$/),
    });
  });

  it('an absence: passed, saying the key is absent (not that a record is there)', async () => {
    const fx = alliance();
    const v = verifyWith(await honest(fx, 'title/9'), fx.authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'state_proof')).toEqual({
      name: 'state_proof',
      outcome: 'passed',
      reason: '',
      detail: expect.stringMatching(/^the key title\/9 is absent from the chain's state at height 4 \(proof of depth \d+\)$/),
    });
  });

  // The receipt is re-issued over each forgery: only the proof against the root can refuse it.
  it.each([
    [
      'another value under title/1, with the proof of the real one',
      { record: { chainId: CHAIN, key: 'title/1', recordType: TYPE, value: utf8('{"owner":"hash:ffff"}') } },
      'value_mismatch',
      "the proof does not show this record in the header's state root: smt proof: the leaf commits to another value",
    ],
    [
      'the proof of title/2 under a claim about title/1',
      { proof: stateWith(RECORDS, 'title/2').proof },
      'wrong_leaf',
      "the proof does not show this record in the header's state root: smt proof: membership proof ends at another key's leaf",
    ],
    [
      'title/1 claimed absent, with the proof of its presence',
      { record: null, absence: { chainId: CHAIN, key: 'title/1', recordType: TYPE } },
      'absent_but_present',
      "the proof does not show this absence in the header's state root: smt proof: absence claimed, but the proof shows the key present",
    ],
  ] as const)('forgery: %s -> state_proof %s', async (_what, patch, reason, detail) => {
    const fx = alliance();
    const forged = await reissued(patched(await honest(fx), patch as Partial<MessageInput<'ProofBundle'>>), receiptSignerOf(fx));
    const v = verifyWith(forged, fx.authority);
    expect(v.verdict).toBe('invalid');
    expect(failures(v)).toEqual({ state_proof: reason });
    expect(check(v, 'state_proof')).toEqual({ name: 'state_proof', outcome: 'failed', reason, detail });
  });

  it("attestations only (no state proof): skipped attestations_only, and a bft-smt chain's entry refuses the basis", async () => {
    const fx = alliance();
    const bare = patched(await honest(fx), { trustBasis: 'TRUST_BASIS_ATTESTATIONS', proof: null });
    const v = verifyWith(await reissued(bare, receiptSignerOf(fx)), fx.authority);
    expect(check(v, 'state_proof')).toEqual({
      name: 'state_proof',
      outcome: 'skipped',
      reason: 'attestations_only',
      detail: 'the chain vouches by attestations only: there is no state proof',
    });
    expect(failures(v)).toEqual({ chain_admitted: 'trust_basis_not_allowed' });
    // Without a registry nothing refuses the basis, and nothing proves the record either: not valid.
    const offline = verifyWith(await reissued(bare, receiptSignerOf(fx)), undefined);
    expect(check(offline, 'state_proof')).toMatchObject({ outcome: 'skipped', reason: 'attestations_only' });
    expect(offline.verdict).toBe('indeterminate');
  });
});

describe("attestations: only the chain's attesters in the registry count, as many as its entry asks", () => {
  /** `fx`'s registry with the chain's entry asking for `threshold` of `attesters`. */
  const asking = (fx: AllianceFixture, threshold: number, attesters: string[]) =>
    authorityAfter(
      fx,
      { kind: 'update_chain', chain: { ...fixtureChainEntry(CHAIN, lb(1)), attestation: { threshold, attesters } } },
      FIXTURE_START_MS,
    );

  /** An attestation by `did` (its real key) of `key` as `result`. */
  function attestation(fx: AllianceFixture, did: string, key: string, result: AttestedResult['result']): MessageInput<'Attestation'> {
    const signer = fx.signers.get(did)!;
    return {
      attesterDid: did,
      kid: signer.kid,
      signature: signer.sign(attestationSigningInput({ chainId: CHAIN, recordType: TYPE, key, result })),
    };
  }
  const ofTitle1 = (fx: AllianceFixture, did: string) =>
    attestation(fx, did, 'title/1', { kind: 'record', value: utf8(RECORDS['title/1']) });

  it('an entry that asks for none, a bundle that carries none: skipped not_applicable', async () => {
    const fx = alliance();
    const v = verifyWith(await honest(fx), fx.authority);
    expect(check(v, 'attestations')).toEqual({
      name: 'attestations',
      outcome: 'skipped',
      reason: 'not_applicable',
      detail: "the chain's registry entry asks for no attestations",
    });
  });

  it('attestations the entry does not ask for are not counted: skipped not_required (the verdict stays VALID)', async () => {
    const fx = alliance();
    const v = verifyWith(await honest(fx, 'title/1', { attestations: [ofTitle1(fx, FixtureDids.agency)] }), fx.authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'attestations')).toEqual({
      name: 'attestations',
      outcome: 'skipped',
      reason: 'not_required',
      detail: "1 attestation(s) not counted: the chain's registry entry asks for none",
    });
  });

  it('attestations with no registry entry to judge them by: skipped earlier_check_failed (no registry, or a chain it does not hold)', async () => {
    const fx = alliance();
    const b = await honest(fx, 'title/1', { attestations: [ofTitle1(fx, FixtureDids.agency)] });
    const notAdmitted = allianceFixture({ chains: [CHAIN] });
    for (const [what, authority] of [
      ['no registry', undefined],
      ['chain not admitted', notAdmitted.authority],
    ] as const) {
      expect(check(verifyWith(b, authority), 'attestations'), what).toEqual({
        name: 'attestations',
        outcome: 'skipped',
        reason: 'earlier_check_failed',
        detail: "1 attestation(s) not counted: the chain's registry entry asks for none",
      });
    }
  });

  it('2 of the 2 named agencies vouch: passed, naming them', async () => {
    const fx = alliance();
    const b = await honest(fx, 'title/1', { attestations: [ofTitle1(fx, FixtureDids.agency), ofTitle1(fx, SECOND_NOTARY)] });
    const v = verifyWith(b, asking(fx, 2, [FixtureDids.agency, SECOND_NOTARY]));
    expect(v.verdict).toBe('valid');
    expect(check(v, 'attestations')).toEqual({
      name: 'attestations',
      outcome: 'passed',
      reason: '',
      detail: `2 of the required 2 agencies vouch for the answer (${FixtureDids.agency}, ${SECOND_NOTARY})`,
    });
  });

  it.each([
    [
      'a court (a member, not an attester) makes up the second',
      (fx: AllianceFixture) => [ofTitle1(fx, FixtureDids.agency), ofTitle1(fx, FixtureDids.court)],
      `1 valid attestation(s) from the chain's attesters, 2 needed; ignored: ${FixtureDids.court} (unknown_attester)`,
    ],
    [
      'the same agency twice',
      (fx: AllianceFixture) => [ofTitle1(fx, FixtureDids.agency), ofTitle1(fx, FixtureDids.agency)],
      `1 valid attestation(s) from the chain's attesters, 2 needed; ignored: ${FixtureDids.agency} (duplicate_attester)`,
    ],
    [
      'one of two',
      (fx: AllianceFixture) => [ofTitle1(fx, FixtureDids.agency)],
      "1 valid attestation(s) from the chain's attesters, 2 needed",
    ],
    [
      "the second agency's attestation of another value",
      (fx: AllianceFixture) => [
        ofTitle1(fx, FixtureDids.agency),
        attestation(fx, SECOND_NOTARY, 'title/1', { kind: 'record', value: utf8('{"owner":"hash:ffff"}') }),
      ],
      `1 valid attestation(s) from the chain's attesters, 2 needed; ignored: ${SECOND_NOTARY} (bad_attestation_signature)`,
    ],
  ])('forgery: %s -> attestation_quorum_not_met, naming what was ignored', async (_what, attestations, detail) => {
    const fx = alliance();
    const v = verifyWith(
      await honest(fx, 'title/1', { attestations: attestations(fx) }),
      asking(fx, 2, [FixtureDids.agency, SECOND_NOTARY]),
    );
    expect(v.verdict).toBe('invalid');
    expect(failures(v)).toEqual({ attestations: 'attestation_quorum_not_met' });
    expect(check(v, 'attestations')).toEqual({ name: 'attestations', outcome: 'failed', reason: 'attestation_quorum_not_met', detail });
  });

  it("an absence is attested as an absence: the agency's attestation of a record under that key does not count for it", async () => {
    const fx = alliance();
    const authority = asking(fx, 1, [FixtureDids.agency]);
    const absent = await honest(fx, 'title/9', { attestations: [attestation(fx, FixtureDids.agency, 'title/9', { kind: 'absence' })] });
    const v = verifyWith(absent, authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'attestations')).toMatchObject({
      outcome: 'passed',
      detail: `1 of the required 1 agencies vouch for the answer (${FixtureDids.agency})`,
    });
    const recordAttested = attestation(fx, FixtureDids.agency, 'title/9', { kind: 'record', value: utf8('{"owner":"hash:ab12"}') });
    const forged = await honest(fx, 'title/9', { attestations: [recordAttested] });
    expect(check(verifyWith(forged, authority), 'attestations')).toEqual({
      name: 'attestations',
      outcome: 'failed',
      reason: 'attestation_quorum_not_met',
      detail: `0 valid attestation(s) from the chain's attesters, 1 needed; ignored: ${FixtureDids.agency} (bad_attestation_signature)`,
    });
  });
});

describe('receipt_binding: the bundle must carry a receipt, committing to exactly this bundle', () => {
  const noReceipt = {
    binding: { name: 'receipt_binding', outcome: 'failed', reason: 'missing_receipt', detail: 'the bundle carries no gateway receipt' },
    signature: { name: 'receipt_signature', outcome: 'skipped', reason: 'earlier_check_failed', detail: 'not run: no receipt' },
  };

  it('no receipt at all, on the wire or left out of a bundle held in memory, or an empty receipt of neither form -> missing_receipt', async () => {
    const fx = alliance();
    const b = await honest(fx);
    const { receipt: _dropped, ...rest } = b;
    for (const [what, bundle] of [
      ['not on the wire', patched(rest as WireBundle, {})],
      ['left out of a bundle in memory', rest as WireBundle],
      ['an empty Receipt message', patched(b, { receipt: {} })],
    ] as const) {
      const v = verifyWith(bundle, fx.authority);
      expect(v.verdict, what).toBe('invalid');
      expect(failures(v), what).toEqual({ receipt_binding: 'missing_receipt' });
      expect(check(v, 'receipt_binding'), what).toEqual(noReceipt.binding);
      expect(check(v, 'receipt_signature'), what).toEqual(noReceipt.signature);
    }
  });

  it("a bundle held in memory whose state time no receipt layout holds (not a whole ms): the receipt's subject cannot be computed", async () => {
    const fx = alliance();
    const b = await honest(fx);
    const v = verifyWith({ ...b, stateTimeMs: b.stateTimeMs + 0.5 }, fx.authority);
    expect(failures(v)).toEqual({ header_binding: 'bundle_header_mismatch', receipt_binding: 'malformed' });
    expect(check(v, 'receipt_binding')).toEqual({
      name: 'receipt_binding',
      outcome: 'failed',
      reason: 'malformed',
      detail: `the receipt's subject cannot be computed: u64 not a safe integer: ${b.stateTimeMs + 0.5}`,
    });
    expect(check(v, 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'skipped',
      reason: 'earlier_check_failed',
      detail: 'not run: no receipt subject',
    });
  });

  // The gateway's real receipt for one answer, moved onto a bundle that differs in one field the receipt commits to.
  it.each([
    ['another request id', { requestId: 'req-forged' }],
    ['another requester', { requesterDid: FixtureDids.agency }],
    ['another height asked for', { request: { chainId: CHAIN, recordType: TYPE, key: 'title/1', height: { at: 4 } } }],
    [
      'another result (title/2 for title/1)',
      { record: { chainId: CHAIN, key: 'title/1', recordType: TYPE, value: utf8(RECORDS['title/2']) } },
    ],
  ] as const)(
    'forgery: a real receipt moved to a bundle with %s -> receipt_digest_mismatch (JWT), root_mismatch (batch)',
    async (_what, patch) => {
      const fx = alliance();
      const b = await honest(fx);
      for (const [mode, reason] of [
        ['jwt', 'receipt_digest_mismatch'],
        ['batch', 'root_mismatch'],
      ] as const) {
        const moved = patched(await reissued(b, receiptSignerOf(fx), mode), patch as Partial<MessageInput<'ProofBundle'>>);
        const v = verifyWith(moved, fx.authority);
        expect(v.verdict, mode).toBe('invalid');
        expect(check(v, 'receipt_binding'), mode).toMatchObject({ outcome: 'failed', reason });
        // The gateway did sign what it signed: only the binding refuses it.
        expect(check(v, 'receipt_signature').outcome, mode).toBe('passed');
      }
    },
  );

  it('the form names the receipt that is judged: a batch riding beside the JWT a bundle in memory names is not consulted', async () => {
    const fx = alliance();
    const b = await honest(fx);
    const other = await issued(receiptSignerOf(fx), 'batch', { ...subjectOf(b), requestId: 'req-other' });
    const both = {
      ...b,
      receipt: {
        form: 'jwt' as const,
        jwt: b.receipt!.jwt!,
        batch: decodeMessage('ProofBundle', encodeMessage('ProofBundle', { receipt: other })).receipt!.batch!,
      },
    };
    const v = verifyWith(both, fx.authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'receipt_binding')).toEqual({
      name: 'receipt_binding',
      outcome: 'passed',
      reason: '',
      detail: 'the receipt JWT names this bundle',
    });
  });
});

describe('receipt_signature: only a DID holding the gateway role when it signed, by a key valid then', () => {
  const notGateway = (did: string, atMs: number, why: string) => ({
    name: 'receipt_signature',
    outcome: 'failed',
    reason: 'receipt_signer_not_gateway',
    detail: `${did} did not hold the gateway role in the alliance registry at ${new Date(atMs).toISOString()} (${why})`,
  });

  it('forgery: a receipt JWT issued and signed by the court (iss, kid and key its own) -> receipt_signer_not_gateway', async () => {
    const fx = alliance();
    const forged = resignedReceipt(await honest(fx), fx.court, (h, p) => {
      h['kid'] = fx.court.kid;
      p['iss'] = FixtureDids.court;
    });
    const v = verifyWith(forged, fx.authority);
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'receipt_binding').outcome).toBe('passed');
    expect(check(v, 'receipt_signature')).toEqual(notGateway(FixtureDids.court, NOW, 'out_of_role'));
  });

  it("forgery: a batch receipt the chain's own adapter signed -> receipt_signer_not_gateway", async () => {
    const fx = alliance();
    const forged = await reissued(await honest(fx), receiptSignerOf(fx, FixtureDids.adapter(CHAIN)), 'batch');
    const v = verifyWith(forged, fx.authority);
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'receipt_binding').outcome).toBe('passed');
    expect(check(v, 'receipt_signature')).toEqual(notGateway(FixtureDids.adapter(CHAIN), NOW, 'out_of_role'));
  });

  it('forgery: a batch receipt signed by the gateway after its revocation -> receipt_signer_not_gateway; one signed before stays VALID', async () => {
    const fx = alliance();
    const revokedAt = NOW - 60_000;
    const authority = authorityAfter(fx, { kind: 'revoke_member', did: GATEWAY }, revokedAt);
    const b = await honest(fx);
    const before = verifyWith(await reissued(b, receiptSignerOf(fx), 'batch', revokedAt - 1), authority);
    expect(before.verdict).toBe('valid');
    const after = verifyWith(await reissued(b, receiptSignerOf(fx), 'batch', revokedAt), authority);
    expect(after.verdict).toBe('invalid');
    expect(check(after, 'receipt_signature')).toEqual(notGateway(GATEWAY, revokedAt, 'revoked'));
  });

  it('a registry that still grants the role but says the key is revoked: the signer is no gateway -> receipt_signer_not_gateway', async () => {
    const fx = alliance();
    // The Authority interface keeps roles and keys apart: a key revoked is a signer revoked, whatever the role says.
    const keyRevoked: Authority & ChainDirectory = {
      chainAt: (c, t) => fx.authority.chainAt(c, t),
      anchorsAt: (c, t) => fx.authority.anchorsAt(c, t),
      mayAct: (did, role, c, t) => fx.authority.mayAct(did, role, c, t),
      keyAt: (did, kid, t) =>
        did === GATEWAY ? { ok: false, reason: 'revoked', message: `${did} was revoked at ${NOW - 1}` } : fx.authority.keyAt(did, kid, t),
    };
    for (const mode of ['jwt', 'batch'] as const) {
      const v = verifyWith(await reissued(await honest(fx), receiptSignerOf(fx), mode), keyRevoked);
      expect(v.verdict, mode).toBe('invalid');
      expect(check(v, 'receipt_signature'), mode).toEqual({
        name: 'receipt_signature',
        outcome: 'failed',
        reason: 'receipt_signer_not_gateway',
        detail: `revoked: ${GATEWAY} was revoked at ${NOW - 1}`,
      });
    }
  });

  it("forgery: the gateway's retired key (rotated away before the receipt's time) -> bad_receipt_key; before the rotation it is VALID", async () => {
    const fx = alliance();
    const rotatedAt = NOW - 60_000;
    const newKey = publicKeyFor('secp256k1', allianceKey(999));
    const authority = authorityAfter(fx, { kind: 'rotate_key', did: GATEWAY, newKid: '#key-2', newPublicKey: newKey }, rotatedAt);
    const b = await honest(fx);
    for (const mode of ['jwt', 'batch'] as const) {
      expect(verifyWith(await reissued(b, receiptSignerOf(fx), mode, rotatedAt - 1_000), authority).verdict, mode).toBe('valid');
      const v = verifyWith(await reissued(b, receiptSignerOf(fx), mode, NOW), authority);
      expect(v.verdict, mode).toBe('invalid');
      expect(check(v, 'receipt_signature'), mode).toEqual({
        name: 'receipt_signature',
        outcome: 'failed',
        reason: 'bad_receipt_key',
        detail: `key_not_valid_at_time: ${GATEWAY_KID} was not valid at ${NOW}`,
      });
    }
  });

  it('forgery: a kid the gateway never had -> bad_receipt_key naming it', async () => {
    const fx = alliance();
    const forged = resignedReceipt(await honest(fx), fx.gateway, (h) => {
      h['kid'] = `${GATEWAY}#key-7`;
    });
    expect(check(verifyWith(forged, fx.authority), 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'failed',
      reason: 'bad_receipt_key',
      detail: `unknown_key: ${GATEWAY}#key-7 is not a key of ${GATEWAY}`,
    });
  });

  it("forgery: the batch root signed by the court under the gateway's name and kid -> bad_root_signature", async () => {
    const fx = alliance();
    const b = await reissued(await honest(fx), receiptSignerOf(fx), 'batch');
    const batch = b.receipt!.batch!;
    const forged = patched(b, {
      receipt: {
        batch: { ...batch, rootSignature: fx.court.sign(batchRootSigningInput(batch.batchRoot, batch.leafCount, batch.signedAtMs)) },
      },
    });
    const v = verifyWith(forged, fx.authority);
    expect(failures(v)).toEqual({ receipt_signature: 'bad_root_signature' });
    expect(check(v, 'receipt_signature').detail).toBe(`the batch root signature does not verify under ${GATEWAY_KID}`);
  });

  it('a batch receipt held in memory whose signing time is not a whole ms: its root cannot have been signed -> bad_root_signature', async () => {
    const fx = alliance();
    const b = await reissued(await honest(fx), receiptSignerOf(fx), 'batch');
    const v = verifyWith({ ...b, receipt: { ...b.receipt!, batch: { ...b.receipt!.batch!, signedAtMs: NOW + 0.5 } } }, fx.authority);
    expect(failures(v)).toEqual({ receipt_signature: 'bad_root_signature' });
    expect(check(v, 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'failed',
      reason: 'bad_root_signature',
      detail: `the batch root signature does not verify under ${GATEWAY_KID}`,
    });
  });

  it('no registry: the binding is checked, the signer cannot be -> skipped signer_key_unknown, INDETERMINATE (either form)', async () => {
    const fx = alliance();
    for (const mode of ['jwt', 'batch'] as const) {
      const v = verifyWith(await reissued(await honest(fx), receiptSignerOf(fx), mode), undefined);
      expect(v.verdict, mode).toBe('indeterminate');
      expect(check(v, 'receipt_binding').outcome, mode).toBe('passed');
      expect(check(v, 'receipt_signature'), mode).toEqual({
        name: 'receipt_signature',
        outcome: 'skipped',
        reason: 'signer_key_unknown',
        detail: `the gateway's key cannot be checked: no registry was given to look up ${GATEWAY}`,
      });
    }
  });
});

describe("the receipt's time: the registry is read as of when the gateway signed", () => {
  // The chain admitted an hour after the fixture's blocks, a minute before NOW.
  const ADMITTED = NOW - 60_000;
  function admittedLate(): { fx: AllianceFixture; authority: AllianceAuthority } {
    const fx = allianceFixture({ chains: [CHAIN] });
    return { fx, authority: authorityAfter(fx, { kind: 'admit_chain', chain: fixtureChainEntry(CHAIN, lb(1)) }, ADMITTED) };
  }
  const notAdmittedAt = (atMs: number) => ({
    name: 'chain_admitted',
    outcome: 'failed',
    reason: 'unknown_chain',
    detail: `the alliance registry holds no chain ${CHAIN} at ${new Date(atMs).toISOString()}`,
  });

  it('receipts signed after the admission: VALID, whatever the form', async () => {
    const { fx, authority } = admittedLate();
    for (const mode of ['jwt', 'batch'] as const) {
      const v = verifyWith(await reissued(await honest(fx), receiptSignerOf(fx), mode, ADMITTED), authority);
      expect(v.verdict, mode).toBe('valid');
      expect(check(v, 'chain_admitted').outcome, mode).toBe('passed');
    }
  });

  it('forgery: a batch receipt dated before the chain was admitted, verified after -> chain_admitted unknown_chain at the signing time', async () => {
    const { fx, authority } = admittedLate();
    const early = await reissued(await honest(fx), receiptSignerOf(fx), 'batch', ADMITTED - 1);
    const v = verifyWith(early, authority, NOW);
    expect(v.verdict).toBe('invalid');
    expect(failures(v)).toEqual({ chain_admitted: 'unknown_chain' });
    expect(check(v, 'chain_admitted')).toEqual(notAdmittedAt(ADMITTED - 1));
  });

  it('a JWT receipt is read at iat seconds: iat 0 is 1970 (the chain not yet admitted)', async () => {
    const { fx, authority } = admittedLate();
    const zero = resignedReceipt(await honest(fx), fx.gateway, (_h, p) => {
      p['iat'] = 0;
    });
    expect(check(verifyWith(zero, authority), 'chain_admitted')).toEqual(notAdmittedAt(0));
  });

  // An iat that names no instant (negative, fractional, absent, text) gives the bundle no time:
  // the registry is read at the verifier's time, and the receipt's own checks judge the iat.
  it.each([
    ['negative', -1],
    ['fractional', 0.5],
    ['absent', undefined],
    ['text', '0'],
  ] as const)("an iat that is %s names no time: the chain is judged at the verifier's time", async (_what, iat) => {
    const { fx, authority } = admittedLate();
    const odd = resignedReceipt(await honest(fx), fx.gateway, (_h, p) => {
      if (iat === undefined) delete p['iat'];
      else p['iat'] = iat;
    });
    const v = verifyWith(odd, authority);
    expect(check(v, 'chain_admitted')).toMatchObject({ outcome: 'passed' });
    expect(check(verifyWith(odd, authority, ADMITTED - 1), 'chain_admitted')).toEqual(notAdmittedAt(ADMITTED - 1));
  });

  it("a JWT the receipt does not declare (no form, in memory) gives no time either: judged at the verifier's time, missing_receipt", async () => {
    const { fx, authority } = admittedLate();
    const early = resignedReceipt(await honest(fx), fx.gateway, (_h, p) => {
      p['iat'] = Math.floor((ADMITTED - 60_000) / 1000);
    });
    const undeclared = { ...early, receipt: { jwt: early.receipt!.jwt! } };
    const v = verifyWith(undeclared, authority);
    expect(check(v, 'chain_admitted').outcome).toBe('passed');
    expect(failures(v)).toEqual({ receipt_binding: 'missing_receipt' });
    // Declared, the same token is read at its iat, before the admission.
    expect(check(verifyWith(early, authority), 'chain_admitted')).toEqual(notAdmittedAt(ADMITTED - 60_000));
  });
});

describe('batch receipts of an SM2 gateway: hashed with the suite of the key the registry holds', () => {
  it('an SM2 gateway batch receipt (SM3 digest and tree) is VALID with the registry; without one its binding still holds', async () => {
    const fx = alliance({ gatewaySuite: 'sm2' });
    const b = await reissued(await honest(fx), receiptSignerOf(fx), 'batch');
    const v = verifyWith(b, fx.authority);
    expect(v.verdict).toBe('valid');
    expect(check(v, 'receipt_binding')).toEqual({
      name: 'receipt_binding',
      outcome: 'passed',
      reason: '',
      detail: 'the receipt is leaf 0 of a batch of 1 whose root the gateway signed',
    });
    expect(check(v, 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'passed',
      reason: '',
      detail: `${GATEWAY} signed the batch root with ${GATEWAY_KID} at ${NOW_ISO}`,
    });
    // Offline, either suite's binding binds this bundle; the signer is then not judged.
    const offline = verifyWith(b, undefined);
    expect(check(offline, 'receipt_binding').outcome).toBe('passed');
    expect(check(offline, 'receipt_signature')).toMatchObject({ outcome: 'skipped', reason: 'signer_key_unknown' });
  });

  it('offline, a batch receipt of another answer binds under neither suite -> root_mismatch', async () => {
    for (const suite of [undefined, 'sm2'] as const) {
      const fx = alliance(suite === undefined ? {} : { gatewaySuite: suite });
      const b = await honest(fx);
      const other = patched(b, { receipt: await issued(receiptSignerOf(fx), 'batch', { ...subjectOf(b), requestId: 'req-other' }) });
      const v = verifyWith(other, undefined);
      expect(check(v, 'receipt_binding'), String(suite)).toMatchObject({
        outcome: 'failed',
        reason: 'root_mismatch',
        detail: expect.stringContaining('the receipt does not commit to this bundle: '),
      });
    }
  });

  it('forgery: an SM2 gateway batch hashed with SHA-256 (as if its key were secp256k1) -> root_mismatch', async () => {
    const fx = alliance({ gatewaySuite: 'sm2' });
    const b = await honest(fx);
    // The SM2 key signs a batch whose leaf and tree are SHA-256: the registry's key says SM3.
    const shaSigner: ReceiptSigner = { ...receiptSignerOf(fx), suite: 'secp256k1', sign: async (m) => fx.gateway.sign(m) };
    const v = verifyWith(patched(b, { receipt: await issued(shaSigner, 'batch', subjectOf(b)) }), fx.authority);
    expect(check(v, 'receipt_binding')).toMatchObject({ outcome: 'failed', reason: 'root_mismatch' });
  });
});

describe('JWT receipts: shape, alg, kid and issuer', () => {
  const malformed = (why: string) => ({
    binding: { name: 'receipt_binding', outcome: 'failed', reason: 'malformed_token', detail: `the receipt JWT is malformed: ${why}` },
    signature: { name: 'receipt_signature', outcome: 'skipped', reason: 'earlier_check_failed', detail: 'not run: malformed receipt' },
  });

  it('forgery: the honest token with a fourth segment, or cut to two -> malformed_token (expected three segments)', async () => {
    const fx = alliance();
    const b = await honest(fx);
    const jwt = b.receipt!.jwt!;
    for (const token of [`${jwt}.${jwt.split('.')[2]}`, jwt.split('.').slice(0, 2).join('.')]) {
      const v = verifyWith(patched(b, { receipt: { jwt: token } }), fx.authority);
      expect(v.verdict).toBe('invalid');
      expect(failures(v)).toEqual({ receipt_binding: 'malformed_token' });
      expect(check(v, 'receipt_binding')).toEqual(malformed('expected three segments').binding);
      expect(check(v, 'receipt_signature')).toEqual(malformed('expected three segments').signature);
    }
  });

  // Each re-signed by the gateway's own key: the shape alone refuses them.
  it.each([
    ['alg none', (h: Record<string, unknown>) => (h['alg'] = 'none')],
    ['alg HS256', (h: Record<string, unknown>) => (h['alg'] = 'HS256')],
    ['no alg', (h: Record<string, unknown>) => delete h['alg']],
    ['no kid', (h: Record<string, unknown>) => delete h['kid']],
    ['a kid that is not a string', (h: Record<string, unknown>) => (h['kid'] = 1)],
    ['no iss', (_h: Record<string, unknown>, p: Record<string, unknown>) => delete p['iss']],
    ['an iss that is not a string', (_h: Record<string, unknown>, p: Record<string, unknown>) => (p['iss'] = [GATEWAY])],
  ])('forgery: %s -> malformed_token, the signature not run', async (_what, edit) => {
    const fx = alliance();
    const forged = resignedReceipt(await honest(fx), fx.gateway, edit);
    const v = verifyWith(forged, fx.authority);
    expect(v.verdict).toBe('invalid');
    expect(failures(v)).toEqual({ receipt_binding: 'malformed_token' });
    expect(check(v, 'receipt_binding')).toEqual(malformed('alg, kid, iss or iat missing').binding);
    expect(check(v, 'receipt_signature')).toEqual(malformed('alg, kid, iss or iat missing').signature);
  });

  it("forgery: alg SM2SM3 over a secp256k1 gateway key (rcpt the SM3 digest) -> alg_key_mismatch; and ES256K over an SM2 gateway's key", async () => {
    const fx = alliance();
    const b = await honest(fx);
    const sm2Claim = resignedReceipt(b, fx.gateway, (h, p) => {
      h['alg'] = 'SM2SM3';
      p['rcpt'] = toHex(receiptDigest(subjectOf(b), 'sm2'));
    });
    const v = verifyWith(sm2Claim, fx.authority);
    expect(check(v, 'receipt_binding').outcome).toBe('passed');
    expect(check(v, 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'failed',
      reason: 'alg_key_mismatch',
      detail: `the receipt JWT says SM2SM3, but ${GATEWAY_KID} is a secp256k1 key`,
    });
    const gm = alliance({ gatewaySuite: 'sm2' });
    // makeBundle names the SHA-256 digest; the gateway's issuer names its key suite's (SM3).
    const gb = await reissued(await honest(gm), receiptSignerOf(gm));
    expect(verifyWith(gb, gm.authority).verdict).toBe('valid');
    const esClaim = resignedReceipt(gb, gm.gateway, (h, p) => {
      h['alg'] = 'ES256K';
      p['rcpt'] = toHex(receiptDigest(subjectOf(gb), 'secp256k1'));
    });
    expect(check(verifyWith(esClaim, gm.authority), 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'failed',
      reason: 'alg_key_mismatch',
      detail: `the receipt JWT says ES256K, but ${GATEWAY_KID} is a sm2 key`,
    });
  });

  it("forgery: the gateway's token with its signature cut to 63 bytes -> bad_signature", async () => {
    const fx = alliance();
    const b = await honest(fx);
    const [h, p, s] = b.receipt!.jwt!.split('.');
    const cut = `${h}.${p}.${toBase64url(fromBase64url(s!).subarray(0, 63))}`;
    expect(check(verifyWith(patched(b, { receipt: { jwt: cut } }), fx.authority), 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'failed',
      reason: 'bad_signature',
      detail: `the receipt JWT's signature does not verify under ${GATEWAY_KID}`,
    });
  });

  it('the header typ is not what makes a receipt (the purpose claim is): typ JOSE, signed by the gateway, stays VALID', async () => {
    const fx = alliance();
    const v = verifyWith(
      resignedReceipt(await honest(fx), fx.gateway, (h) => {
        h['typ'] = 'JOSE';
      }),
      fx.authority,
    );
    expect(v.verdict).toBe('valid');
    expect(check(v, 'receipt_signature')).toEqual({
      name: 'receipt_signature',
      outcome: 'passed',
      reason: '',
      detail: `${GATEWAY} signed the receipt with ${GATEWAY_KID}`,
    });
  });
});

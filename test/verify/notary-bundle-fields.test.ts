/**
 * The offline verifier of `notary` chain bundles (src/verify/notary-bundle-verify.ts and the checks
 * it shares with evm bundles, notarized-bundle-checks.ts), check by check: each forgery is named by
 * its check, its reason and the detail a person reads. Who may sign comes from the registry as it
 * was when the gateway vouched (its receipt's time), never from the bundle: a member outside the
 * set, a notary of another chain, one notary twice, one signature short, a chain the registry does
 * not know or verifies as another kind. The shape check names the field that is wrong, and the
 * binding check the claim that disagrees with the notarized record. Real signatures throughout.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import type { Signer } from '../../src/identity/signer.js';
import { JwtReceipts } from '../../src/relay/receipts/jwt-receipts.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { signedHeaderToWire } from '../../src/verify/bundle-convert.js';
import { type BundleCheck, type BundleVerification, CheckNames, queryHeightOf } from '../../src/verify/bundle-verify.js';
import { notaryEquivocation } from '../../src/verify/notary-misbehaviour.js';
import { type NotarizedRecord, notarizedRecordLayout } from '../../src/verify/notary-record.js';
import { notarySignatureFromWire, notarySignatureToWire } from '../../src/verify/notary-wire.js';
import { verifyProofBundle } from '../../src/verify/proof-bundle-verify.js';
import { receiptDigest } from '../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import { allianceFixture, fixtureNotaryDid } from '../helpers/alliance-fixture.js';
import { stateWith } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../helpers/chain-fixture.js';
import { makeNotaryBundle, notarizeRecord } from '../helpers/notary-bundle-maker.js';
import { applyApproved, fixtureAdmins } from '../helpers/registry-next.js';
import { block, notaries, notarize, notaryWorld } from './notary-fixture.js';

type WireBundle = MessageOutput<'ProofBundle'>;

const CHAIN = 'enterprise';
const EVM = 'land-evm';
const NOW = FIXTURE_START_MS + 3_600_000;
const NOW_ISO = '2023-11-14T23:13:20.000Z';
const fx = allianceFixture({
  chains: [CHAIN, EVM],
  notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } },
  evmChains: {
    [EVM]: {
      anchor: { height: 1, headerHash: new Uint8Array(32).fill(7) },
      contract: new Uint8Array(20).fill(9),
      notaries: 3,
      threshold: 2,
    },
  },
});
const notary = (i: number, chain = CHAIN): Signer => fx.signers.get(fixtureNotaryDid(chain, i))!;
const receiptSigner = nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);

const record: NotarizedRecord = {
  chainId: CHAIN,
  recordType: 'enterprise.license',
  key: 'license/91110000600037341L',
  result: { kind: 'record', value: utf8('{"status":"revoked"}') },
  version: 4_211,
  timeMs: NOW - 5_000,
};
const bundleOf = (r: NotarizedRecord, signers: readonly Signer[], more: { askedVersion?: number; nowMs?: number } = {}) =>
  makeNotaryBundle({ record: r, notarizations: signers.map((s) => notarizeRecord(s, r)), receiptSigner, nowMs: NOW, ...more });
const honest = () => bundleOf(record, [notary(1), notary(2)]);

/** The bundle as a verifier reads it off the wire. */
const wire = (b: WireBundle): WireBundle => decodeMessage('ProofBundle', encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>));
const verify = (b: WireBundle, authority: AllianceAuthority | 'none' = fx.authority, atMs = NOW) =>
  verifyProofBundle(b, authority === 'none' ? { atMs } : { atMs, authority });
const check = (v: BundleVerification, name: string): BundleCheck => v.checks.find((c) => c.name === name)!;
const failures = (v: BundleVerification) =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));

/**
 * `b` with a receipt the gateway signed over what `b` states as it is: a gateway that vouched for
 * a bent bundle, so what fails is the check that reads the bent claim, not the receipt.
 */
async function receiptedAsIs(b: WireBundle): Promise<WireBundle> {
  const named = b.result === 'record' ? b.record! : b.absence!;
  const result: NotarizedRecord['result'] = b.result === 'record' ? { kind: 'record', value: b.record!.value } : { kind: 'absence' };
  const { chainId, recordType, key } = named;
  const stated: NotarizedRecord = { chainId, recordType, key, result, version: b.notary!.version, timeMs: b.notary!.timeMs };
  const q = b.request!;
  const digest = receiptDigest({
    requestId: b.requestId,
    requesterDid: b.requesterDid,
    query: { chainId: q.chainId, recordType: q.recordType, key: q.key, height: queryHeightOf(q) },
    header: { chainId: stated.chainId, height: stated.version, hash: sha256(notarizedRecordLayout(stated)) },
    result,
    proof: undefined,
    stateTimeMs: b.stateTimeMs,
    trustBasis: 5,
    attestations: b.notary!.notarizations.map((n) => ({ attesterDid: n.notaryDid, kid: n.kid, signature: n.signature })),
  });
  const jwt = await new JwtReceipts({ signer: receiptSigner, now: () => NOW }).issue(digest, b.requesterDid, b.requestId);
  return wire({ ...b, receipt: { ...b.receipt!, jwt } });
}

const notariesUnknown = (why: string) => [
  { name: 'header_quorum', outcome: 'skipped', reason: why, detail: "not run: the chain's notaries are not known" },
  { name: 'commit_signatures', outcome: 'skipped', reason: why, detail: "not run: the chain's notaries are not known" },
];

describe('an honest notary bundle: every check answered, in order, with its detail', () => {
  it('two of three registry notaries: valid, the notarized record is the verified header', async () => {
    const v = await verify(await honest());
    const [n1, n2] = [notary(1).did, notary(2).did];
    expect(v.checks).toEqual([
      {
        name: 'bundle_shape',
        outcome: 'passed',
        reason: '',
        detail: 'the notarized record, its version and time, and the request are present and well-formed',
      },
      {
        name: 'chain_admitted',
        outcome: 'passed',
        reason: '',
        detail: 'enterprise (enterprise registry (notarized)) is admitted as a notary chain: 2 of its 3 notaries vouch for a record',
      },
      {
        name: 'validator_set_hash',
        outcome: 'skipped',
        reason: 'not_applicable',
        detail: 'a notary chain has no validators: its notaries vouch for each record',
      },
      {
        name: 'anchored_trace',
        outcome: 'skipped',
        reason: 'not_applicable',
        detail: 'a notary chain has no headers to trace to an anchor',
      },
      {
        name: 'header_quorum',
        outcome: 'passed',
        reason: '',
        detail: `2 of the chain's notaries signed the record at version 4211 (${n1}, ${n2}); 2 needed`,
      },
      { name: 'commit_signatures', outcome: 'passed', reason: '', detail: 'every one of the 2 notary signatures verifies' },
      {
        name: 'header_trusted',
        outcome: 'skipped',
        reason: 'not_applicable',
        detail: "a notary chain has no headers to follow: the notaries' signatures decide",
      },
      {
        name: 'header_binding',
        outcome: 'passed',
        reason: '',
        detail: 'the answer is about license/91110000600037341L on enterprise at version 4211, as asked',
      },
      {
        name: 'state_proof',
        outcome: 'skipped',
        reason: 'not_applicable',
        detail: 'each notary read the record itself: their signatures (header_quorum) are the proof',
      },
      {
        name: 'attestations',
        outcome: 'skipped',
        reason: 'not_applicable',
        detail: "the notaries' signatures (header_quorum) stand for the chain's attesters",
      },
      { name: 'receipt_binding', outcome: 'passed', reason: '', detail: 'the receipt JWT names this bundle' },
      { name: 'receipt_signature', outcome: 'passed', reason: '', detail: `${fx.gateway.did} signed the receipt with ${fx.gateway.kid}` },
    ]);
    expect(v.verdict).toBe('valid');
    expect(v.checkedAtMs).toBe(NOW);
    expect(v.verifiedHeader).toEqual({ chainId: CHAIN, height: 4_211, headerHash: sha256(notarizedRecordLayout(record)) });
  });

  it('a record notarized at the first version (1) and asked at exactly that version is valid', async () => {
    const first: NotarizedRecord = { ...record, version: 1 };
    const v = await verify(await bundleOf(first, [notary(2), notary(3)], { askedVersion: 1 }));
    expect(failures(v)).toEqual({});
    expect(v.verdict).toBe('valid');
    expect(check(v, 'header_binding').detail).toBe('the answer is about license/91110000600037341L on enterprise at version 1, as asked');
  });

  it('asked at the version answered (not latest) is as asked; an absence verifies the same way', async () => {
    const absent: NotarizedRecord = { ...record, key: 'license/never-issued', result: { kind: 'absence' } };
    const v = await verify(await bundleOf(absent, [notary(1), notary(3)], { askedVersion: absent.version }));
    expect(failures(v)).toEqual({});
    expect(v.verdict).toBe('valid');
    expect(v.verifiedHeader).toEqual({ chainId: CHAIN, height: 4_211, headerHash: sha256(notarizedRecordLayout(absent)) });
  });
});

describe('who may sign: the registry names the notaries, the bundle only carries signatures', () => {
  it('threshold - 1 notaries: header_quorum notary_quorum_not_met, each signature counting; no verified header', async () => {
    const v = await verify(await bundleOf(record, [notary(3)]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met' });
    expect(check(v, 'header_quorum').detail).toBe("1 valid signatures of the chain's notaries over the record at version 4211, 2 needed");
    expect(check(v, 'commit_signatures')).toMatchObject({ outcome: 'passed', detail: 'every one of the 1 notary signatures verifies' });
    expect(v.verdict).toBe('invalid');
    expect(v.verifiedHeader).toBeUndefined();
  });

  it('a member outside the notary set in place of a notary: not counted, named unknown_notary', async () => {
    const v = await verify(await bundleOf(record, [notary(1), fx.court]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'unknown_notary' });
    expect(check(v, 'header_quorum').detail).toBe("1 valid signatures of the chain's notaries over the record at version 4211, 2 needed");
    expect(check(v, 'commit_signatures').detail).toBe(
      `the signature of ${fx.court.did} counts for nothing (unknown_notary): a bundle carries only its notaries' valid signatures`,
    );
    expect(v.verifiedHeader).toBeUndefined();
  });

  it("another chain's notary (of the evm chain) does not count for this one: unknown_notary", async () => {
    const v = await verify(await bundleOf(record, [notary(1), notary(1, EVM)]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'unknown_notary' });
    expect(check(v, 'commit_signatures').detail).toContain(`the signature of ${notary(1, EVM).did} counts for nothing`);
    expect(v.verifiedHeader).toBeUndefined();
  });

  it('the same notary twice is one notary: duplicate_notary, named', async () => {
    const v = await verify(await bundleOf(record, [notary(2), notary(2)]));
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'duplicate_notary' });
    expect(check(v, 'header_quorum').detail).toBe("1 valid signatures of the chain's notaries over the record at version 4211, 2 needed");
    expect(check(v, 'commit_signatures').detail).toBe(
      `the signature of ${notary(2).did} counts for nothing (duplicate_notary): a bundle carries only its notaries' valid signatures`,
    );
    expect(v.verifiedHeader).toBeUndefined();
  });

  it("a signature in a notary's name made with another key: bad_notary_signature", async () => {
    const forged = { ...notarizeRecord(notary(3, EVM), record), notaryDid: notary(2).did, kid: notary(2).kid };
    const b = await makeNotaryBundle({ record, notarizations: [notarizeRecord(notary(1), record), forged], receiptSigner, nowMs: NOW });
    const v = await verify(b);
    expect(failures(v)).toEqual({ header_quorum: 'notary_quorum_not_met', commit_signatures: 'bad_notary_signature' });
    expect(check(v, 'commit_signatures').detail).toContain(`the signature of ${notary(2).did} counts for nothing (bad_notary_signature)`);
  });

  it("a record claimed of the evm chain, signed by that chain's own notaries: chain_admitted unsupported_chain_kind", async () => {
    const r: NotarizedRecord = { ...record, chainId: EVM };
    const v = await verify(await bundleOf(r, [notary(1, EVM), notary(2, EVM)]));
    expect(failures(v)).toEqual({ chain_admitted: 'unsupported_chain_kind' });
    expect(check(v, 'chain_admitted').detail).toBe(
      'land-evm is verified as evm in the alliance registry; this bundle carries a notarized record',
    );
    expect(v.checks.filter((c) => c.name === 'header_quorum' || c.name === 'commit_signatures')).toEqual(
      notariesUnknown('earlier_check_failed'),
    );
    expect(v.verdict).toBe('invalid');
    expect(v.verifiedHeader).toBeUndefined();
  });
});

describe('the registry as it was when the gateway vouched (the receipt time)', () => {
  const rotated = () => {
    const entry = fx.authority.chainAt(CHAIN, NOW)!;
    const all3 = { ...entry, attestation: { threshold: 3, attesters: [1, 2, 3].map((i) => notary(i).did) } };
    return new AllianceAuthority(() => applyApproved(fx.state, { kind: 'update_chain', chain: all3 }, fixtureAdmins(fx), NOW + 1_000));
  };

  it('a chain the registry never admitted: chain_admitted unknown_chain at the receipt time; the notaries not known', async () => {
    const r: NotarizedRecord = { ...record, chainId: 'nowhere' };
    const v = await verify(await bundleOf(r, [notary(1), notary(2)]), fx.authority, NOW + 86_400_000);
    expect(check(v, 'chain_admitted')).toEqual({
      name: 'chain_admitted',
      outcome: 'failed',
      reason: 'unknown_chain',
      detail: `the alliance registry holds no chain nowhere at ${NOW_ISO}`,
    });
    expect(v.checks.filter((c) => c.name === 'header_quorum' || c.name === 'commit_signatures')).toEqual(
      notariesUnknown('earlier_check_failed'),
    );
    expect(failures(v)).toEqual({ chain_admitted: 'unknown_chain' });
    expect(v.verdict).toBe('invalid');
  });

  it('a chain removed before the receipt was signed: unknown_chain', async () => {
    const removed = new AllianceAuthority(() =>
      applyApproved(fx.state, { kind: 'remove_chain', chainId: CHAIN }, fixtureAdmins(fx), NOW - 1_000),
    );
    const v = await verify(await honest(), removed);
    expect(check(v, 'chain_admitted')).toMatchObject({
      reason: 'unknown_chain',
      detail: `the alliance registry holds no chain enterprise at ${NOW_ISO}`,
    });
  });

  it('notaries changed after the receipt: still judged by the set when the gateway vouched; a receipt after the change by the new set', async () => {
    const after = rotated();
    const before = await verify(await honest(), after, NOW + 60_000);
    expect(failures(before)).toEqual({});
    expect(check(before, 'chain_admitted').detail).toContain('2 of its 3 notaries vouch for a record');
    const late = await verify(await bundleOf(record, [notary(1), notary(2)], { nowMs: NOW + 2_000 }), after, NOW + 60_000);
    expect(failures(late)).toEqual({ header_quorum: 'notary_quorum_not_met' });
    expect(check(late, 'header_quorum').detail).toBe(
      "2 valid signatures of the chain's notaries over the record at version 4211, 3 needed",
    );
  });

  it('no receipt: the registry as of the verification time decides; receipt_binding missing_receipt', async () => {
    const b = wire({ ...(await honest()), receipt: null });
    const now = await verify(b);
    expect(check(now, 'chain_admitted')).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('2 of its 3 notaries') });
    expect(failures(now)).toEqual({ receipt_binding: 'missing_receipt' });
    const later = await verify(b, rotated(), NOW + 60_000);
    expect(check(later, 'chain_admitted').detail).toContain('3 of its 3 notaries vouch for a record');
    expect(failures(later)).toEqual({ header_quorum: 'notary_quorum_not_met', receipt_binding: 'missing_receipt' });
  });

  it('no registry: chain_admitted and the notaries skipped no_registry, indeterminate', async () => {
    const v = await verify(await honest(), 'none');
    expect(check(v, 'chain_admitted')).toEqual({
      name: 'chain_admitted',
      outcome: 'skipped',
      reason: 'no_registry',
      detail: 'no alliance registry was given: the chain and its notaries cannot be checked',
    });
    expect(v.checks.filter((c) => c.name === 'header_quorum' || c.name === 'commit_signatures')).toEqual(notariesUnknown('no_registry'));
    expect(failures(v)).toEqual({});
    expect(v.verdict).toBe('indeterminate');
    expect(v.verifiedHeader).toBeUndefined();
  });
});

describe('bundle_shape names what is missing or malformed; nothing else runs', () => {
  const malformed = (message: string) => [
    { name: 'bundle_shape', outcome: 'failed', reason: 'malformed', detail: `the bundle is incomplete or malformed: ${message}` },
    ...CheckNames.slice(1).map((name) => ({
      name,
      outcome: 'skipped',
      reason: 'earlier_check_failed',
      detail: 'not run: the bundle is malformed',
    })),
  ];

  it('no notary evidence under its trust basis', async () => {
    const v = await verify(wire({ ...(await honest()), notary: null }));
    expect(v.checks).toEqual(malformed('notary: missing (a notary bundle carries its version, time and notarizations there)'));
    expect(v.verdict).toBe('invalid');
    expect(v.verifiedHeader).toBeUndefined();
  });

  it('evm evidence, a signed header or a state proof beside the notary evidence, each alone', async () => {
    const b = await honest();
    const property = new ChainFixture('property', fixtureValidators(4));
    property.next({ stateRoot: stateWith({ 'title/1': 'x' }, 'title/1').root });
    const smuggled: Partial<MessageInput<'ProofBundle'>>[] = [
      { evm: { headerRlp: new Uint8Array([0xc0]), notarizations: [] } },
      { signedHeader: signedHeaderToWire(property.at(1).signedHeader) },
      { proof: stateWith({ 'title/1': 'x' }, 'title/1').proof },
    ];
    for (const extra of smuggled) {
      const v = await verify(wire({ ...b, ...extra } as WireBundle));
      expect(v.checks).toEqual(malformed('a notary bundle carries no header, state proof or evm evidence'));
    }
  });

  it('a version below 1, or not an exact integer: notary.version named', async () => {
    const b = await honest();
    expect((await verify(wire({ ...b, notary: { ...b.notary!, version: 0 } }))).checks).toEqual(
      malformed('notary.version: 0 is not a version >= 1'),
    );
    // Read from JSON rather than protobuf, a number can be beyond 2^53.
    expect((await verify({ ...b, notary: { ...b.notary!, version: 2 ** 53 } })).checks).toEqual(
      malformed('notary.version: 9007199254740992 is not a version >= 1'),
    );
  });

  it('a time that is not an exact integer: notary.time_ms named', async () => {
    const b = await honest();
    expect((await verify({ ...b, notary: { ...b.notary!, timeMs: 2 ** 53 } })).checks).toEqual(
      malformed('notary.time_ms: 9007199254740992 is out of range'),
    );
    // Only a bundle read from JSON can carry a negative time (the wire field is unsigned).
    expect((await verify({ ...b, notary: { ...b.notary!, timeMs: -1 } })).checks).toEqual(malformed('notary.time_ms: -1 is out of range'));
    // Time 0 is a time: the shape holds, and the notaries' signatures (over the real time) decide.
    expect((await verify({ ...b, notary: { ...b.notary!, timeMs: 0 } })).checks[0]).toMatchObject({
      name: 'bundle_shape',
      outcome: 'passed',
    });
  });

  it('no request', async () => {
    expect((await verify(wire({ ...(await honest()), request: null }))).checks).toEqual(malformed('request: missing'));
  });

  it('notary evidence under another trust basis', async () => {
    const v = await verify(wire({ ...(await honest()), trustBasis: 'TRUST_BASIS_HEADER_PROOF' }));
    expect(v.checks).toEqual(malformed("trust_basis: TRUST_BASIS_HEADER_PROOF, a notary bundle's is TRUST_BASIS_NOTARIZED_RECORD"));
  });
});

describe('header_binding: what the bundle claims agrees with the notarized record', () => {
  it('a request for another chain, even under a receipt over it: header_mismatch naming both chains', async () => {
    const b = await honest();
    const v = await verify(await receiptedAsIs({ ...b, request: { ...b.request!, chainId: 'other-registry' } }));
    expect(failures(v)).toEqual({ header_binding: 'header_mismatch' });
    expect(check(v, 'header_binding').detail).toBe('the request is for chain other-registry, the record is of enterprise');
  });

  it('a request for another record type, or another key: the answer is for another record', async () => {
    const b = await honest();
    for (const asked of [{ recordType: 'enterprise.permit' }, { key: 'license/other' }]) {
      const v = await verify(await receiptedAsIs({ ...b, request: { ...b.request!, ...asked } }));
      expect(failures(v)).toEqual({ header_binding: 'header_mismatch' });
      expect(check(v, 'header_binding').detail).toBe('the answer is for another record than asked');
    }
  });

  it('a state height or time other than notarized, and a version other than asked, each named', async () => {
    const b = await honest();
    const cases: [Partial<WireBundle>, string][] = [
      [{ stateHeight: 4_212 }, 'state_height 4212 is not the notarized version 4211'],
      [{ stateTimeMs: record.timeMs + 1 }, `state_time_ms ${record.timeMs + 1} is not the notarized time ${record.timeMs}`],
    ];
    for (const [bent, detail] of cases) {
      const v = await verify(await receiptedAsIs({ ...b, ...bent }));
      expect(failures(v)).toEqual({ header_binding: 'header_mismatch' });
      expect(check(v, 'header_binding').detail).toBe(detail);
    }
    const asked = await verify(await bundleOf(record, [notary(1), notary(2)], { askedVersion: 4_218 }));
    expect(failures(asked)).toEqual({ header_binding: 'header_mismatch' });
    expect(check(asked, 'header_binding').detail).toBe('asked at version 4218, answered at 4211');
  });
});

describe('notary signatures on the wire and equivocation verdicts', () => {
  it('a notary signature to its wire form and back is the same signature', () => {
    const s = notarize(notaries['notary-a']);
    const w = notarySignatureToWire(s);
    expect(w).toEqual({ notaryDid: 'did:alliance:notary-a', kid: 'did:alliance:notary-a#key-1', signature: s.signature });
    const back = notarySignatureFromWire(decodeMessage('NotarySignature', encodeMessage('NotarySignature', w)));
    expect(back).toEqual(s);
  });

  it('no evidence is a verdict of kind no_evidence, with its reason and message', async () => {
    const w = await notaryWorld();
    const a = notaries['notary-a'];
    const n = { block, signature: notarize(a) };
    expect(notaryEquivocation(n, n, w.authority)).toEqual({
      kind: 'no_evidence',
      reason: 'same_block',
      message: 'both name the same block at height 1024',
    });
  });
});

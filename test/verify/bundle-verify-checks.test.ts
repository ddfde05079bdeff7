/**
 * The offline verifier's first checks (bundle_shape, chain_admitted, validator_set_hash,
 * anchored_trace, header_quorum, commit_signatures, header_trusted) against what a motivated
 * outsider would try from the docs: a bundle with a part left out or contradicting itself, a chain
 * the registry does not admit (or admits as another kind, or only with a header proof), a
 * validator set that is not the one the header names or the caller pinned, a header signed by a
 * set of its own, a commit for another header, height or chain, a quorum of exactly 2/3, a
 * padded or forged signature beside a real quorum. Each check is asserted by name, outcome,
 * reason and the detail a person reads. Real signatures, real sparse Merkle proofs.
 */
import { describe, expect, it } from 'vitest';
import type { Commit } from '../../src/chain/commit.js';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { voteSigningInput } from '../../src/chain/vote.js';
import { signWith } from '../../src/crypto/signature-suite.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { proofFromWire, signedHeaderFromWire } from '../../src/verify/bundle-convert.js';
import {
  CheckNames,
  queryHeightOf,
  receiptSubjectOf,
  verdictOf,
  verifyBundle,
  verifyBundleBytes,
  type BundleCheck,
  type BundleVerification,
  type BundleVerifyOptions,
} from '../../src/verify/bundle-verify.js';
import { encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import { allianceFixture, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { forgedBlock, makeBundle, stateWith, type WireBundle } from '../helpers/bundle-maker.js';
import { blockOf, ChainFixture, FIXTURE_START_MS, fixtureValidators, forkOf, type FixtureValidator } from '../helpers/chain-fixture.js';
import { applyApproved, fixtureAdmins } from '../helpers/registry-next.js';

const CHAIN = 'property';
const TYPE = 'property.title';
const RECORDS = { 'title/1': '{"owner":"hash:ab12","area_m2":89.5}', 'title/2': '{"owner":"hash:cd34","area_m2":120}' };
const NOW = FIXTURE_START_MS + 3_600_000;
const { root: ROOT } = stateWith(RECORDS, 'title/1');

// Powers 2, 2, 2, 3 (total 9): the three 2s hold exactly 2/3, which is not more than 2/3.
const VALIDATORS = fixtureValidators(4, { power: (i) => (i === 3 ? 3 : 2) });
const [V1, V2, V3, V4] = VALIDATORS as [FixtureValidator, FixtureValidator, FixtureValidator, FixtureValidator];
const chain = new ChainFixture(CHAIN, VALIDATORS);
for (let h = 1; h <= 4; h++) chain.next({ stateRoot: ROOT });
const lb = (h: number): LightBlock => ({ signedHeader: chain.at(h).signedHeader, validatorSet: chain.at(h).validatorSet });
const H4 = chain.at(4).header;
const fx = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lb(1) } });
const gatewaySigner = (f: AllianceFixture) => nativeReceiptSigner(f.gateway.did, f.gateway.kid, f.privateKeys.get(f.gateway.did)!);

/** A bundle answering `key` from `block` (a proof of absence when RECORDS has no such key), traced from the anchor. */
function bundleOf(block: LightBlock = lb(4), key = 'title/1'): Promise<WireBundle> {
  return makeBundle({
    block,
    trace: [lb(1)],
    recordType: TYPE,
    key,
    value: RECORDS[key as keyof typeof RECORDS],
    proof: stateWith(RECORDS, key).proof,
    receiptSigner: gatewaySigner(fx),
    nowMs: NOW,
  });
}

/** Header 4 with `commit` in place of its own (the validator set stays the real one). */
const withCommit = (commit: Commit): LightBlock => ({ signedHeader: { header: H4, commit }, validatorSet: lb(4).validatorSet });
/** Header 4 signed by `signers`, in that order. */
const signedBy = (...signers: FixtureValidator[]): LightBlock => withCommit(blockOf(H4, VALIDATORS, signers).signedHeader.commit);

const verify = (b: WireBundle, o: Partial<BundleVerifyOptions> = {}): BundleVerification =>
  verifyBundle(b, { atMs: NOW, authority: fx.authority, ...o });
const check = (v: BundleVerification, name: string): BundleCheck => v.checks.find((c) => c.name === name)!;
const names = (v: BundleVerification) => v.checks.map((c) => c.name);
const notRun = (detail: string, from: number): BundleCheck[] =>
  CheckNames.slice(from).map((name) => ({ name, outcome: 'skipped', reason: 'earlier_check_failed', detail }));

describe('bundle_shape', () => {
  it('bytes that are not a ProofBundle: bundle_shape fails malformed_bundle and every other check is named as not run', () => {
    // Field 1 with wire type 7, which protobuf does not have.
    const v = verifyBundleBytes(Uint8Array.of(0x0f, 0x01), { atMs: NOW, authority: fx.authority });
    expect(v).toEqual({
      verdict: 'invalid',
      checkedAtMs: NOW,
      checks: [
        {
          name: 'bundle_shape',
          outcome: 'failed',
          reason: 'malformed_bundle',
          detail: expect.stringMatching(/^the bytes are not a ProofBundle: \S/),
        },
        ...notRun('not run: the bundle did not decode', 1),
      ],
    });
  });

  it('the bytes of an honest bundle decode and verify VALID, every check in its order', async () => {
    const b = await bundleOf();
    const v = verifyBundleBytes(encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>), { atMs: NOW, authority: fx.authority });
    expect(v.verdict).toBe('valid');
    expect(names(v)).toEqual([...CheckNames]);
    expect(v.checks.slice(0, 7)).toEqual([
      { name: 'bundle_shape', outcome: 'passed', reason: '', detail: 'every part of the bundle is present and well-formed' },
      {
        name: 'chain_admitted',
        outcome: 'passed',
        reason: '',
        detail: 'property (property chain) is admitted to the alliance, verified as bft-smt',
      },
      {
        name: 'validator_set_hash',
        outcome: 'passed',
        reason: '',
        detail: 'the included set of 4 validators is the one the header names',
      },
      {
        name: 'anchored_trace',
        outcome: 'passed',
        reason: '',
        detail: "the header traces back to the registry's anchor at height 1 through 1 step(s) and 0 validator-set change(s)",
      },
      {
        name: 'header_quorum',
        outcome: 'passed',
        reason: '',
        detail: 'validators holding 9 of 9 power signed header property@4; more than 6 needed',
      },
      { name: 'commit_signatures', outcome: 'passed', reason: '', detail: 'all 4 signatures in the commit verify' },
      {
        name: 'header_trusted',
        outcome: 'skipped',
        reason: 'offline',
        detail: 'no light client was asked: the anchored trace decides',
      },
    ]);
    expect(v.verifiedHeader).toEqual({ chainId: CHAIN, height: 4, headerHash: headerHash(H4), hashSuite: 'sha256' });
    expect(v.commit).toMatchObject({ signedPower: 9, totalPower: 9, ignored: [] });
  });

  it('an honest proof of absence verifies VALID (the bundle states an absence, not a record)', async () => {
    const v = verify(await bundleOf(lb(4), 'title/9'));
    expect(v.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(check(v, 'state_proof').detail).toContain('the key title/9 is absent');
    expect(v.verdict).toBe('valid');
  });

  // Each part left out (or contradicting itself): the field is named, nothing else runs.
  const cases: [string, (b: WireBundle) => WireBundle, string, string][] = [
    ['no signed header', (b) => ({ ...b, signedHeader: null }), 'missing_header', 'signed_header: missing'],
    ['no validator set', (b) => ({ ...b, validatorSet: null }), 'missing_validator_set', 'validator_set: missing'],
    [
      'a second trace entry without its signed header',
      (b) => ({ ...b, trace: [...b.trace, { ...b.trace[0]!, signedHeader: null }] }),
      'missing_header',
      'trace[1].signed_header: missing',
    ],
    ['no state proof under a header-proof trust basis', (b) => ({ ...b, proof: null }), 'missing_proof', 'proof: missing'],
    [
      'neither a record nor an absence',
      (b) => {
        const { result: _result, record: _record, ...rest } = b;
        return rest;
      },
      'malformed',
      'bundle: neither record nor absence is set',
    ],
    [
      'a result said to be a record that carries none',
      (b) => ({ ...b, result: 'record', record: null }),
      'malformed',
      'bundle: neither record nor absence is set',
    ],
    ['no request', (b) => ({ ...b, request: null }), 'malformed', 'request: missing'],
    // A bundle built by hand in JavaScript (not decoded) may leave the field undefined rather than null.
    ['a request left undefined', (b) => ({ ...b, request: undefined }) as unknown as WireBundle, 'malformed', 'request: missing'],
  ];
  it.each(cases)('%s: bundle_shape fails naming the part, every later check is not run', async (_what, edit, reason, message) => {
    const v = verify(edit(await bundleOf()));
    expect(v).toEqual({
      verdict: 'invalid',
      checkedAtMs: NOW,
      checks: [
        { name: 'bundle_shape', outcome: 'failed', reason, detail: `the bundle is incomplete or malformed: ${message}` },
        ...notRun('not run: the bundle is malformed', 1),
      ],
    });
  });

  it('an absence relabelled as a record (the absence still attached) is refused, not read as either', async () => {
    const b = await bundleOf(lb(4), 'title/9');
    expect(b.absence).not.toBeNull();
    const v = verify({ ...b, result: 'record' });
    expect(check(v, 'bundle_shape')).toEqual({
      name: 'bundle_shape',
      outcome: 'failed',
      reason: 'malformed',
      detail: 'the bundle is incomplete or malformed: bundle: neither record nor absence is set',
    });
    expect(v.verdict).toBe('invalid');
  });

  it('a record relabelled as an absence (the record still attached, no absence) is refused, not read as the record', async () => {
    const b = await bundleOf(lb(4), 'title/1');
    expect(b.record).not.toBeNull();
    const v = verify({ ...b, result: 'absence', absence: null });
    expect(check(v, 'bundle_shape')).toEqual({
      name: 'bundle_shape',
      outcome: 'failed',
      reason: 'malformed',
      detail: 'the bundle is incomplete or malformed: bundle: neither record nor absence is set',
    });
    expect(v.verdict).toBe('invalid');
  });
});

describe('chain_admitted', () => {
  it('no registry: chain_admitted and anchored_trace skip no_registry and the verdict is INDETERMINATE, never VALID', async () => {
    const v = verifyBundle(await bundleOf(), { atMs: NOW });
    expect(v.verdict).toBe('indeterminate');
    expect(check(v, 'chain_admitted')).toEqual({
      name: 'chain_admitted',
      outcome: 'skipped',
      reason: 'no_registry',
      detail: 'no alliance registry was given: the chain, its anchor and the signers cannot be checked',
    });
    expect(check(v, 'anchored_trace')).toEqual({
      name: 'anchored_trace',
      outcome: 'skipped',
      reason: 'no_registry',
      detail: 'not run: no registry entry for the chain',
    });
  });

  it('a chain the registry never admitted: unknown_chain, naming the chain and the time; the trace is not run', async () => {
    const other = allianceFixture({ chains: [CHAIN] });
    const v = verify(await bundleOf(), { authority: other.authority });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'chain_admitted')).toEqual({
      name: 'chain_admitted',
      outcome: 'failed',
      reason: 'unknown_chain',
      detail: `the alliance registry holds no chain property at ${new Date(NOW).toISOString()}`,
    });
    expect(check(v, 'anchored_trace')).toEqual({
      name: 'anchored_trace',
      outcome: 'skipped',
      reason: 'earlier_check_failed',
      detail: 'not run: no registry entry for the chain',
    });
  });

  /** The honest bundle re-labelled as vouched for by attestations alone, its state proof dropped. */
  const attestationsOnly = async (): Promise<WireBundle> => ({
    ...(await bundleOf()),
    trustBasis: 'TRUST_BASIS_ATTESTATIONS',
    proof: null,
  });

  it('a bft-smt chain answered by "attestations alone" (header proof dropped): trust_basis_not_allowed', async () => {
    const v = verify(await attestationsOnly());
    expect(v.verdict).toBe('invalid');
    // The shape holds without a proof under that basis: the chain's entry is what refuses it.
    expect(check(v, 'bundle_shape').outcome).toBe('passed');
    expect(check(v, 'chain_admitted')).toEqual({
      name: 'chain_admitted',
      outcome: 'failed',
      reason: 'trust_basis_not_allowed',
      detail: 'property is a bft-smt chain: its answers need a header proof, attestations alone do not do',
    });
    // The refusal replaces the chain_admitted entry; it adds none.
    expect(names(v)).toEqual([...CheckNames]);
    expect(check(v, 'state_proof').reason).toBe('attestations_only');
  });

  it('"attestations alone" for a chain the registry does not hold: unknown_chain (there is no entry to ask)', async () => {
    const other = allianceFixture({ chains: [CHAIN] });
    const v = verify(await attestationsOnly(), { authority: other.authority });
    expect(check(v, 'chain_admitted')).toMatchObject({ outcome: 'failed', reason: 'unknown_chain' });
    expect(names(v)).toEqual([...CheckNames]);
  });

  it('a bft-smt bundle for a chain the registry verifies as evm: unsupported_chain_kind', async () => {
    const base = allianceFixture({ chains: [CHAIN] });
    const entry = {
      ...fixtureChainEntry(CHAIN, lb(1)),
      kind: 'evm' as const,
      attestation: { threshold: 1, attesters: [FixtureDids.agency] },
      evmContract: new Uint8Array(20).fill(1),
    };
    const state = applyApproved(base.state, { kind: 'admit_chain', chain: entry }, fixtureAdmins(base), FIXTURE_START_MS);
    const v = verify(await bundleOf(), { authority: new AllianceAuthority(() => state) });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'chain_admitted')).toEqual({
      name: 'chain_admitted',
      outcome: 'failed',
      reason: 'unsupported_chain_kind',
      detail: 'property is verified as evm in the alliance registry; this bundle carries a bft-smt header proof',
    });
    expect(names(v)).toEqual([...CheckNames]);
  });
});

describe('validator_set_hash', () => {
  const notOne = 'not run: the validator set is not one to check the header against';

  it("the real header (its validators_hash) carried with the forger's own set: wrong_validator_set_hash, the quorum is not run", async () => {
    const forgers = fixtureValidators(3, { from: 900 });
    const { root } = stateWith({ 'title/1': 'mine' }, 'title/1');
    const b = await bundleOf(forgedBlock(H4, root, forgers, { keepValidatorsHash: true }));
    const v = verify(b);
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'validator_set_hash')).toEqual({
      name: 'validator_set_hash',
      outcome: 'failed',
      reason: 'wrong_validator_set_hash',
      detail: 'the included validator set is not the one the header names (its hash differs)',
    });
    // The header names the announced set, so the trace alone does not catch it: the set check does.
    expect(check(v, 'anchored_trace').outcome).toBe('passed');
    expect(v.checks.slice(4, 6)).toEqual([
      { name: 'header_quorum', outcome: 'skipped', reason: 'earlier_check_failed', detail: notOne },
      { name: 'commit_signatures', outcome: 'skipped', reason: 'earlier_check_failed', detail: notOne },
    ]);
    expect(v.verifiedHeader).toBeUndefined();
    expect(v.commit).toBeUndefined();
  });

  it('a set other than the ones the caller pinned for the chain: untrusted_validator_set', async () => {
    const b = await bundleOf();
    const real = toHex(validatorSetHash(lb(4).validatorSet));
    const v = verify(b, { pinnedValidatorSets: { [CHAIN]: ['00'.repeat(32)] } });
    expect(check(v, 'validator_set_hash')).toEqual({
      name: 'validator_set_hash',
      outcome: 'failed',
      reason: 'untrusted_validator_set',
      detail: `chain property: validator set ${real.slice(0, 16)}… is not one of the pinned sets`,
    });
    expect(check(v, 'header_quorum')).toMatchObject({ outcome: 'skipped', reason: 'earlier_check_failed', detail: notOne });
    expect(check(verify(b, { pinnedValidatorSets: { [CHAIN]: [real] } }), 'validator_set_hash').outcome).toBe('passed');
  });
});

describe('anchored_trace', () => {
  it("a header signed by a set of the forger's own (not the registry's anchored set): the quorum holds, the trace does not", async () => {
    const forgers = fixtureValidators(3, { from: 900 });
    const { root } = stateWith({ 'title/1': 'mine' }, 'title/1');
    const v = verify(await bundleOf(forgedBlock(H4, root, forgers)));
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'header_quorum')).toMatchObject({ outcome: 'passed' });
    expect(check(v, 'anchored_trace')).toEqual({
      name: 'anchored_trace',
      outcome: 'failed',
      reason: 'trace_gap',
      detail:
        'the header (property@4) is signed by a validator set that the trusted header 1 did not announce: the trace skips a validator-set change',
    });
  });
});

describe('header_quorum and commit_signatures', () => {
  const noQuorum = (signed: number) =>
    `the header is not signed by a quorum of its validators: commit for property@4: ${signed} of 9 power signed, more than 2/3 needed`;
  const notSigned = {
    name: 'commit_signatures',
    outcome: 'skipped',
    reason: 'earlier_check_failed',
    detail: 'not run: the commit does not sign this header',
  };

  it('signed by exactly 2/3 of the power (6 of 9): insufficient_power, the signatures are not judged', async () => {
    const v = verify(await bundleOf(signedBy(V1, V2, V3)));
    expect(v.verdict).toBe('invalid');
    expect(v.checks.slice(4, 6)).toEqual([
      { name: 'header_quorum', outcome: 'failed', reason: 'insufficient_power', detail: noQuorum(6) },
      notSigned,
    ]);
    expect(v.verifiedHeader).toBeUndefined();
    expect(v.commit).toBeUndefined();
  });

  it('one power unit more (7 of 9) is a quorum', async () => {
    const v = verify(await bundleOf(signedBy(V1, V2, V4)));
    expect(v.checks.slice(4, 6)).toEqual([
      {
        name: 'header_quorum',
        outcome: 'passed',
        reason: '',
        detail: 'validators holding 7 of 9 power signed header property@4; more than 6 needed',
      },
      { name: 'commit_signatures', outcome: 'passed', reason: '', detail: 'all 3 signatures in the commit verify' },
    ]);
    expect(v.verdict).toBe('valid');
  });

  it("2/3 padded with a second copy of one validator's signature: the copy counts for nothing", async () => {
    const commit = blockOf(H4, VALIDATORS, [V1, V2, V3, V1]).signedHeader.commit;
    const v = verify(await bundleOf(withCommit(commit)));
    expect(v.checks.slice(4, 6)).toEqual([
      { name: 'header_quorum', outcome: 'failed', reason: 'insufficient_power', detail: noQuorum(6) },
      notSigned,
    ]);
  });

  it('a commit for another header at the same height (a fork): commit_hash_mismatch', async () => {
    const fork = forkOf(chain.at(4), { stateRoot: new Uint8Array(32).fill(7) });
    const v = verify(await bundleOf(withCommit(fork.signedHeader.commit)));
    expect(v.checks.slice(4, 6)).toEqual([
      {
        name: 'header_quorum',
        outcome: 'failed',
        reason: 'commit_hash_mismatch',
        detail: 'the header is not signed by a quorum of its validators: commit is for another header than the one at height 4',
      },
      notSigned,
    ]);
  });

  it('the commit of another height: commit_height_mismatch', async () => {
    const v = verify(await bundleOf(withCommit(chain.at(3).signedHeader.commit)));
    expect(check(v, 'header_quorum')).toEqual({
      name: 'header_quorum',
      outcome: 'failed',
      reason: 'commit_height_mismatch',
      detail: 'the header is not signed by a quorum of its validators: commit is for height 3, header is at height 4',
    });
    expect(check(v, 'commit_signatures')).toEqual(notSigned);
  });

  it("every validator's vote for the same header hash on another chain id: no power counts", async () => {
    const hash = headerHash(H4);
    const commit: Commit = {
      height: 4,
      headerHash: hash,
      signatures: VALIDATORS.map((x) => ({
        validatorDid: x.did,
        signature: signWith('secp256k1', voteSigningInput('ip', 4, hash), x.privateKey),
      })),
    };
    const v = verify(await bundleOf(withCommit(commit)));
    expect(check(v, 'header_quorum')).toEqual({
      name: 'header_quorum',
      outcome: 'failed',
      reason: 'insufficient_power',
      detail: noQuorum(0),
    });
    expect(check(v, 'commit_signatures')).toEqual(notSigned);
  });

  // A real quorum with something more in the commit: the quorum holds, the extra is named and the bundle is invalid.
  const extras: [string, (c: Commit) => Commit, string, string][] = [
    [
      "validator-001's signature replaced by its vote for height 3",
      (c) => ({
        ...c,
        signatures: c.signatures.map((s, i) =>
          i === 0 ? { ...s, signature: chain.at(3).signedHeader.commit.signatures[0]!.signature } : s,
        ),
      }),
      'invalid_signature',
      V1.did,
    ],
    [
      "a second copy of validator-002's signature",
      (c) => ({ ...c, signatures: [...c.signatures, c.signatures[1]!] }),
      'duplicate_signer',
      V2.did,
    ],
    [
      'a signature of a validator outside the set',
      (c) => ({
        ...c,
        signatures: [...c.signatures, blockOf(H4, VALIDATORS, fixtureValidators(1, { from: 900 })).signedHeader.commit.signatures[0]!],
      }),
      'unknown_validator',
      'did:alliance:validator-900',
    ],
  ];
  it.each(extras)('%s: commit_signatures fails naming the signer', async (_what, edit, reason, did) => {
    const v = verify(await bundleOf(withCommit(edit(chain.at(4).signedHeader.commit))));
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'header_quorum')).toMatchObject({ outcome: 'passed' });
    expect(check(v, 'commit_signatures')).toEqual({
      name: 'commit_signatures',
      outcome: 'failed',
      reason,
      detail: `1 signature(s) in the commit do not count; the first, from ${did}: ${reason}`,
    });
  });
});

describe('header_trusted', () => {
  it('a light client that holds no header at that height: skipped height_not_trusted, the verdict stays VALID', async () => {
    const asked: [string, number][] = [];
    const v = verify(await bundleOf(), {
      trustedHeaderHash: (c, h) => {
        asked.push([c, h]);
        return undefined;
      },
    });
    expect(asked).toEqual([[CHAIN, 4]]);
    expect(check(v, 'header_trusted')).toEqual({
      name: 'header_trusted',
      outcome: 'skipped',
      reason: 'height_not_trusted',
      detail: 'the light client holds no header of property at 4: the anchored trace decides',
    });
    expect(v.verdict).toBe('valid');
  });

  it('a light client trusting another header at that height: header_conflicts_with_trusted; the same header: passed', async () => {
    const b = await bundleOf();
    const other = new Uint8Array(32).fill(1);
    expect(check(verify(b, { trustedHeaderHash: () => other }), 'header_trusted')).toEqual({
      name: 'header_trusted',
      outcome: 'failed',
      reason: 'header_conflicts_with_trusted',
      detail: `the light client trusts another header of property at 4 (${'01'.repeat(8)}…): this one is not on the chain it follows`,
    });
    expect(check(verify(b, { trustedHeaderHash: () => headerHash(H4) }), 'header_trusted')).toEqual({
      name: 'header_trusted',
      outcome: 'passed',
      reason: '',
      detail: 'the light client trusts this very header of property at 4',
    });
  });
});

describe('what the receipt commits to (receiptSubjectOf) and the verdict', () => {
  const subjectOf = (b: WireBundle) => receiptSubjectOf(b, signedHeaderFromWire(b.signedHeader).header, proofFromWire(b.proof));

  it('the query, the header and the result as the bundle states them', async () => {
    const b = await bundleOf();
    expect(subjectOf(b)).toMatchObject({
      query: { chainId: CHAIN, recordType: TYPE, key: 'title/1', height: 0 },
      header: { chainId: CHAIN, height: 4, hash: headerHash(H4) },
      result: { kind: 'record', value: Buffer.from(utf8(RECORDS['title/1'])) },
      trustBasis: 1,
    });
    expect(subjectOf(await bundleOf(lb(4), 'title/9')).result).toEqual({ kind: 'absence' });
  });

  it('the trust basis enters as its number (receipt.md): 1 header proof, 2 attestations, 3 both, 1 when unspecified', async () => {
    const b = await bundleOf();
    const basis = (trustBasis: WireBundle['trustBasis']) => subjectOf({ ...b, trustBasis }).trustBasis;
    expect(basis('TRUST_BASIS_HEADER_PROOF')).toBe(1);
    expect(basis('TRUST_BASIS_ATTESTATIONS')).toBe(2);
    expect(basis('TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS')).toBe(3);
    expect(basis('TRUST_BASIS_UNSPECIFIED')).toBe(1);
  });

  it('a trust basis relabelled after the gateway signed: the receipt names another answer', async () => {
    const v = verify({ ...(await bundleOf()), trustBasis: 'TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS' });
    expect(v.verdict).toBe('invalid');
    expect(check(v, 'receipt_binding')).toMatchObject({ outcome: 'failed', reason: 'receipt_digest_mismatch' });
  });

  it('queryHeightOf: the height asked for, 0 for latest or no query', () => {
    expect(queryHeightOf(undefined)).toBe(0);
    expect(queryHeightOf(null)).toBe(0);
    const q = (height: MessageOutput<'RecordQuery'>['height']): MessageOutput<'RecordQuery'> => ({
      chainId: CHAIN,
      recordType: TYPE,
      key: 'k',
      height,
    });
    expect(queryHeightOf(q(null))).toBe(0);
    expect(queryHeightOf(q({ height: 'latest', latest: {} }))).toBe(0);
    expect(queryHeightOf(q({ height: 'at', at: 7 }))).toBe(7);
  });

  it('verdictOf: any failure is invalid; only a skip for want of what decides leaves it indeterminate', () => {
    const c = (outcome: BundleCheck['outcome'], reason: string): BundleCheck => ({ name: 'chain_admitted', outcome, reason, detail: '' });
    expect(verdictOf([])).toBe('valid');
    expect(verdictOf([c('passed', ''), c('skipped', 'offline')])).toBe('valid');
    expect(verdictOf([c('passed', ''), c('skipped', 'no_registry')])).toBe('indeterminate');
    expect(verdictOf([c('skipped', 'signer_key_unknown')])).toBe('indeterminate');
    expect(verdictOf([c('skipped', 'no_record_layout')])).toBe('indeterminate');
    expect(verdictOf([c('skipped', 'no_registry'), c('failed', 'unknown_chain')])).toBe('invalid');
    // The reason of a check that did not skip does not open the verdict.
    expect(verdictOf([c('passed', 'no_registry')])).toBe('valid');
  });
});

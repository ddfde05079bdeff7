/**
 * The wire <-> core conversions of a bundle's parts (src/verify/bundle-convert.ts), field by field:
 * a part that is missing or a field that is not bytes is refused with the reason a verifier
 * reports and a message naming the field as the caller titled it (the default titles when none
 * is given), and a part that is well formed converts to exactly the core value it encodes. Also
 * the dispatch of a bundle to the verifier of its kind (src/verify/proof-bundle-verify.ts): the
 * evidence it carries or the trust basis it states picks the verifier, and bytes that do not
 * decode fail the shape check instead of throwing. Real signatures and real proofs throughout.
 */
import { describe, expect, it } from 'vitest';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { VerificationError } from '../../src/errors.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { checkProofShape, type SmtProof } from '../../src/proof/smt-proof.js';
import {
  headerFromWire,
  headerRefOf,
  proofFromWire,
  proofToWire,
  signedHeaderFromWire,
  traceBlockFromWire,
  traceBlockToWire,
  validatorSetFromWire,
} from '../../src/verify/bundle-convert.js';
import type { BundleVerification } from '../../src/verify/bundle-verify.js';
import { verifyProofBundle, verifyProofBundleBytes } from '../../src/verify/proof-bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../helpers/chain-fixture.js';
import { courtbridgeErrorOf, refusal } from '../helpers/refusal.js';

/** A real light block (height 2 of a four-validator chain) and its parts as a verifier reads them off the wire. */
function world() {
  const chain = new ChainFixture('property', fixtureValidators(4));
  chain.next();
  const b = chain.next();
  const lb: LightBlock = { signedHeader: b.signedHeader, validatorSet: b.validatorSet };
  const trace = decodeMessage('TraceBlock', encodeMessage('TraceBlock', traceBlockToWire(lb)));
  return { lb, trace, sh: trace.signedHeader!, header: trace.signedHeader!.header!, vs: trace.validatorSet! };
}

/** `v` with every Buffer (as decode returns bytes) a plain Uint8Array, to compare with core values. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** A hand-built wire value whose field is not what the types promise (as a JSON or JS caller could pass). */
const bent = <T>(v: unknown): T => v as T;

describe('headerFromWire', () => {
  it('a decoded header converts to the core header it encodes', () => {
    const { lb, header } = world();
    expect(plain(headerFromWire(header))).toEqual(lb.signedHeader.header);
  });

  it('missing (null or undefined): missing_header, titled "header" unless told', () => {
    expect(refusal(() => headerFromWire(null))).toEqual({ reason: 'missing_header', message: 'header: missing' });
    expect(refusal(() => headerFromWire(undefined))).toEqual({ reason: 'missing_header', message: 'header: missing' });
    expect(refusal(() => headerFromWire(undefined, 'anchor.header'))).toEqual({
      reason: 'missing_header',
      message: 'anchor.header: missing',
    });
  });

  it.each(['prevHash', 'stateRoot', 'txRoot', 'validatorsHash', 'nextValidatorsHash'] as const)(
    'a %s that is not bytes: malformed_header naming the field',
    (field) => {
      const { header } = world();
      const hex = Buffer.from(header[field]).toString('hex');
      expect(refusal(() => headerFromWire(bent({ ...header, [field]: hex })))).toEqual({
        reason: 'malformed_header',
        message: `header.${field}: expected bytes`,
      });
      expect(refusal(() => headerFromWire(bent({ ...header, [field]: undefined }), 'h'))).toEqual({
        reason: 'malformed_header',
        message: `h.${field}: expected bytes`,
      });
    },
  );
});

describe('signedHeaderFromWire', () => {
  it('a decoded signed header converts to the core header and commit it encodes', () => {
    const { lb, sh } = world();
    expect(plain(signedHeaderFromWire(sh))).toEqual(lb.signedHeader);
  });

  it('missing (null or undefined): missing_header, titled "signedHeader" unless told', () => {
    expect(refusal(() => signedHeaderFromWire(null))).toEqual({ reason: 'missing_header', message: 'signedHeader: missing' });
    expect(refusal(() => signedHeaderFromWire(undefined, 'signed_header'))).toEqual({
      reason: 'missing_header',
      message: 'signed_header: missing',
    });
  });

  it('no commit (null or undefined): missing_commit naming <title>.commit', () => {
    const { sh } = world();
    expect(refusal(() => signedHeaderFromWire({ ...sh, commit: null }))).toEqual({
      reason: 'missing_commit',
      message: 'signedHeader.commit: missing',
    });
    expect(refusal(() => signedHeaderFromWire(bent({ header: sh.header }), 'signed_header'))).toEqual({
      reason: 'missing_commit',
      message: 'signed_header.commit: missing',
    });
  });

  it('no header: missing_header naming <title>.header', () => {
    const { sh } = world();
    expect(refusal(() => signedHeaderFromWire({ ...sh, header: null }))).toEqual({
      reason: 'missing_header',
      message: 'signedHeader.header: missing',
    });
    expect(refusal(() => signedHeaderFromWire({ ...sh, header: null }, 'signed_header'))).toEqual({
      reason: 'missing_header',
      message: 'signed_header.header: missing',
    });
  });

  it('a header field that is not bytes is named under <title>.header', () => {
    const { sh } = world();
    const header = bent<MessageOutput<'Header'>>({ ...sh.header, stateRoot: null });
    expect(refusal(() => signedHeaderFromWire({ ...sh, header }, 'signed_header'))).toEqual({
      reason: 'malformed_header',
      message: 'signed_header.header.stateRoot: expected bytes',
    });
  });

  it('a commit header hash that is not bytes: malformed_commit naming <title>.commit.headerHash', () => {
    const { sh } = world();
    const commit = bent<MessageOutput<'Commit'>>({ ...sh.commit, headerHash: 'ab'.repeat(32) });
    expect(refusal(() => signedHeaderFromWire({ ...sh, commit }))).toEqual({
      reason: 'malformed_commit',
      message: 'signedHeader.commit.headerHash: expected bytes',
    });
  });

  it('a vote signature that is not bytes: malformed_commit naming its index', () => {
    const { sh } = world();
    const signatures = sh.commit!.signatures.map((s, i) => (i === 2 ? { ...s, signature: undefined } : s));
    expect(refusal(() => signedHeaderFromWire(bent({ ...sh, commit: { ...sh.commit, signatures } }), 'trusted_header'))).toEqual({
      reason: 'malformed_commit',
      message: 'trusted_header.commit.signatures[2]: expected bytes',
    });
  });
});

describe('validatorSetFromWire', () => {
  it('a decoded validator set converts to the core set it encodes', () => {
    const { lb, vs } = world();
    expect(plain(validatorSetFromWire(vs))).toEqual(lb.validatorSet);
  });

  it('missing (null or undefined): missing_validator_set, titled "validatorSet" unless told', () => {
    expect(refusal(() => validatorSetFromWire(null))).toEqual({ reason: 'missing_validator_set', message: 'validatorSet: missing' });
    expect(refusal(() => validatorSetFromWire(undefined))).toEqual({
      reason: 'missing_validator_set',
      message: 'validatorSet: missing',
    });
    expect(refusal(() => validatorSetFromWire(null, 'validator_set'))).toEqual({
      reason: 'missing_validator_set',
      message: 'validator_set: missing',
    });
  });

  it('a public key that is not bytes: malformed_validator_set naming the validator', () => {
    const { vs } = world();
    const validators = vs.validators.map((v, i) => (i === 1 ? { ...v, publicKey: Buffer.from(v.publicKey).toString('hex') } : v));
    expect(refusal(() => validatorSetFromWire(bent({ validators })))).toEqual({
      reason: 'malformed_validator_set',
      message: 'validatorSet.validators[1].publicKey: expected bytes',
    });
    expect(refusal(() => validatorSetFromWire(bent({ validators }), 'trace[0].validator_set'))).toEqual({
      reason: 'malformed_validator_set',
      message: 'trace[0].validator_set.validators[1].publicKey: expected bytes',
    });
  });

  it("the set's own refusals (here a DID twice) pass through with their reason", () => {
    const { vs } = world();
    const validators = [...vs.validators, { ...vs.validators[0]! }];
    expect(refusal(() => validatorSetFromWire({ validators }))).toEqual({
      reason: 'duplicate_validator_did',
      message: `validators[4].did: ${vs.validators[0]!.did} appears twice`,
    });
  });

  it('a set that is not a list of validators: malformed_validator_set naming the set, the cause kept', () => {
    const { vs } = world();
    const e = courtbridgeErrorOf(() => validatorSetFromWire(bent({ validators: [vs.validators[0], null] }), 'validator_set'));
    expect(e).toBeInstanceOf(VerificationError);
    expect(e.reason).toBe('malformed_validator_set');
    expect(e.message).toMatch(/^validator_set: \S/);
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`validator_set: ${(e.cause as Error).message}`);
  });
});

describe('proofFromWire and proofToWire', () => {
  const tree = SparseMerkleTree.fromEntries([
    { key: utf8('title/1'), value: utf8('a') },
    { key: utf8('title/2'), value: utf8('b') },
  ]);
  const member = tree.prove(utf8('title/1'));
  /** Keys whose path ends at an empty subtree (no leaf) and at another key's leaf (a leaf), found by trying. */
  const absences = Array.from({ length: 64 }, (_, i) => tree.prove(utf8(`never/${i}`)));
  const leafless = absences.find((p) => p.leaf === undefined)!;
  const onLeaf = absences.find((p) => p.leaf !== undefined)!;
  const decoded = (p: SmtProof) => decodeMessage('SmtProof', encodeMessage('SmtProof', proofToWire(p)));

  it('the fixtures hold each shape of proof', () => {
    expect(member).toMatchObject({ kind: 'member', leaf: expect.anything() });
    expect(leafless).toMatchObject({ kind: 'absent' });
    expect(onLeaf).toMatchObject({ kind: 'absent', leaf: expect.anything() });
  });

  it('each shape survives core -> wire -> bytes -> core unchanged', () => {
    for (const p of [member, leafless, onLeaf]) expect(plain(proofFromWire(decoded(p)))).toEqual(p);
  });

  it('a proof without a leaf goes on the wire without leaf fields, and comes back without a leaf', () => {
    const w = proofToWire(leafless);
    expect(w).toEqual({ kind: 'PROOF_KIND_ABSENT', siblings: [...leafless.siblings] });
    // The fields left unset (as encode's input has them) read as no leaf, not as a crash.
    expect(proofFromWire(bent(w))).toEqual(leafless);
    // Decoded, they are empty bytes: still no leaf.
    const d = decoded(leafless);
    expect([d.leafKeyHash.length, d.leafValueHash.length]).toEqual([0, 0]);
    expect(plain(proofFromWire(d))).toEqual({ kind: 'absent', siblings: leafless.siblings });
    expect('leaf' in proofFromWire(d)).toBe(false);
  });

  it('a leaf hash that is not bytes is refused by name, like a sibling, not dropped (one side or both)', () => {
    const d = decoded(onLeaf);
    for (const [field, wire] of [
      ['leaf_key_hash', 'leafKeyHash'],
      ['leaf_value_hash', 'leafValueHash'],
    ] as const) {
      expect(refusal(() => proofFromWire(bent({ ...d, [wire]: 'ab'.repeat(32) }), 'p'))).toEqual({
        reason: 'malformed_proof',
        message: `p.${field}: expected bytes`,
      });
    }
    // null, as a hand-built message may carry, is unset: no leaf.
    const unset = proofFromWire(bent({ ...decoded(leafless), leafKeyHash: null, leafValueHash: null }));
    expect('leaf' in unset).toBe(false);
  });

  it('a leaf with one hash empty is kept, so that the shape check refuses it instead of it vanishing', () => {
    const { keyHash, valueHash } = onLeaf.leaf!;
    const noKey = { ...decoded(onLeaf), leafKeyHash: Buffer.alloc(0) };
    const p1 = proofFromWire(noKey);
    expect(plain(p1.leaf)).toEqual({ keyHash: new Uint8Array(0), valueHash });
    expect(refusal(() => checkProofShape(p1))).toEqual({
      reason: 'malformed_proof',
      message: 'smt proof: proof.leaf.keyHash: expected 32 bytes',
    });
    const noValue = { ...decoded(onLeaf), leafValueHash: Buffer.alloc(0) };
    const p2 = proofFromWire(noValue);
    expect(plain(p2.leaf)).toEqual({ keyHash, valueHash: new Uint8Array(0) });
    expect(refusal(() => checkProofShape(p2))).toEqual({
      reason: 'malformed_proof',
      message: 'smt proof: proof.leaf.valueHash: expected 32 bytes',
    });
  });

  it('missing (null or undefined): missing_proof, titled "proof" unless told', () => {
    expect(refusal(() => proofFromWire(null))).toEqual({ reason: 'missing_proof', message: 'proof: missing' });
    expect(refusal(() => proofFromWire(undefined, 'judicial_proof.bundle.proof'))).toEqual({
      reason: 'missing_proof',
      message: 'judicial_proof.bundle.proof: missing',
    });
  });

  it('kind unspecified: unspecified_proof_kind naming <title>.kind', () => {
    const w = { ...decoded(member), kind: 'PROOF_KIND_UNSPECIFIED' as const };
    expect(refusal(() => proofFromWire(w))).toEqual({
      reason: 'unspecified_proof_kind',
      message: 'proof.kind: expected MEMBER or ABSENT',
    });
  });

  it('a sibling that is not bytes: malformed_proof naming its index', () => {
    const d = decoded(member);
    const siblings = d.siblings.map((s, i) => (i === 1 ? Buffer.from(s).toString('hex') : s));
    expect(refusal(() => proofFromWire(bent({ ...d, siblings }), 'proof'))).toEqual({
      reason: 'malformed_proof',
      message: 'proof.siblings[1]: expected bytes',
    });
  });
});

describe('traceBlockFromWire', () => {
  it('a decoded trace entry converts to the light block it encodes', () => {
    const { lb, trace } = world();
    expect(plain(traceBlockFromWire(trace, 'trace[0]'))).toEqual(lb);
  });

  it('a missing part is named under the entry title ("trace" unless told)', () => {
    const { trace } = world();
    expect(refusal(() => traceBlockFromWire({ ...trace, signedHeader: null }))).toEqual({
      reason: 'missing_header',
      message: 'trace.signed_header: missing',
    });
    expect(refusal(() => traceBlockFromWire({ ...trace, signedHeader: null }, 'trace[3]'))).toEqual({
      reason: 'missing_header',
      message: 'trace[3].signed_header: missing',
    });
    expect(refusal(() => traceBlockFromWire({ ...trace, validatorSet: null }, 'trace[3]'))).toEqual({
      reason: 'missing_validator_set',
      message: 'trace[3].validator_set: missing',
    });
  });
});

describe('headerRefOf', () => {
  it("names a block's header by chain, height and hash under the suite (SHA-256 unless told)", () => {
    const { lb } = world();
    const h = lb.signedHeader.header;
    expect(headerRefOf(lb)).toEqual({ chainId: 'property', height: 2, headerHash: headerHash(h, 'sha256') });
    expect(headerRefOf(lb, 'sm3')).toEqual({ chainId: 'property', height: 2, headerHash: headerHash(h, 'sm3') });
    expect(Buffer.from(headerHash(h, 'sm3')).equals(Buffer.from(headerHash(h, 'sha256')))).toBe(false);
  });

  it('hashes once per block and suite: the same frozen reference answers every query of the block', () => {
    const { lb } = world();
    const ref = headerRefOf(lb);
    expect(Object.isFrozen(ref)).toBe(true);
    expect(headerRefOf(lb, 'sha256')).toBe(ref);
    expect(headerRefOf(lb, 'sm3')).not.toBe(ref);
    expect(headerRefOf(lb, 'sm3')).toBe(headerRefOf(lb, 'sm3'));
  });
});

describe('proof-bundle-verify: the evidence carried or the trust basis stated picks the verifier', () => {
  const NOW = FIXTURE_START_MS + 3_600_000;
  /** A bundle with nothing set but a request and a record, and what the caller adds. */
  const bundle = (more: MessageInput<'ProofBundle'>): MessageOutput<'ProofBundle'> =>
    decodeMessage(
      'ProofBundle',
      encodeMessage('ProofBundle', {
        request: { chainId: 'c', recordType: 't', key: 'k', height: { latest: {} } },
        record: { chainId: 'c', recordType: 't', key: 'k', value: utf8('v') },
        ...more,
      }),
    );
  const shape = (v: BundleVerification) => v.checks.find((c) => c.name === 'bundle_shape')!;
  const shapeOf = async (b: MessageOutput<'ProofBundle'>) => shape(await verifyProofBundle(b, { atMs: NOW }));
  /** What each verifier says of a bundle that lacks its own evidence. */
  const BFT = 'the bundle is incomplete or malformed: signed_header: missing';
  const NOTARY_MISSING =
    'the bundle is incomplete or malformed: notary: missing (a notary bundle carries its version, time and notarizations there)';
  const EVM_MISSING = 'the bundle is incomplete or malformed: evm: missing (an evm bundle carries its header and state proof there)';

  it('neither evidence nor trust basis of another kind: the bft-smt verifier', async () => {
    expect(await shapeOf(bundle({ trustBasis: 'TRUST_BASIS_HEADER_PROOF' }))).toMatchObject({ outcome: 'failed', detail: BFT });
  });

  it('trust basis NOTARIZED_RECORD without notary evidence: the notary verifier, which names what is missing', async () => {
    expect(await shapeOf(bundle({ trustBasis: 'TRUST_BASIS_NOTARIZED_RECORD' }))).toMatchObject({
      outcome: 'failed',
      detail: NOTARY_MISSING,
    });
  });

  it('notary evidence under another trust basis: the notary verifier, which refuses the trust basis', async () => {
    const b = bundle({ trustBasis: 'TRUST_BASIS_HEADER_PROOF', notary: { version: 3, timeMs: NOW - 1_000, notarizations: [] } });
    expect(await shapeOf(b)).toMatchObject({
      outcome: 'failed',
      detail:
        "the bundle is incomplete or malformed: trust_basis: TRUST_BASIS_HEADER_PROOF, a notary bundle's is TRUST_BASIS_NOTARIZED_RECORD",
    });
  });

  it('trust basis NOTARIZED_STATE_PROOF without evm evidence: the evm verifier, which names what is missing', async () => {
    expect(await shapeOf(bundle({ trustBasis: 'TRUST_BASIS_NOTARIZED_STATE_PROOF' }))).toMatchObject({
      outcome: 'failed',
      detail: EVM_MISSING,
    });
  });

  it('evm evidence under another trust basis: the evm verifier (it reads the evidence, not a signed header)', async () => {
    const b = bundle({ trustBasis: 'TRUST_BASIS_HEADER_PROOF', evm: { headerRlp: new Uint8Array([0x01]) } });
    expect(await shapeOf(b)).toMatchObject({
      outcome: 'failed',
      detail: 'the bundle is incomplete or malformed: header_rlp: expected a list of 15 to 21 fields',
    });
  });

  it('bytes that are not a ProofBundle: bundle_shape malformed_bundle, every other check skipped', async () => {
    const v = await verifyProofBundleBytes(new Uint8Array([0xff, 0xff]), { atMs: NOW });
    expect(v.verdict).toBe('invalid');
    expect(shape(v)).toMatchObject({
      outcome: 'failed',
      reason: 'malformed_bundle',
      detail: expect.stringMatching(/^the bytes are not a ProofBundle: /),
    });
    expect(v.checks.slice(1).every((c) => c.outcome === 'skipped' && c.reason === 'earlier_check_failed')).toBe(true);
  });
});

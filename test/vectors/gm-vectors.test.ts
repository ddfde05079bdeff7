/**
 * test/vectors/gm.json (written by generate-gm.ts) recomputed: the published SM3 and SM2
 * examples through our code and sm-crypto-v2's; every courtbridge structure signed by an SM2 key
 * (layout, the SM2 and secp256k1 framings, e, the stored signature verifying, a fresh signature
 * by the named API verifying, and the structure's own verifier accepting it); then every invalid
 * case refused with its named reason by the verifier that meets it.
 */
import { readFileSync } from 'node:fs';
import { base58ToBytes } from 'did-jwt';
import { sm2, sm3 as libSm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';

import { checkEnvelope, type CheckOptions } from '../../src/bus/envelope-verify.js';
import {
  decodeEnvelope,
  encodeEnvelope,
  envelopeSignBytes,
  envelopeSigningInput,
  privateKeySigner,
  sealEnvelope,
} from '../../src/bus/envelope.js';
import { decodeCommit, verifyCommit, type Commit } from '../../src/chain/commit.js';
import { headerBytes, headerHash, type Header } from '../../src/chain/header.js';
import { decodeValidatorSet, encodeValidatorSet, newValidatorSet, validatorSetHash } from '../../src/chain/validator-set.js';
import { signVote, voteBytes, voteSigningInput } from '../../src/chain/vote.js';
import { sm3 } from '../../src/crypto/hash-suite.js';
import { sha256, signingInput, type SignTag } from '../../src/crypto/hash.js';
import { isValidPublicKey as isSecp256k1Point } from '../../src/crypto/secp256k1.js';
import {
  checkSignatureShape,
  checkSignatureShapeFor,
  pointOfKey,
  publicKeyFor,
  suiteOfKey,
  verify,
  type SignatureSuite,
} from '../../src/crypto/signature-suite.js';
import { SM2_N, sm2PublicKeyOf, sm2Verify } from '../../src/crypto/sm2.js';
import { bytesToBig, concatBytes, fromBase64url, fromHex, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import type { Authority } from '../../src/identity/authority.js';
import { didKeyKid, didKeyOf, publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { inspectJwt } from '../../src/identity/jwt-inspect.js';
import { verifyJwtFast } from '../../src/identity/jwt-verify-fast.js';
import { JWT_ALGS, jwtParts, signJwtNative } from '../../src/identity/jwt.js';
import { applyRegistryUpdate, keyAtInState, registryStateFromGenesis } from '../../src/identity/registry.js';
import { registryUpdateDigest, registryUpdateFromJson, registryUpdateSignBytes } from '../../src/identity/registry-update.js';
import { createSigner } from '../../src/identity/signer.js';
import { allAuditPaths, leafHash, verifyAuditPath } from '../../src/proof/binary-merkle.js';
import { attestationLayout, verifyAttestations, type AttestedResult } from '../../src/verify/attestations.js';
import { batchRootSigningInput, receiptDigest, receiptLayout } from '../../src/verify/receipt-layout.js';
import {
  auditEntrySignBytes,
  decodeAuditRecord,
  encodeAuditRecord,
  GENESIS_PREV_HASH,
  signAuditEntry,
} from '../../src/workflows/audit-log.js';
import { reasonOf } from '../helpers/reason-of.js';
import { courtbridgeErrorOf } from '../helpers/refusal.js';
import { buildVectors, GM_JSON, NOW, storedSignatures, vectorKey } from './generate-gm.js';
import { subjectFromJson } from './generate-receipt.js';

type GmFile = ReturnType<typeof buildVectors>;
const file = JSON.parse(readFileSync(GM_JSON, 'utf8')) as GmFile;
const { alliance, invalid } = file;

const keyOf = (index: number): Uint8Array => fromHex(file.keys.find((k) => k.index === index)!.publicKeyHex);
const authority = new AllianceAuthority(() => registryStateFromGenesis(loadGenesis(utf8(alliance.genesis), alliance.genesisHashHex)));

interface SignedVector {
  keyIndex: number;
  publicKeyHex: string;
  tag: string;
  layoutHex: string;
  signingInputSm2Hex: string;
  eHex: string;
  signatureHex: string;
  signingInputSecp256k1Hex: string;
}

/** What every SM2-signed structure must satisfy, whatever it is. */
function checkSigned(v: SignedVector): void {
  const key = fromHex(v.publicKeyHex);
  expect(toHex(key)).toBe(toHex(keyOf(v.keyIndex)));
  expect(suiteOfKey(key)).toBe('sm2');
  const layout = fromHex(v.layoutHex);
  const input = signingInput(v.tag as SignTag, layout);
  // The framing, by the library and by hand: utf8(tag) || 0x00 || H(layout), H by the key's suite.
  expect(toHex(input.bytes('sm2'))).toBe(v.signingInputSm2Hex);
  expect(toHex(concatBytes(utf8(v.tag), Uint8Array.of(0), sm3(layout)))).toBe(v.signingInputSm2Hex);
  expect(toHex(input.bytes('secp256k1'))).toBe(v.signingInputSecp256k1Hex);
  expect(toHex(concatBytes(utf8(v.tag), Uint8Array.of(0), sha256(layout)))).toBe(v.signingInputSecp256k1Hex);
  // e = SM3(Z_A || M): node:crypto's SM3 over sm-crypto-v2's Z_A, and sm-crypto-v2's own e.
  const m = fromHex(v.signingInputSm2Hex);
  expect(toHex(sm3(concatBytes(sm2.getZ(toHex(pointOfKey(key))), m)))).toBe(v.eHex);
  expect(sm2.getHash(m, toHex(pointOfKey(key)))).toBe(v.eHex);
  // The stored signature verifies over the SM2 framing only.
  const sig = fromHex(v.signatureHex);
  expect(checkSignatureShapeFor('sm2', sig)).toBe('ok');
  expect(verify(sig, input, key)).toBe(true);
  expect(sm2Verify(sig, m, pointOfKey(key))).toBe(true);
  expect(verify(sig, input.bytes('secp256k1'), key)).toBe(false);
}

const checkOptions = (auth: Authority): CheckOptions => ({ authority: auth, nowMs: NOW + 1000, maxAgeMs: 60_000, maxFutureSkewMs: 5_000 });

describe('GM vectors (test/vectors/gm.json)', () => {
  it('the file is exactly what the generator makes from its inputs, keeping its stored signatures', () => {
    expect(buildVectors(storedSignatures(file))).toEqual(file);
  });

  describe('published examples', () => {
    for (const v of file.published.sm3) {
      it(`SM3 ${v.source}`, () => {
        expect(toHex(sm3(utf8(v.messageUtf8)))).toBe(v.digestHex);
        expect(libSm3(v.messageUtf8)).toBe(v.digestHex);
      });
    }

    const p = file.published.sm2;
    const uncompressed = `04${p.publicKeyXHex}${p.publicKeyYHex}`;

    it('SM2: the public key of d, in our compressed and 35-byte forms', () => {
      const d = fromHex(p.privateKeyHex);
      expect(toHex(sm2PublicKeyOf(d))).toBe(`03${p.publicKeyXHex}`); // y is odd
      expect(p.publicKeyCompressedHex).toBe(`03${p.publicKeyXHex}`);
      expect(toHex(publicKeyFor('sm2', d))).toBe(p.publicKeyHex);
      expect(sm2.getPublicKeyFromPrivateKey(p.privateKeyHex)).toBe(uncompressed);
    });

    it('SM2: Z_A and e by sm-crypto-v2 (and e again with node:crypto SM3)', () => {
      expect(p.userId).toBe(file.sm2.defaultUserId);
      expect(toHex(sm2.getZ(uncompressed, p.userId))).toBe(p.zaHex);
      expect(toHex(sm2.getZ(p.publicKeyCompressedHex, p.userId))).toBe(p.zaHex);
      expect(sm2.getHash(utf8(p.messageUtf8), uncompressed, p.userId)).toBe(p.eHex);
      expect(toHex(sm3(concatBytes(fromHex(p.zaHex), utf8(p.messageUtf8))))).toBe(p.eHex);
    });

    it('SM2: our verifier accepts (r, s) over "message digest", and nothing else', () => {
      const sig = fromHex(p.rHex + p.sHex);
      expect(p.signatureHex).toBe(p.rHex + p.sHex);
      expect(sm2Verify(sig, utf8(p.messageUtf8), fromHex(p.publicKeyCompressedHex))).toBe(true);
      expect(verify(sig, utf8(p.messageUtf8), fromHex(p.publicKeyHex))).toBe(true);
      expect(sm2Verify(sig, utf8('message digesT'), fromHex(p.publicKeyCompressedHex))).toBe(false);
    });

    it('SM2: signing with the published nonce k reproduces (r, s) exactly', () => {
      // x1 = x(k·G) from the library's own scalar multiplication (its public key of k).
      const kG = sm2.getPublicKeyFromPrivateKey(p.kHex);
      const x1 = BigInt(`0x${kG.slice(2, 66)}`);
      const sig = sm2.doSignature(utf8(p.messageUtf8), p.privateKeyHex, {
        hash: true,
        publicKey: uncompressed,
        userId: p.userId,
        pointPool: [{ k: BigInt(`0x${p.kHex}`), x1 }],
      });
      expect(sig).toBe(p.rHex + p.sHex);
    });
  });

  it('keys: private key N = sha256("courtbridge vector key N"), SM2 ones in [1, n − 2], 35-byte keys with their Z_A', () => {
    expect(file.sm2.nHex).toBe(SM2_N.toString(16));
    for (const k of file.keys) {
      const sk = vectorKey(k.index);
      expect(k.privateKeyHex).toBe(toHex(sk));
      expect(toHex(publicKeyFor(k.suite as SignatureSuite, sk))).toBe(k.publicKeyHex);
      expect(k.kid).toBe(`${k.did}#key-1`);
      if (k.suite === 'sm2') {
        const d = bytesToBig(sk);
        expect(d >= 1n && d <= SM2_N - 2n).toBe(true);
        expect(k.publicKeyHex).toMatch(/^8624(02|03)[0-9a-f]{64}$/);
        expect(k.zaHex).toBe(toHex(sm2.getZ(k.publicKeyHex.slice(4))));
      } else {
        expect(k.publicKeyHex).toMatch(/^(02|03)[0-9a-f]{64}$/);
        expect('zaHex' in k).toBe(false);
      }
    }
  });

  describe('courtbridge structures signed by SM2 keys', () => {
    it('envelope: layout, framings, wire; privateKeySigner(…, "sm2") seals the same bytes; the receiver accepts it', () => {
      const v = alliance.envelope;
      checkSigned(v);
      const sk = vectorKey(v.keyIndex);
      const unsigned = { senderDid: v.did, kid: v.kid, type: v.type, msgId: v.msgId, timestampMs: v.timestampMs, body: utf8(v.bodyUtf8) };
      expect(toHex(envelopeSignBytes(unsigned))).toBe(v.layoutHex);
      expect(envelopeSigningInput(unsigned).tag).toBe(v.tag);
      const env = decodeEnvelope(fromHex(v.wireHex));
      expect(toHex(env.signature)).toBe(v.signatureHex);
      expect(toHex(encodeEnvelope(env))).toBe(v.wireHex);
      const fresh = sealEnvelope(privateKeySigner(v.did, v.kid, sk, 'sm2'), v.type, utf8(v.bodyUtf8), v.timestampMs, v.msgId);
      expect(toHex(envelopeSignBytes(fresh))).toBe(v.layoutHex);
      expect(verify(fresh.signature, envelopeSigningInput(fresh), fromHex(v.publicKeyHex))).toBe(true);
      expect(checkEnvelope(fromHex(v.wireHex), checkOptions(authority)).kind).toBe('accepted');
      expect(checkEnvelope(encodeEnvelope(fresh), checkOptions(authority)).kind).toBe('accepted');
    });

    it('validator set of SM2 keys: encoding (35-byte keys) and hash', () => {
      const v = alliance.validatorSet;
      const set = newValidatorSet(v.validators.map((x) => ({ did: x.did, publicKey: fromHex(x.publicKeyHex), power: x.power })));
      expect(toHex(encodeValidatorSet(set))).toBe(v.encodingHex);
      expect(toHex(validatorSetHash(set))).toBe(v.hashHex);
      expect(toHex(sha256(fromHex(v.encodingHex)))).toBe(v.hashHex);
      const decoded = decodeValidatorSet(fromHex(v.encodingHex));
      expect(decoded.validators.map((x) => [x.did, toHex(x.publicKey), x.power])).toEqual(
        v.validators.map((x) => [x.did, x.publicKeyHex, x.power]),
      );
      for (const x of v.validators) expect(suiteOfKey(fromHex(x.publicKeyHex))).toBe('sm2');
    });

    it('header votes: header and vote bytes; each SM2 vote; signVote(…, "sm2"); the commit counts all three', () => {
      const v = alliance.headerVote;
      const header = decodeHeaderJson(v.header);
      expect(v.header.validatorsHashHex).toBe(alliance.validatorSet.hashHex);
      expect(toHex(headerBytes(header))).toBe(v.headerBytesHex);
      expect(toHex(headerHash(header))).toBe(v.headerHashHex);
      expect(toHex(voteBytes(header.chainId, header.height, headerHash(header)))).toBe(v.voteBytesHex);
      const input = voteSigningInput(header.chainId, header.height, headerHash(header));
      for (const vote of v.votes) {
        checkSigned(vote);
        expect(vote.layoutHex).toBe(v.voteBytesHex);
        expect(toHex(input.bytes('sm2'))).toBe(vote.signingInputSm2Hex);
        expect(verify(signVote(header, vectorKey(vote.keyIndex), 'sha256', 'sm2'), input, fromHex(vote.publicKeyHex))).toBe(true);
      }
      const set = decodeValidatorSet(fromHex(alliance.validatorSet.encodingHex));
      const ev = verifyCommit(header, decodeCommit(fromHex(v.commitHex)), set, { stop: 'verify_all' });
      expect(ev.counted).toEqual(v.votes.map((x) => x.did));
      expect(ev.signedPower).toBe(60);
      expect(ev.ignored).toEqual([]);
    });

    it('registry update: an SM2 admin approves registering an SM2 key; the registry applies it', () => {
      const v = alliance.registryUpdate;
      checkSigned(v);
      const update = registryUpdateFromJson(v.update);
      expect(toHex(registryUpdateSignBytes(update))).toBe(v.layoutHex);
      expect(toHex(registryUpdateDigest(update))).toBe(v.digestHex);
      expect(toHex(update.prevStateHash)).toBe(alliance.genesisHashHex);
      expect(update.approvals).toEqual([{ adminDid: v.did, kid: v.kid, signature: fromHex(v.signatureHex) }]);
      const state0 = registryStateFromGenesis(loadGenesis(utf8(alliance.genesis), alliance.genesisHashHex));
      const applied = applyRegistryUpdate(state0, update, NOW);
      expect(applied.approvedBy).toEqual([v.did]);
      expect(toHex(applied.state.stateHash)).toBe(v.stateHashAfterHex);
      const op = update.op as Extract<typeof update.op, { kind: 'register_member' }>;
      const key = keyAtInState(applied.state, op.did, `${op.did}#key-1`, NOW);
      expect(key.ok && toHex(key.publicKey)).toBe(toHex(keyOf(9)));
    });

    it('JWT: alg SM2SM3 over the ASCII signing input; the stored token and a fresh one verify', () => {
      const v = alliance.jwt;
      const signer = createSigner(v.did, v.kid, vectorKey(v.keyIndex), 'sm2');
      const { header, payload } = jwtParts(signer, v.params);
      expect(header).toEqual(v.header);
      expect(header.alg).toBe(JWT_ALGS.sm2);
      expect(payload).toEqual(v.payload);
      const [h, pl, s] = v.token.split('.') as [string, string, string];
      expect(`${h}.${pl}`).toBe(v.signingInput);
      expect(h).toBe(toBase64url(utf8(JSON.stringify(v.header))));
      expect(pl).toBe(toBase64url(utf8(JSON.stringify(v.payload))));
      expect(toHex(fromBase64url(s))).toBe(v.signatureHex);
      const key = fromHex(v.publicKeyHex);
      expect(sm2.getHash(utf8(v.signingInput), toHex(pointOfKey(key)))).toBe(v.eHex);
      expect(verify(fromHex(v.signatureHex), utf8(v.signingInput), key)).toBe(true);
      const opts = { audience: v.params.audience, purpose: v.params.purpose, nowMs: NOW + 1000, authority };
      expect(verifyJwtFast(v.token, opts)).toMatchObject({ issuer: v.did, kid: v.kid });
      const fresh = signJwtNative(signer, v.params);
      expect(fresh.split('.').slice(0, 2).join('.')).toBe(v.signingInput);
      expect(verifyJwtFast(fresh, opts).issuer).toBe(v.did);
    });

    it('receipt batch: SM3 receipt digests, the RFC 6962 batch, the SM2 root signature', () => {
      const v = alliance.receiptBatch;
      checkSigned(v);
      for (const r of v.receipts) {
        const s = subjectFromJson(r.subject);
        const layout = receiptLayout(s);
        expect(toHex(layout)).toBe(r.layoutHex);
        expect(toHex(receiptDigest(s, 'sm2'))).toBe(r.digestSm2Hex);
        expect(toHex(sm3(signingInput('courtbridge/v1/receipt', layout).bytes('sm2')))).toBe(r.digestSm2Hex);
        expect(toHex(receiptDigest(s, 'secp256k1'))).toBe(r.digestSecp256k1Hex);
        expect(toHex(leafHash(fromHex(r.digestSm2Hex)))).toBe(r.leafHashHex);
      }
      const leaves = v.receipts.map((r) => fromHex(r.leafHashHex));
      const { root, paths } = allAuditPaths(leaves);
      expect(toHex(root)).toBe(v.rootHex);
      paths.forEach((p, i) => {
        expect(p.map(toHex)).toEqual(v.paths[i]!.pathHex);
        verifyAuditPath(leaves[i]!, i, leaves.length, p, root);
      });
      const input = batchRootSigningInput(root, v.leafCount, v.signedAtMs);
      expect(toHex(input.data)).toBe(v.layoutHex);
      expect(toHex(input.bytes('sm2'))).toBe(v.signingInputSm2Hex);
    });

    it("attestation: layout and the SM2 agency's signature, counted by verifyAttestations", () => {
      const v = alliance.attestation;
      checkSigned(v);
      const r: AttestedResult = {
        chainId: v.subject.chainId,
        recordType: v.subject.recordType,
        key: v.subject.key,
        result: { kind: 'record', value: utf8(v.subject.valueUtf8) },
      };
      expect(toHex(attestationLayout(r))).toBe(v.layoutHex);
      const verdict = verifyAttestations(
        r,
        [{ attesterDid: v.did, kid: v.kid, signature: fromHex(v.signatureHex) }],
        { threshold: 1, attesters: [v.did] },
        authority,
        NOW,
      );
      expect(verdict).toMatchObject({ kind: 'met', counted: [v.did], ignored: [] });
    });

    it('audit entry: sign bytes, stored bytes and entry hash; signAuditEntry with an SM2 signer', () => {
      const v = alliance.auditEntry;
      checkSigned(v);
      const stored = fromHex(v.storedHex);
      const e = decodeAuditRecord(stored);
      expect(toHex(e.signature)).toBe(v.signatureHex);
      expect(e.body).toMatchObject({ caseId: v.caseId, sequence: v.sequence, atMs: v.atMs, actorDid: v.did, kid: v.kid, event: v.event });
      expect(toHex(e.body.prevHash)).toBe(v.prevHashHex);
      expect(toHex(auditEntrySignBytes(e.body))).toBe(v.layoutHex);
      expect(toHex(encodeAuditRecord(e))).toBe(v.storedHex);
      expect(toHex(sha256(stored))).toBe(v.entryHashHex);
      expect(toHex(e.entryHash)).toBe(v.entryHashHex);
      const fresh = signAuditEntry(createSigner(v.did, v.kid, vectorKey(v.keyIndex), 'sm2'), {
        caseId: v.caseId,
        sequence: v.sequence,
        atMs: v.atMs,
        event: v.event,
        actionId: v.actionId,
        detail: v.detail,
        refs: v.refs,
        prevHash: GENESIS_PREV_HASH,
      });
      expect(toHex(auditEntrySignBytes(fresh.body))).toBe(v.layoutHex);
      expect(verify(fresh.signature, signingInput(v.tag as SignTag, auditEntrySignBytes(fresh.body)), fromHex(v.publicKeyHex))).toBe(true);
    });

    it('did:key of an SM2 key: multicodec sm2-pub (0x86 0x24) || point, base58btc', () => {
      const v = alliance.didKey;
      const key = fromHex(v.publicKeyHex);
      expect(didKeyOf(key)).toBe(v.did);
      expect(didKeyKid(v.did)).toBe(v.kid);
      expect(toHex(base58ToBytes(v.did.slice('did:key:z'.length)))).toBe(v.multicodecHex);
      expect(v.multicodecHex.startsWith(file.sm2.keyPrefixHex)).toBe(true);
      expect(toHex(publicKeyOfDidKey(v.did)!)).toBe(v.publicKeyHex);
      const k = authority.keyAt(v.did, v.kid, NOW);
      expect(k.ok && toHex(k.publicKey)).toBe(v.publicKeyHex);
    });
  });

  describe('invalid cases, each refused with its reason', () => {
    const vote = alliance.headerVote;
    const header = (): Header => decodeHeaderJson(vote.header);

    it('the range cases are built from a real vote signature', () => {
      expect(invalid.signatureRange.basedOnSignatureHex).toBe(vote.votes[0]!.signatureHex);
      expect(invalid.signatureRange.cases).toHaveLength(5);
    });

    for (const c of invalid.signatureRange.cases) {
      it(`SM2 signature with ${c.name}: ${c.shape}, ${c.reason}`, () => {
        const sig = fromHex(c.signatureHex);
        const key = fromHex(vote.votes[0]!.publicKeyHex);
        expect(sig).toHaveLength(64);
        expect(checkSignatureShapeFor('sm2', sig)).toBe(c.shape);
        expect(checkSignatureShape(sig, key)).toBe(c.shape);
        expect(verify(sig, voteSigningInput(vote.header.chainId, vote.header.height, fromHex(vote.headerHashHex)), key)).toBe(false);
        // The commit tally names it (the other two votes still carry the header: 50 of 60).
        const commit: Commit = decodeCommit(fromHex(vote.commitHex));
        commit.signatures[0] = { validatorDid: commit.signatures[0]!.validatorDid, signature: sig };
        const set = decodeValidatorSet(fromHex(alliance.validatorSet.encodingHex));
        const ev = verifyCommit(header(), commit, set, { stop: 'verify_all' });
        expect(ev.ignored).toEqual([{ did: vote.votes[0]!.did, reason: c.reason }]);
        // So do the JWT inspection and the registry's approval count.
        const [h, p] = alliance.jwt.token.split('.');
        const opts = { audience: alliance.jwt.params.audience, purpose: alliance.jwt.params.purpose, nowMs: NOW, authority };
        expect(reasonOf(() => verifyJwtFast(`${h}.${p}.${toBase64url(sig)}`, opts))).toBe(c.reason);
        const update = registryUpdateFromJson(alliance.registryUpdate.update);
        update.approvals = [{ ...update.approvals[0]!, signature: sig }];
        const state0 = registryStateFromGenesis(loadGenesis(utf8(alliance.genesis), alliance.genesisHashHex));
        const err = courtbridgeErrorOf(() => applyRegistryUpdate(state0, update, NOW));
        expect(err.reason).toBe('quorum_not_met');
        expect(err.details[`discarded:${alliance.registryUpdate.did}`]).toBe(c.reason);
      });
    }

    for (const c of invalid.jwtAlgKeyMismatch) {
      it(`JWT: ${c.name} → ${c.reason}`, () => {
        const key = keyOf(c.keyIndex);
        const [h, p, s] = c.token.split('.') as [string, string, string];
        expect(`${h}.${p}`).toBe(c.signingInput);
        expect(JSON.parse(Buffer.from(h, 'base64url').toString('utf8'))).toEqual({ alg: c.alg, typ: 'JWT', kid: c.kid });
        expect(toHex(fromBase64url(s))).toBe(c.signatureHex);
        // A genuine signature of the kid's key: only the alg lies about its suite.
        expect(verify(fromHex(c.signatureHex), utf8(c.signingInput), key)).toBe(true);
        expect(suiteOfKey(key)).not.toBe(c.alg === JWT_ALGS.sm2 ? 'sm2' : 'secp256k1');
        const opts = { audience: c.audience, purpose: 'order' as const, nowMs: NOW, authority };
        expect(reasonOf(() => inspectJwt(c.token, opts))).toBe(c.reason);
        expect(reasonOf(() => verifyJwtFast(c.token, opts))).toBe(c.reason);
      });
    }

    it(`${invalid.suiteConfusion.name}: does not verify (${invalid.suiteConfusion.reason})`, () => {
      const c = invalid.suiteConfusion;
      const sm2Key = keyOf(c.keyIndex);
      const claimed = fromHex(c.claimedSecp256k1KeyHex);
      expect(toHex(pointOfKey(sm2Key))).toBe(c.claimedSecp256k1KeyHex);
      expect(suiteOfKey(claimed)).toBe('secp256k1');
      expect(isSecp256k1Point(claimed)).toBe(c.pointIsOnSecp256k1);
      const env = decodeEnvelope(fromHex(alliance.envelope.wireHex));
      expect(toHex(env.signature)).toBe(c.signatureHex);
      const input = envelopeSigningInput(env);
      expect(toHex(input.bytes('secp256k1'))).toBe(c.signingInputSecp256k1Hex);
      expect(verify(env.signature, input, sm2Key)).toBe(true);
      expect(verify(env.signature, input, claimed)).toBe(c.verifies);
      // A registry that holds the point as a secp256k1 key: the receiver drops the envelope.
      const claiming: Authority = {
        keyAt: (did, kid) => ({ ok: true, did, kid, publicKey: claimed }),
        mayAct: () => ({ ok: true }),
      };
      const r = checkEnvelope(fromHex(alliance.envelope.wireHex), checkOptions(claiming));
      expect(r.kind === 'dropped' && r.drop.reason).toBe(c.reason);
    });

    it(`${invalid.framing.name}: does not verify under the SM2 framing (${invalid.framing.reason})`, () => {
      const c = invalid.framing;
      const key = fromHex(c.publicKeyHex);
      const sig = fromHex(c.signatureHex);
      const env = decodeEnvelope(fromHex(alliance.envelope.wireHex));
      const input = envelopeSigningInput(env);
      expect(c.signedBytesHex).toBe(toHex(input.bytes('secp256k1')));
      expect(verify(sig, fromHex(c.signedBytesHex), key)).toBe(c.verifiesOverSignedBytes);
      expect(verify(sig, input, key)).toBe(c.verifiesUnderSm2Framing);
      const r = checkEnvelope(encodeEnvelope({ ...env, signature: sig }), checkOptions(authority));
      expect(r.kind === 'dropped' && r.drop.reason).toBe(c.reason);
    });
  });
});

function decodeHeaderJson(hj: GmFile['alliance']['headerVote']['header']): Header {
  return {
    chainId: hj.chainId,
    height: hj.height,
    timeMs: hj.timeMs,
    prevHash: fromHex(hj.prevHashHex),
    stateRoot: fromHex(hj.stateRootHex),
    txRoot: fromHex(hj.txRootHex),
    validatorsHash: fromHex(hj.validatorsHashHex),
    nextValidatorsHash: fromHex(hj.nextValidatorsHashHex),
    proposer: hj.proposer,
  };
}

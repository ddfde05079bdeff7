/**
 * The did-jwt verify path's own checks on the resolved DID document, each against the forgery it
 * stops: a resolver (or registry copy) that disagrees with the Authority must fail closed, never
 * let did-jwt verify against key material the Authority does not hold for the kid.
 */
import { bytesToBase58, toEthereumAddress } from 'did-jwt';
import type { DIDResolutionResult, JsonWebKey, Resolvable, VerificationMethod } from 'did-resolver';
import { beforeAll, describe, expect, it } from 'vitest';
import { uncompressPublicKey } from '../../src/crypto/secp256k1.js';
import { fromBase64url, toBase64url, toHex } from '../../src/encoding/bytes.js';
import type { JwtVerifyOptions } from '../../src/identity/jwt-inspect.js';
import { signJwtNative, type SignJwtParams } from '../../src/identity/jwt.js';
import { verifyJwtDidJwt } from '../../src/identity/jwt-verify.js';
import { SM2_VERIFICATION_KEY_TYPE, sm2Multibase, VERIFICATION_KEY_TYPE } from '../../src/identity/resolver.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { pk, signers, T0, vectorKey, world, type World } from './fixture.js';

const NOW = T0 + 3_600_000;
const GATEWAY = signers.gateway.did;
const court = signers['court-a'];
/** The attacker's own secp256k1 key, signing under the court's kid. */
const attacker = createSigner(court.did, court.kid, vectorKey(80));
const GM_DID = 'did:alliance:court-gm';
const gm = createSigner(GM_DID, `${GM_DID}#key-1`, vectorKey(81), 'sm2');
const otherSm2 = createSigner(GM_DID, `${GM_DID}#key-1`, vectorKey(82), 'sm2');
/** secp256k1 field prime: (x, P - y) is the point's negation, a valid key with the same x. */
const P = 2n ** 256n - 2n ** 32n - 977n;

const params = (over: Partial<SignJwtParams> = {}): SignJwtParams => ({
  audience: GATEWAY,
  purpose: 'auth',
  nowMs: NOW,
  lifetimeMs: 300_000,
  jti: 'jti-v',
  ...over,
});

let w: World;
beforeAll(async () => {
  w = await world();
  const at = T0 + 60_000;
  const op = {
    kind: 'register_member',
    did: GM_DID,
    org: 'GM court',
    roles: ['court'],
    chains: [],
    keys: [{ kid: '#key-1', publicKey: gm.publicKey }],
  };
  await w.registry.submit(w.update(op as Parameters<World['update']>[0], at), at);
});

const options = (resolver: Resolvable, over: Partial<JwtVerifyOptions> = {}) => ({
  audience: GATEWAY,
  purpose: 'auth' as const,
  nowMs: NOW,
  authority: w.authority,
  resolver,
  ...over,
});

/** A resolver answering what the real one does, then edited by `edit`. */
const lying = (edit: (r: DIDResolutionResult) => DIDResolutionResult): Resolvable => ({
  resolve: async (url: string) => edit(structuredClone(await w.resolver.resolve(url))),
});
/** A resolver whose method for the token's kid is replaced by `edit(method)` (other methods kept). */
const editMethod = (kid: string, edit: (vm: VerificationMethod) => VerificationMethod): Resolvable =>
  lying((r) => ({
    ...r,
    didDocument: { ...r.didDocument!, verificationMethod: r.didDocument!.verificationMethod!.map((vm) => (vm.id === kid ? edit(vm) : vm)) },
  }));
const editJwk = (edit: (jwk: JsonWebKey) => Record<string, unknown>): Resolvable =>
  editMethod(court.kid, (vm) => ({ ...vm, publicKeyJwk: edit(vm.publicKeyJwk!) as JsonWebKey }));
const without = (jwk: JsonWebKey, k: 'x' | 'y'): JsonWebKey => {
  const { [k]: _, ...rest } = jwk;
  return rest;
};
/** base64url of the 32-byte big-endian field element `n`. */
const b64n = (n: bigint): string => toBase64url(Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex')));
const negY = (y: string): string => b64n(P - BigInt(`0x${toHex(fromBase64url(y))}`));

const rejection = async (token: string, resolver: Resolvable): Promise<{ reason: string; message: string }> => {
  try {
    await verifyJwtDidJwt(token, options(resolver));
  } catch (e) {
    const { reason, message } = e as { reason: string; message: string };
    if (reason === undefined) throw e;
    return { reason, message };
  }
  return { reason: 'ok', message: '' };
};

describe('verifyJwtDidJwt: the resolved method must hold exactly the Authority key (secp256k1)', () => {
  const cases: Array<{ name: string; resolver: () => Resolvable; signer?: Signer; reason: string }> = [
    { name: 'the real document', resolver: () => w.resolver, reason: 'ok' },
    { name: 'JWK kty OKP (right x, y)', resolver: () => editJwk((j) => ({ ...j, kty: 'OKP' })), reason: 'resolver_failed' },
    { name: 'JWK without kty', resolver: () => editJwk(({ kty: _, ...j }) => j), reason: 'resolver_failed' },
    { name: 'JWK crv P-256 (right x, y)', resolver: () => editJwk((j) => ({ ...j, crv: 'P-256' })), reason: 'resolver_failed' },
    { name: 'JWK without x', resolver: () => editJwk((j) => without(j, 'x')), reason: 'resolver_failed' },
    { name: 'JWK without y', resolver: () => editJwk((j) => without(j, 'y')), reason: 'resolver_failed' },
    { name: 'JWK x a number', resolver: () => editJwk((j) => ({ ...j, x: 7 })), reason: 'resolver_failed' },
    { name: 'JWK y a number', resolver: () => editJwk((j) => ({ ...j, y: 7 })), reason: 'resolver_failed' },
    { name: 'JWK right x, y of the negated point', resolver: () => editJwk((j) => ({ ...j, y: negY(j.y!) })), reason: 'resolver_failed' },
    {
      name: 'JWK right y, x of another key',
      resolver: () => editJwk((j) => ({ ...j, x: toBase64url(pk(90).subarray(1)) })),
      reason: 'resolver_failed',
    },
    {
      name: 'no JWK, the same key as publicKeyHex',
      resolver: () => editMethod(court.kid, ({ publicKeyJwk: _, ...vm }) => ({ ...vm, publicKeyHex: toHex(court.publicKey) })),
      reason: 'resolver_failed',
    },
    {
      name: "the right JWK plus the attacker's key as publicKeyHex (did-jwt reads it first), attacker-signed",
      resolver: () => editMethod(court.kid, (vm) => ({ ...vm, publicKeyHex: toHex(attacker.publicKey) })),
      signer: attacker,
      reason: 'bad_signature',
    },
    {
      name: "the right JWK plus the attacker's key as publicKeyBase58, attacker-signed",
      resolver: () => editMethod(court.kid, (vm) => ({ ...vm, publicKeyBase58: bytesToBase58(attacker.publicKey) })),
      signer: attacker,
      reason: 'bad_signature',
    },
    {
      name: "the right JWK plus the attacker's Ethereum address, attacker-signed",
      resolver: () =>
        editMethod(court.kid, (vm) => ({
          ...vm,
          blockchainAccountId: `eip155:1:${toEthereumAddress(toHex(uncompressPublicKey(attacker.publicKey)))}`,
        })),
      signer: attacker,
      reason: 'bad_signature',
    },
    {
      name: "the court's key listed under another id only",
      resolver: () => editMethod(court.kid, (vm) => ({ ...vm, id: `${court.did}#key-9` })),
      reason: 'resolver_failed',
    },
    {
      name: "another key listed first, the kid's method after it",
      resolver: () =>
        lying((r) => {
          const vms = r.didDocument!.verificationMethod!;
          const decoy = {
            ...vms[0]!,
            id: `${court.did}#key-0`,
            publicKeyJwk: { ...vms[0]!.publicKeyJwk!, y: negY(vms[0]!.publicKeyJwk!.y!) },
          };
          return { ...r, didDocument: { ...r.didDocument!, verificationMethod: [decoy, ...vms] } };
        }),
      reason: 'ok',
    },
    {
      name: 'document without verificationMethod',
      resolver: () => lying(({ didDocument, ...r }) => ({ ...r, didDocument: { id: didDocument!.id } })),
      reason: 'resolver_failed',
    },
    {
      name: 'a valid document reported with a resolution error',
      resolver: () => lying((r) => ({ ...r, didResolutionMetadata: { error: 'notFound' } })),
      reason: 'resolver_failed',
    },
    {
      name: 'no document and no error',
      resolver: () => lying((r) => ({ ...r, didDocument: null })),
      reason: 'resolver_failed',
    },
    {
      name: 'document deactivated, its key still listed',
      resolver: () => lying((r) => ({ ...r, didDocumentMetadata: { ...r.didDocumentMetadata, deactivated: true } })),
      reason: 'revoked_issuer',
    },
    {
      name: 'deactivated: false',
      resolver: () => lying((r) => ({ ...r, didDocumentMetadata: { ...r.didDocumentMetadata, deactivated: false } })),
      reason: 'ok',
    },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, async () => {
      const token = signJwtNative(c.signer ?? court, params());
      expect((await rejection(token, c.resolver())).reason).toBe(c.reason);
    });
  }

  it('resolver failures name the issuer and what failed', async () => {
    const token = signJwtNative(court, params());
    const err = lying((r) => ({ ...r, didResolutionMetadata: { error: 'notFound' } }));
    expect((await rejection(token, err)).message).toBe(`jwt: resolving ${court.did} failed: notFound`);
    const none = lying((r) => ({ ...r, didDocument: null }));
    expect((await rejection(token, none)).message).toBe(`jwt: resolving ${court.did} failed: no document`);
    const dead = lying((r) => ({ ...r, didDocumentMetadata: { deactivated: true } }));
    expect((await rejection(token, dead)).message).toBe(`jwt: ${court.did} is deactivated`);
  });

  it("did-jwt's refusals: a bad signature is named so, any other refusal carries did-jwt's reason", async () => {
    const forged = await rejection(signJwtNative(attacker, params()), w.resolver);
    expect(forged).toEqual({ reason: 'bad_signature', message: 'jwt: signature does not verify' });
    // A conditional-proof method type (right JWK, its conditions not passed on): did-jwt refuses
    // with invalid_jwt where the native path would accept; the fallback keeps its text.
    const conditional = editMethod(court.kid, (vm) => ({ ...vm, type: 'ConditionalProof2022' }));
    const r = await rejection(signJwtNative(court, params()), conditional);
    expect(r.reason).toBe('bad_signature');
    expect(r.message).toMatch(/^jwt: did-jwt rejected the token: invalid_jwt: conditional proof type/);
  });

  it('returns the verified payload, issuer, kid and the Authority key', async () => {
    const token = signJwtNative(court, params({ claims: { scope: 'q' } }));
    const v = await verifyJwtDidJwt(token, options(w.resolver));
    expect(v).toEqual({
      payload: { iat: NOW / 1000, exp: NOW / 1000 + 300, aud: GATEWAY, jti: 'jti-v', purpose: 'auth', scope: 'q', iss: court.did },
      issuer: court.did,
      kid: court.kid,
      publicKey: court.publicKey,
    });
  });
});

describe('verifyJwtDidJwt: SM2 keys', () => {
  const cases: Array<{ name: string; resolver: () => Resolvable; reason: string }> = [
    { name: 'the real document', resolver: () => w.resolver, reason: 'ok' },
    {
      name: 'method typed as a secp256k1 key, right multibase',
      resolver: () => editMethod(gm.kid, (vm) => ({ ...vm, type: VERIFICATION_KEY_TYPE })),
      reason: 'resolver_failed',
    },
    {
      name: 'Multikey of another SM2 key',
      resolver: () => editMethod(gm.kid, (vm) => ({ ...vm, publicKeyMultibase: sm2Multibase(otherSm2.publicKey) })),
      reason: 'resolver_failed',
    },
    {
      name: 'Multikey type, no multibase',
      resolver: () => editMethod(gm.kid, ({ publicKeyMultibase: _, ...vm }) => vm),
      reason: 'resolver_failed',
    },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, async () => {
      const token = signJwtNative(gm, params());
      expect((await rejection(token, c.resolver())).reason).toBe(c.reason);
    });
  }

  it('the real document holds a Multikey method; verification returns payload, issuer, kid and key', async () => {
    const doc = (await w.resolver.resolve(GM_DID)).didDocument!;
    expect(doc.verificationMethod![0]).toMatchObject({ type: SM2_VERIFICATION_KEY_TYPE, publicKeyMultibase: sm2Multibase(gm.publicKey) });
    const v = await verifyJwtDidJwt(signJwtNative(gm, params()), options(w.resolver));
    expect(v).toEqual({
      payload: { iat: NOW / 1000, exp: NOW / 1000 + 300, aud: GATEWAY, jti: 'jti-v', purpose: 'auth', iss: GM_DID },
      issuer: GM_DID,
      kid: gm.kid,
      publicKey: gm.publicKey,
    });
  });

  it("another SM2 key's signature under the kid -> bad_signature", async () => {
    const forged = signJwtNative(createSigner(GM_DID, gm.kid, vectorKey(82), 'sm2'), params());
    expect(await rejection(forged, w.resolver)).toEqual({ reason: 'bad_signature', message: 'jwt: signature does not verify' });
  });
});

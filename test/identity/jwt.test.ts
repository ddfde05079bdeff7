import { describe, expect, it } from 'vitest';
import { verifyJWT } from 'did-jwt';
import { toBase64url, utf8, fromBase64url, fromUtf8, concatBytes } from '../../src/encoding/bytes.js';
import { toHighS } from '../../src/crypto/secp256k1.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { didJwtSignerOf, signJwt, signJwtNative, type JwtPurpose, type SignJwtParams } from '../../src/identity/jwt.js';
import type { JwtVerifyOptions } from '../../src/identity/jwt-inspect.js';
import { verifyJwtFast, verifyJwtFastAsync } from '../../src/identity/jwt-verify-fast.js';
import { verifyJwtDidJwt } from '../../src/identity/jwt-verify.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { jwtVerdicts, pk, signerOf, signers, T0, vectorKey, world, type World } from './fixture.js';

const NOW = T0 + 3_600_000;
const GATEWAY = signers['gateway'].did;
const court = signers['court-a'];

const params = (over: Partial<SignJwtParams> = {}): SignJwtParams => ({
  audience: GATEWAY,
  purpose: 'auth',
  nowMs: NOW,
  lifetimeMs: 300_000,
  jti: 'jti-1',
  ...over,
});

/** Sign arbitrary header/payload JSON (for tokens our signers would never make). */
function craft(header: Record<string, unknown>, payload: Record<string, unknown>, signer: Signer = court): string {
  const input = `${toBase64url(utf8(JSON.stringify(header)))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
  return `${input}.${toBase64url(signer.sign(utf8(input)))}`;
}
const baseHeader = () => ({ alg: 'ES256K', typ: 'JWT', kid: court.kid });
const basePayload = () => ({ iat: NOW / 1000, exp: NOW / 1000 + 300, aud: GATEWAY, jti: 'j', purpose: 'auth', iss: court.did });
const withoutClaim = (c: string) => {
  const p: Record<string, unknown> = basePayload();
  delete p[c];
  return craft(baseHeader(), p);
};
const segs = (t: string) => t.split('.') as [string, string, string];
const withSig = (t: string, sig: Uint8Array) => `${segs(t)[0]}.${segs(t)[1]}.${toBase64url(sig)}`;

const verdicts = (w: World, token: string, over: Partial<JwtVerifyOptions> = {}): Promise<[string, string]> =>
  jwtVerdicts(w, token, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w.authority, ...over });

describe('JWT sign', () => {
  it('did-jwt and the native signer produce the same token, byte for byte', async () => {
    const p = params({ claims: { scope: ['query:ip'], n: 1 } });
    expect(await signJwt(court, p)).toBe(signJwtNative(court, p));
  });
  it('a natively signed token verifies with did-jwt alone, and a did-jwt token natively', async () => {
    const w = await world();
    const native = signJwtNative(court, params());
    const r = await verifyJWT(native, { resolver: w.resolver, audience: GATEWAY, policies: { now: NOW / 1000 } });
    expect(r.issuer).toBe(court.did);
    const lib = await signJwt(court, params({ jti: 'x' }));
    expect(verifyJwtFast(lib, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w.authority })).toMatchObject({
      issuer: court.did,
      kid: court.kid,
    });
    expect((await verifyJwtFastAsync(lib, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w.authority })).payload.jti).toBe(
      'x',
    );
  });
  it('refuses reserved claim names and bad parameters', () => {
    expect(() => signJwtNative(court, params({ claims: { iss: 'x' } }))).toThrow(/reserved/);
    expect(() => signJwtNative(court, params({ lifetimeMs: 0 }))).toThrow(/lifetimeMs/);
  });
  it('refuses each bad signing parameter by name, and accepts the edges', () => {
    const bad: Array<[Partial<SignJwtParams>, RegExp]> = [
      [{ nowMs: -1000 }, /^nowMs:/],
      [{ nowMs: 1.5 }, /^nowMs:/],
      [{ nowMs: Number.NaN }, /^nowMs:/],
      [{ lifetimeMs: 999 }, /^lifetimeMs:/],
      [{ purpose: 'admin' as JwtPurpose }, /^purpose:/],
      [{ jti: '' }, /^jti:/],
      [{ jti: 7 as unknown as string }, /^jti:/],
      [{ audience: '' }, /^audience:/],
      [{ audience: 7 as unknown as string }, /^audience:/],
    ];
    for (const [over, message] of bad) expect(() => signJwtNative(court, params(over)), JSON.stringify(over)).toThrow(message);
    const edge = JSON.parse(fromUtf8(fromBase64url(segs(signJwtNative(court, params({ nowMs: 0, lifetimeMs: 1000 })))[1])));
    expect([edge.iat, edge.exp]).toEqual([0, 1]);
  });
  it("did-jwt's signer signs bytes as given and a string as its UTF-8", async () => {
    const bytes = utf8('header.payload');
    const expected = toBase64url(court.sign(bytes));
    expect(await didJwtSignerOf(court)(bytes)).toBe(expected);
    expect(await didJwtSignerOf(court)('header.payload')).toBe(expected);
  });
});

describe('JWT verify: both paths, same verdict', () => {
  const other = signerOf('court-a', 50); // right kid, wrong key
  const cases: Array<{ name: string; token: () => string | Promise<string>; reason: string; over?: Partial<JwtVerifyOptions> }> = [
    { name: 'valid (did-jwt signed)', token: () => signJwt(court, params()), reason: 'ok' },
    { name: 'valid (native)', token: () => signJwtNative(court, params()), reason: 'ok' },
    { name: 'valid with skew: iat 30 s ahead', token: () => signJwtNative(court, params({ nowMs: NOW + 30_000 })), reason: 'ok' },
    { name: 'iat 31 s ahead', token: () => signJwtNative(court, params({ nowMs: NOW + 31_000 })), reason: 'not_yet_valid' },
    { name: 'nbf in the future', token: () => craft(baseHeader(), { ...basePayload(), nbf: NOW / 1000 + 120 }), reason: 'not_yet_valid' },
    { name: 'expired', token: () => signJwtNative(court, params({ nowMs: NOW - 400_000 })), reason: 'expired' },
    { name: 'expired exactly at exp - skew edge', token: () => signJwtNative(court, params({ nowMs: NOW - 330_000 })), reason: 'expired' },
    { name: 'still valid 1 s before the edge', token: () => signJwtNative(court, params({ nowMs: NOW - 329_000 })), reason: 'ok' },
    { name: 'lifetime too long', token: () => signJwtNative(court, params({ lifetimeMs: 11 * 60_000 })), reason: 'lifetime_too_long' },
    {
      name: 'lifetime allowed by option',
      token: () => signJwtNative(court, params({ lifetimeMs: 11 * 60_000 })),
      reason: 'ok',
      over: { maxLifetimeMs: 20 * 60_000 },
    },
    { name: 'wrong audience', token: () => signJwtNative(court, params({ audience: signers['court-a'].did })), reason: 'wrong_audience' },
    { name: 'audience as array', token: () => craft(baseHeader(), { ...basePayload(), aud: [GATEWAY] }), reason: 'wrong_audience' },
    { name: 'attestation used as auth', token: () => signJwtNative(court, params({ purpose: 'attestation' })), reason: 'wrong_purpose' },
    { name: 'unknown purpose', token: () => craft(baseHeader(), { ...basePayload(), purpose: 'admin' }), reason: 'wrong_purpose' },
    { name: 'auth token used as order', token: () => signJwtNative(court, params()), reason: 'wrong_purpose', over: { purpose: 'order' } },
    ...['iss', 'aud', 'iat', 'exp', 'jti', 'purpose'].map((c) => ({
      name: `missing ${c}`,
      token: () => withoutClaim(c),
      reason: 'missing_claim',
    })),
    { name: 'iat not an integer', token: () => craft(baseHeader(), { ...basePayload(), iat: NOW / 1000 + 0.5 }), reason: 'invalid_claim' },
    { name: 'exp before iat', token: () => craft(baseHeader(), { ...basePayload(), exp: NOW / 1000 - 1 }), reason: 'invalid_claim' },
    ...['none', 'HS256', 'ES256', 'EdDSA', 'ES256K-R', 'es256k', 'RS256'].map((alg) => ({
      name: `alg ${alg}`,
      token: () =>
        alg === 'none'
          ? `${segs(craft({ ...baseHeader(), alg }, basePayload()))[0]}.${segs(craft(baseHeader(), basePayload()))[1]}.`
          : craft({ ...baseHeader(), alg }, basePayload()),
      reason: 'alg_not_allowed',
    })),
    { name: 'alg missing', token: () => craft({ typ: 'JWT', kid: court.kid }, basePayload()), reason: 'alg_not_allowed' },
    { name: 'crit header', token: () => craft({ ...baseHeader(), crit: ['b64'], b64: false }, basePayload()), reason: 'malformed_token' },
    { name: 'nested cty JWT', token: () => craft({ ...baseHeader(), cty: 'JWT' }, basePayload()), reason: 'malformed_token' },
    { name: 'missing kid', token: () => craft({ alg: 'ES256K', typ: 'JWT' }, basePayload()), reason: 'missing_kid' },
    {
      name: 'kid of another DID',
      token: () => craft({ ...baseHeader(), kid: signers['gateway'].kid }, basePayload()),
      reason: 'kid_not_of_issuer',
    },
    { name: 'relative kid', token: () => craft({ ...baseHeader(), kid: '#key-1' }, basePayload()), reason: 'kid_not_of_issuer' },
    { name: 'unknown key id', token: () => craft({ ...baseHeader(), kid: `${court.did}#key-9` }, basePayload()), reason: 'unknown_key' },
    {
      name: 'unknown issuer',
      token: () => craft({ ...baseHeader(), kid: 'did:alliance:nobody#key-1' }, { ...basePayload(), iss: 'did:alliance:nobody' }),
      reason: 'unknown_issuer',
    },
    {
      name: 'issued before the member existed',
      token: () => signJwtNative(court, params({ nowMs: T0 - 120_000 })),
      reason: 'key_not_valid_at_time',
      over: { nowMs: T0 - 120_000 },
    },
    { name: 'signed by another key under the right kid', token: () => signJwtNative(other, params()), reason: 'bad_signature' },
    {
      name: 'tampered payload',
      token: () => {
        const t = segs(signJwtNative(court, params()));
        return `${t[0]}.${segs(signJwtNative(court, params({ jti: 'other' })))[1]}.${t[2]}`;
      },
      reason: 'bad_signature',
    },
    {
      name: 'tampered header',
      token: () => {
        const t = segs(signJwtNative(court, params()));
        return `${toBase64url(utf8(JSON.stringify({ typ: 'JWT', alg: 'ES256K', kid: court.kid })))}.${t[1]}.${t[2]}`;
      },
      reason: 'bad_signature',
    },
    {
      name: 'high-S twin of a valid signature',
      token: () => {
        const t = signJwtNative(court, params());
        return withSig(t, toHighS(fromBase64url(segs(t)[2])));
      },
      reason: 'high_s_signature',
    },
    {
      name: 'signature 63 bytes',
      token: () => {
        const t = signJwtNative(court, params());
        return withSig(t, fromBase64url(segs(t)[2]).subarray(0, 63));
      },
      reason: 'bad_signature_length',
    },
    {
      name: 'signature 65 bytes (recoverable)',
      token: () => {
        const t = signJwtNative(court, params());
        return withSig(t, concatBytes(fromBase64url(segs(t)[2]), Uint8Array.of(1)));
      },
      reason: 'bad_signature_length',
    },
    {
      name: 'signature DER-encoded',
      token: () => {
        const t = signJwtNative(court, params());
        return withSig(t, concatBytes(Uint8Array.of(0x30, 0x44, 0x02, 0x20), fromBase64url(segs(t)[2])));
      },
      reason: 'bad_signature_length',
    },
    {
      name: 'r = 0',
      token: () => {
        const t = signJwtNative(court, params());
        const s = fromBase64url(segs(t)[2]);
        s.fill(0, 0, 32);
        return withSig(t, s);
      },
      reason: 'signature_out_of_range',
    },
    { name: 'padded signature', token: () => `${signJwtNative(court, params())}==`, reason: 'malformed_token' },
    {
      name: 'non-canonical base64url signature (trailing bits)',
      token: () => {
        const t = signJwtNative(court, params());
        const last = t.at(-1)!;
        const alt = 'AQgw'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last;
        return alt === last ? `${t.slice(0, -1)}B` : t.slice(0, -1) + alt;
      },
      reason: 'bad_signature_length',
    },
    { name: 'two segments', token: () => segs(signJwtNative(court, params())).slice(0, 2).join('.'), reason: 'malformed_token' },
    { name: 'four segments', token: () => `${signJwtNative(court, params())}.e30`, reason: 'malformed_token' },
    {
      name: 'payload not JSON',
      token: () => {
        const t = segs(signJwtNative(court, params()));
        return `${t[0]}.${toBase64url(utf8('nope'))}.${t[2]}`;
      },
      reason: 'malformed_token',
    },
    {
      name: 'payload a JSON array',
      token: () => craft(baseHeader(), [1] as unknown as Record<string, unknown>),
      reason: 'malformed_token',
    },
    { name: 'empty string', token: () => '', reason: 'malformed_token' },
    { name: 'oversized', token: () => `${'a'.repeat(20_000)}.b.c`, reason: 'malformed_token' },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, async () => {
      const w = await world();
      expect(await verdicts(w, await c.token(), c.over)).toEqual([c.reason, c.reason]);
    });
  }

  it('did:key issuer verifies with its embedded key on both paths', async () => {
    const w = await world();
    const sk = vectorKey(60);
    const did = didKeyOf(pk(60));
    const s = createSigner(did, didKeyKid(did), sk);
    expect(await verdicts(w, signJwtNative(s, params()))).toEqual(['ok', 'ok']);
  });

  it('rotation: new tokens use the new key, old tokens verify at their time, the old key signing now fails', async () => {
    const w = await world();
    const T1 = NOW + 10_000;
    const oldToken = signJwtNative(court, params({ purpose: 'order', lifetimeMs: 3_600_000 }));
    await w.registry.submit(w.update({ kind: 'rotate_key', did: court.did, newKid: '#key-2', newPublicKey: pk(70) }, T1), T1);
    const court2 = createSigner(court.did, `${court.did}#key-2`, vectorKey(70));
    const later = T1 + 60_000;
    expect(await verdicts(w, oldToken, { purpose: 'order', nowMs: later })).toEqual(['ok', 'ok']);
    expect(await verdicts(w, signJwtNative(court2, params({ nowMs: later })), { nowMs: later })).toEqual(['ok', 'ok']);
    expect(await verdicts(w, signJwtNative(court, params({ nowMs: later })), { nowMs: later })).toEqual([
      'key_not_valid_at_time',
      'key_not_valid_at_time',
    ]);
    // the new key cannot sign for a time before the rotation either
    expect(await verdicts(w, signJwtNative(court2, params()), { nowMs: NOW })).toEqual(['key_not_valid_at_time', 'key_not_valid_at_time']);
  });

  it('revocation takes effect at once, even for a token issued before it', async () => {
    const w = await world();
    const token = signJwtNative(court, params());
    expect(await verdicts(w, token)).toEqual(['ok', 'ok']);
    await w.registry.submit(w.update({ kind: 'revoke_member', did: court.did }, NOW), NOW);
    expect(await verdicts(w, token)).toEqual(['revoked_issuer', 'revoked_issuer']);
    expect(await verdicts(w, signJwtNative(court, params({ nowMs: NOW + 1000, jti: 'n' })), { nowMs: NOW + 1000 })).toEqual([
      'revoked_issuer',
      'revoked_issuer',
    ]);
  });

  it('fails closed when the resolver fails or disagrees', async () => {
    const w = await world();
    const token = signJwtNative(court, params());
    const opts = { audience: GATEWAY, purpose: 'auth' as const, nowMs: NOW, authority: w.authority };
    const broken = {
      resolve: async () => {
        throw new Error('down');
      },
    };
    await expect(verifyJwtDidJwt(token, { ...opts, resolver: broken })).rejects.toMatchObject({ reason: 'resolver_failed' });
    const empty = {
      resolve: async () => ({ didResolutionMetadata: {}, didDocument: { id: court.did, verificationMethod: [] }, didDocumentMetadata: {} }),
    };
    await expect(verifyJwtDidJwt(token, { ...opts, resolver: empty })).rejects.toMatchObject({ reason: 'resolver_failed' });
    const lying = {
      resolve: async (u: string) => {
        const r = await w.resolver.resolve(u);
        const vm = r.didDocument!.verificationMethod![0]!;
        return {
          ...r,
          didDocument: {
            ...r.didDocument!,
            verificationMethod: [
              {
                ...vm,
                publicKeyJwk: (await w.resolver.resolve(signers['gateway'].did)).didDocument!.verificationMethod![0]!.publicKeyJwk!,
              },
            ],
          },
        };
      },
    };
    await expect(verifyJwtDidJwt(token, { ...opts, resolver: lying })).rejects.toMatchObject({ reason: 'resolver_failed' });
  });
});

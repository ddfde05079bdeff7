/**
 * An SM2 member in a secp256k1 alliance: registered by a registry update carrying its 35-byte key,
 * resolved to a Multikey method, signing SM2SM3 JWTs that both verify paths accept, and refused
 * with the same named reason by both for every forgery across suites: an SM2 signature under an
 * ES256K header, a secp256k1 signature (of a key the forger holds) under SM2SM3 for the SM2 kid,
 * an SM2SM3 token for a secp256k1 kid, SM2 signatures out of range, a tampered payload.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SM2_N } from '../../src/crypto/sm2.js';
import { concatBytes, fromBase64url, fromHex, fromUtf8, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { signJwt, signJwtNative, type SignJwtParams } from '../../src/identity/jwt.js';
import { verifyJwtFast } from '../../src/identity/jwt-verify-fast.js';
import { SM2_VERIFICATION_KEY_TYPE, sm2Multibase } from '../../src/identity/resolver.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { jwtVerdicts, signers, T0, vectorKey, world, type World } from './fixture.js';

const T1 = T0 + 60_000;
const NOW = T0 + 3_600_000;
const GATEWAY = signers.gateway.did;
const GM_DID = 'did:alliance:court-gm';
const gm = createSigner(GM_DID, `${GM_DID}#key-1`, vectorKey(60), 'sm2');
/** The forger's own secp256k1 key claiming the SM2 court's kid. */
const forger = createSigner(GM_DID, `${GM_DID}#key-1`, vectorKey(61));
const secpCourt = signers['court-a'];

const params = (over: Partial<SignJwtParams> = {}): SignJwtParams => ({
  audience: GATEWAY,
  purpose: 'auth',
  nowMs: NOW,
  lifetimeMs: 300_000,
  jti: 'jti-gm',
  ...over,
});
const segs = (t: string) => t.split('.') as [string, string, string];
const relabel = (token: string, alg: string): string => {
  const [h, p, s] = segs(token);
  const header = JSON.parse(fromUtf8(fromBase64url(h))) as Record<string, unknown>;
  return `${toBase64url(utf8(JSON.stringify({ ...header, alg })))}.${p}.${s}`;
};
/** A token with `header`, signed by `signer` over its own signing input. */
const craft = (header: Record<string, unknown>, payload: Record<string, unknown>, signer: Signer): string => {
  const input = `${toBase64url(utf8(JSON.stringify(header)))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
  return `${input}.${toBase64url(signer.sign(utf8(input)))}`;
};
const payloadOf = (iss: string) => ({ iat: NOW / 1000, exp: NOW / 1000 + 300, aud: GATEWAY, jti: 'j', purpose: 'auth', iss });
const withSig = (t: string, sig: Uint8Array): string => `${segs(t)[0]}.${segs(t)[1]}.${toBase64url(sig)}`;
const big = (n: bigint): Uint8Array => fromHex(n.toString(16).padStart(64, '0'));

let w: World;
beforeAll(async () => {
  w = await world();
  await w.registry.submit(
    w.update(
      {
        kind: 'register_member',
        did: GM_DID,
        org: 'A court on national cryptography',
        roles: ['court'],
        chains: [],
        keys: [{ kid: '#key-1', publicKey: gm.publicKey }],
      },
      T1,
    ),
    T1,
  );
});

const verdicts = (token: string): Promise<[string, string]> =>
  jwtVerdicts(w, token, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w.authority });

describe('an SM2 member', () => {
  it('resolves to a Multikey method holding its SM2 key', async () => {
    const doc = (await w.resolver.resolve(GM_DID)).didDocument!;
    expect(doc.verificationMethod?.[0]).toMatchObject({ type: SM2_VERIFICATION_KEY_TYPE, publicKeyMultibase: sm2Multibase(gm.publicKey) });
  });

  it('signs SM2SM3 tokens, the same from both signers, accepted by both verify paths', async () => {
    const token = signJwtNative(gm, params());
    expect(JSON.parse(fromUtf8(fromBase64url(segs(token)[0]))).alg).toBe('SM2SM3');
    expect(await signJwt(gm, params())).toMatch(/^eyJhbGciOiJTTTJTTTMi/);
    expect(await verdicts(token)).toEqual(['ok', 'ok']);
  });
});

describe('forgeries across suites: both paths, same reason', () => {
  const cases: Array<{ name: string; token: () => string; reason: string | string[] }> = [
    {
      name: 'an SM2 signature relabelled ES256K (refused by low-S when its s is high, else by the key suite)',
      token: () => relabel(signJwtNative(gm, params()), 'ES256K'),
      reason: ['alg_key_mismatch', 'high_s_signature'],
    },
    {
      name: "the forger's secp256k1 signature under SM2SM3 with the SM2 court's kid",
      token: () => craft({ alg: 'SM2SM3', typ: 'JWT', kid: gm.kid }, payloadOf(GM_DID), forger),
      reason: 'bad_signature',
    },
    {
      name: "the forger's secp256k1 signature under ES256K with the SM2 court's kid",
      token: () => craft({ alg: 'ES256K', typ: 'JWT', kid: gm.kid }, payloadOf(GM_DID), forger),
      reason: 'alg_key_mismatch',
    },
    {
      name: 'an SM2SM3 token for a secp256k1 court (its real ES256K signature, relabelled)',
      token: () => relabel(signJwtNative(secpCourt, params()), 'SM2SM3'),
      reason: 'alg_key_mismatch',
    },
    {
      name: 'SM2 r + s = n',
      token: () => withSig(signJwtNative(gm, params()), concatBytes(big(5n), big(SM2_N - 5n))),
      reason: 'signature_out_of_range',
    },
    {
      name: 'SM2 s = 0',
      token: () => withSig(signJwtNative(gm, params()), concatBytes(big(5n), big(0n))),
      reason: 'signature_out_of_range',
    },
    {
      name: 'SM2 signature of 63 bytes',
      token: () => withSig(signJwtNative(gm, params()), new Uint8Array(63).fill(1)),
      reason: 'bad_signature_length',
    },
    {
      name: 'payload changed after SM2 signing',
      token: () => {
        const [h, , s] = segs(signJwtNative(gm, params()));
        return `${h}.${toBase64url(utf8(JSON.stringify({ ...payloadOf(GM_DID), jti: 'other' })))}.${s}`;
      },
      reason: 'bad_signature',
    },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${String(c.reason)}`, async () => {
      const [fast, slow] = await verdicts(c.token());
      expect(fast).toBe(slow);
      if (Array.isArray(c.reason)) expect(c.reason).toContain(fast);
      else expect(fast).toBe(c.reason);
    });
  }

  it('a member rotates from a secp256k1 key to an SM2 key: the SM2 kid verifies, the old key no longer does', async () => {
    const w2 = await world();
    await w2.registry.submit(
      w2.update(
        {
          kind: 'register_member',
          did: GM_DID,
          org: 'GM court',
          roles: ['court'],
          chains: [],
          keys: [{ kid: '#key-1', publicKey: forger.publicKey }],
        },
        T1,
      ),
      T1,
    );
    const next = createSigner(GM_DID, `${GM_DID}#key-2`, vectorKey(62), 'sm2');
    await w2.registry.submit(
      w2.update({ kind: 'rotate_key', did: GM_DID, newKid: '#key-2', newPublicKey: next.publicKey }, T1 + 1000),
      T1 + 1000,
    );
    const ok = signJwtNative(next, params());
    expect(verifyJwtFast(ok, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w2.authority }).kid).toBe(next.kid);
    expect(toHex(w2.registry.state.members.get(GM_DID)!.keys[1]!.publicKey)).toBe(toHex(next.publicKey));
    const old = signJwtNative(forger, params());
    expect(() => verifyJwtFast(old, { audience: GATEWAY, purpose: 'auth', nowMs: NOW, authority: w2.authority })).toThrow(/key/);
  });
});

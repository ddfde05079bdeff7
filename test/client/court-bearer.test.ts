import { describe, expect, it } from 'vitest';
import { courtBearer } from '../../src/client/court-bearer.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import type { Authority } from '../../src/identity/authority.js';
import { didKeyKid, didKeyOf, publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { verifyJwtFast } from '../../src/identity/jwt-verify-fast.js';
import { createSigner } from '../../src/identity/signer.js';

const sk = sha256(utf8('court bearer test key'));
const did = didKeyOf(publicKeyOf(sk));
const caller = createSigner(did, didKeyKid(did), sk);
const GATEWAY = didKeyOf(publicKeyOf(sha256(utf8('court bearer test gateway'))));
const authority: Authority = {
  keyAt: (d, kid) => {
    const pk = publicKeyOfDidKey(d);
    return pk ? { ok: true, did: d, kid, publicKey: pk } : { ok: false, reason: 'unknown_did', message: d };
  },
  mayAct: () => ({ ok: true }),
};

describe('courtBearer', () => {
  it('reuses one token until half its lifetime has passed, then mints a fresh one that the gateway accepts', () => {
    let now = 1_750_000_000_000;
    const bearer = courtBearer({ caller, gatewayDid: GATEWAY, now: () => now, lifetimeMs: 120_000 });
    const first = bearer();
    now += 59_999;
    expect(bearer()).toBe(first);
    // Still valid when reused at the last moment: a full half-lifetime remains.
    expect(() => verifyJwtFast(first, { audience: GATEWAY, purpose: 'auth', nowMs: now, authority })).not.toThrow();
    now += 1;
    const second = bearer();
    expect(second).not.toBe(first);
    const v = verifyJwtFast(second, { audience: GATEWAY, purpose: 'auth', nowMs: now, authority });
    expect(v.issuer).toBe(did);
    expect(v.payload.iat * 1000).toBeLessThanOrEqual(now);
    expect(v.payload.exp * 1000).toBeGreaterThanOrEqual(now + 119_000);
    expect(v.payload.jti).not.toBe(verifyJwtFast(first, { audience: GATEWAY, purpose: 'auth', nowMs: now - 1, authority }).payload.jti);
  });

  it('mints afresh when the clock steps back (a token issued in the future would be refused)', () => {
    let now = 1_750_000_000_000;
    const bearer = courtBearer({ caller, gatewayDid: GATEWAY, now: () => now });
    const first = bearer();
    now -= 30_000;
    const back = bearer();
    expect(back).not.toBe(first);
    expect(() => verifyJwtFast(back, { audience: GATEWAY, purpose: 'auth', nowMs: now, authority })).not.toThrow();
  });
});

/**
 * The token cache keyed by the token string itself, through the real Authenticator, real
 * ES256K tokens and the real AllianceAuthority: a hit is exactly the token that was verified
 * (a token differing in one character is verified afresh and a forged one refused), entries
 * expire, a DID's entries are dropped on invalidation, the map stays bounded, and a cached token
 * of an issuer the registry has revoked since is refused at once.
 */
import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { DEFAULT_GATEWAY_CONFIG } from '../../../src/config/gateway-config.js';
import { toBase64url } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import type { RegistryState } from '../../../src/identity/registry.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { TokenCache, type Caller } from '../../../src/relay/auth/token-cache.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';

const fx = allianceFixture();
const token = (nowMs: number, signer = fx.court): string =>
  signJwtNative(signer, { audience: FixtureDids.gateway, purpose: 'auth', nowMs, lifetimeMs: 300_000, jti: toBase64url(randomBytes(9)) });

/** The reason of the UNAUTHENTICATED refusal `f` throws. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** `state` with `did` revoked from `atMs` (what the registry holds after applying a revocation). */
function revoked(state: RegistryState, did: string, atMs: number): RegistryState {
  const m = state.members.get(did)!;
  return { ...state, members: new Map(state.members).set(did, { ...m, status: 'revoked', revokedAtMs: atMs }) };
}

describe('token cache keyed by the token', () => {
  it('a hit is the same verified caller; a token one character off is verified afresh, and a forged signature refused', () => {
    const cache = new TokenCache();
    const auth = new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority, cache });
    const now = Date.now();
    const t = token(now);
    const first = auth.authenticate(`Bearer ${t}`, now);
    expect(first.did).toBe(FixtureDids.court);
    expect(cache.get(t, now)).toBe(first);
    expect(auth.authenticate(`Bearer ${t}`, now + 1)).toBe(first);
    // Same header and payload, the signature's last character changed: not the cached token.
    const last = t.at(-1) === 'A' ? 'B' : 'A';
    const forged = `${t.slice(0, -1)}${last}`;
    expect(cache.get(forged, now)).toBeUndefined();
    expect(refusal(() => auth.authenticate(`Bearer ${forged}`, now))).not.toBe('');
    expect(cache.size).toBe(1);
    // The header value must still be exactly `Bearer <token>`.
    expect(refusal(() => auth.authenticate(`bearer ${t}`, now))).toBe('malformed_authorization');
    expect(refusal(() => auth.authenticate(`Bearer ${t} `, now))).toBe('malformed_authorization');
  });

  it('an entry expires with its token and is dropped', () => {
    const cache = new TokenCache();
    const auth = new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority, cache });
    const now = Date.now();
    const t = token(now);
    const caller = auth.authenticate(`Bearer ${t}`, now);
    expect(cache.get(t, caller.expiresAtMs - 1)).toBe(caller);
    expect(cache.get(t, caller.expiresAtMs)).toBeUndefined();
    expect(cache.size).toBe(0);
    // And the expired token itself is refused when presented again (past the clock-skew allowance).
    expect(refusal(() => auth.authenticate(`Bearer ${t}`, caller.expiresAtMs + 60_000))).toMatch(/expired|exp/);
  });

  it('invalidateDid drops every token of that DID and only those', () => {
    const cache = new TokenCache();
    const now = Date.now();
    const c = (did: string, jti: string): Caller => ({ did, kid: `${did}#key-1`, jti, expiresAtMs: now + 60_000 });
    cache.set('t1', c('did:alliance:a', '1'));
    cache.set('t2', c('did:alliance:a', '2'));
    cache.set('t3', c('did:alliance:b', '3'));
    expect(cache.invalidateDid('did:alliance:a')).toBe(2);
    expect(cache.get('t1', now)).toBeUndefined();
    expect(cache.get('t2', now)).toBeUndefined();
    expect(cache.get('t3', now)?.jti).toBe('3');
    expect(cache.size).toBe(1);
  });

  it('stays bounded: the oldest entry is evicted, and re-setting a token does not count twice', () => {
    const cache = new TokenCache({ maxEntries: 2 });
    const now = Date.now();
    const c = (jti: string): Caller => ({ did: 'did:alliance:a', kid: 'did:alliance:a#key-1', jti, expiresAtMs: now + 60_000 });
    cache.set('t1', c('1'));
    cache.set('t1', c('1b'));
    cache.set('t2', c('2'));
    expect(cache.size).toBe(2);
    expect(cache.get('t1', now)?.jti).toBe('1b');
    cache.set('t3', c('3'));
    expect(cache.size).toBe(2);
    expect(cache.get('t1', now)).toBeUndefined();
    expect(cache.invalidateDid('did:alliance:a')).toBe(2);
    expect(() => new TokenCache({ maxEntries: 0 })).toThrow(/maxEntries/);
  });

  it("a revoked issuer's cached token is refused at once (revoked_issuer) and dropped", () => {
    let state = fx.state;
    const authority = new AllianceAuthority(() => state);
    const cache = new TokenCache();
    const auth = new Authenticator({ audience: FixtureDids.gateway, authority, cache });
    const now = Date.now();
    const t = token(now);
    auth.authenticate(`Bearer ${t}`, now);
    expect(cache.size).toBe(1);
    state = revoked(state, FixtureDids.court, now + 1);
    expect(refusal(() => auth.authenticate(`Bearer ${t}`, now + 2))).toBe('revoked_issuer');
    expect(cache.size).toBe(0);
    // A fresh token of the revoked DID is refused too.
    expect(refusal(() => auth.authenticate(`Bearer ${token(now + 2)}`, now + 3))).toMatch(/revoked/);
  });
});

describe('token cache edges (public API)', () => {
  const now = 1_800_000_000_000;
  const c = (did: string, jti: string): Caller => ({ did, kid: `${did}#key-1`, jti, expiresAtMs: now + 60_000 });

  it('maxEntries is a positive integer: 1 holds one token, and 0, negatives, fractions and NaN are refused', () => {
    const one = new TokenCache({ maxEntries: 1 });
    expect(one.maxEntries).toBe(1);
    one.set('t1', c('did:alliance:a', '1'));
    one.set('t2', c('did:alliance:a', '2'));
    expect(one.size).toBe(1);
    expect(one.get('t1', now)).toBeUndefined();
    expect(one.get('t2', now)?.jti).toBe('2');
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) expect(() => new TokenCache({ maxEntries }), String(maxEntries)).toThrow(TypeError);
    expect(new TokenCache().maxEntries).toBe(10_000);
  });

  it('a token set again under another DID belongs to that DID only: invalidating the former DID leaves it', () => {
    const cache = new TokenCache({ maxEntries: 2 });
    cache.set('t', c('did:alliance:a', '1'));
    cache.set('t', c('did:alliance:b', '2'));
    expect(cache.size).toBe(1);
    expect(cache.invalidateDid('did:alliance:a')).toBe(0);
    expect(cache.get('t', now)?.jti).toBe('2');
    expect(cache.invalidateDid('did:alliance:b')).toBe(1);
    expect(cache.size).toBe(0);
  });

  it("replacing a token in a full cache evicts nothing, and an evicted token is gone from its DID's index", () => {
    const cache = new TokenCache({ maxEntries: 2 });
    cache.set('t1', c('did:alliance:a', '1'));
    cache.set('t2', c('did:alliance:b', '2'));
    cache.set('t1', c('did:alliance:a', '1b'));
    expect(cache.get('t2', now)?.jti).toBe('2');
    expect(cache.get('t1', now)?.jti).toBe('1b');
    // t2 is now the oldest: a third token evicts it, and b has nothing left to invalidate.
    cache.set('t3', c('did:alliance:c', '3'));
    expect(cache.get('t2', now)).toBeUndefined();
    expect(cache.invalidateDid('did:alliance:b')).toBe(0);
    expect(cache.invalidateDid('did:alliance:a')).toBe(1);
    expect(cache.get('t3', now)?.jti).toBe('3');
  });

  it('invalidating a DID it never held drops nothing', () => {
    const cache = new TokenCache();
    cache.set('t1', c('did:alliance:a', '1'));
    expect(cache.invalidateDid('did:alliance:nobody')).toBe(0);
    expect(cache.size).toBe(1);
  });

  it('the DID index stays bounded as DIDs churn through it (white box: no public view of it)', () => {
    // Tokens are cached on authentication, before the policy refuses a did:key, and did:keys cost
    // nothing to make: an index keeping a DID whose last token was evicted or expired would grow
    // without bound while the token map stays at maxEntries.
    const cache = new TokenCache({ maxEntries: 2 });
    for (let i = 0; i < 50; i += 1) cache.set(`t${i}`, c(`did:key:z${i}`, String(i)));
    cache.set('short', { ...c('did:key:zshort', 's'), expiresAtMs: now });
    expect(cache.get('short', now)).toBeUndefined();
    const index = Reflect.get(cache, 'byDid') as Map<string, Set<string>>;
    expect([...index.keys()].sort()).toEqual(['did:key:z49']);
  });
});

describe('limits', () => {
  it('the per-caller rate default is 1,000 calls/s (deployments expecting more set limits.callsPerCaller)', () => {
    expect(DEFAULT_GATEWAY_CONFIG.limits.callsPerCaller).toEqual({ limit: 1_000, windowMs: 1_000 });
  });
});

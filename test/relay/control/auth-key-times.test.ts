/**
 * The gateway's authentication at the edges of a key's life, with real ES256K tokens and a real
 * registry whose rotations and revocations carry admin quorums (docs/spec/jwt.md "Keys", rules
 * 27 and 29): the key is the one valid at `iat` (`validFrom ≤ iat·1000 < validUntil`), so a token
 * signed before a rotation stays good until it expires, cached or verified afresh, while the old
 * key cannot sign at or after the rotation nor the new one before it; a revocation refuses every
 * token of the issuer from its exact instant, cached or not, with no cache clear.
 */
import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { toBase64url } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import type { Signer } from '../../../src/identity/signer.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { TokenCache } from '../../../src/relay/auth/token-cache.js';
import { pk, signerOf, signers, T0, world, type World } from '../../identity/fixture.js';

const AUDIENCE = signers.gateway.did;
const T1 = T0 + 3_600_000;
/** The rotation or revocation instant: a whole second, so `iat` can sit exactly on it. */
const AT = T1 + 60_000;
const court = signers['court-a'];
/** court-a's next key, `#key-2` (vector key 50). */
const courtKey2 = signerOf('court-a', 50, 2);

const token = (signer: Signer, nowMs: number): string =>
  signJwtNative(signer, { audience: AUDIENCE, purpose: 'auth', nowMs, lifetimeMs: 300_000, jti: toBase64url(randomBytes(9)) });

/** 'ok' (the caller's DID) or the UNAUTHENTICATED reason. */
function verdict(auth: Authenticator, t: string, nowMs: number): string {
  try {
    return auth.authenticate(`Bearer ${t}`, nowMs).did;
  } catch (e) {
    if (isCourtbridgeError(e) && e.code === 'UNAUTHENTICATED') return e.reason;
    throw e;
  }
}

const authenticator = (w: World, cache = new TokenCache()): Authenticator =>
  new Authenticator({ audience: AUDIENCE, authority: w.authority, cache });

async function rotated(): Promise<World> {
  const w = await world();
  await w.registry.submit(w.update({ kind: 'rotate_key', did: court.did, newKid: '#key-2', newPublicKey: pk(50) }, AT), AT);
  return w;
}

describe('a key rotated away', () => {
  it('a token it signed before the rotation is still accepted after it, from the cache and verified afresh', async () => {
    const w = await world();
    const cache = new TokenCache();
    const auth = authenticator(w, cache);
    const t = token(court, T1);
    expect(verdict(auth, t, T1)).toBe(court.did);
    await w.registry.submit(w.update({ kind: 'rotate_key', did: court.did, newKid: '#key-2', newPublicKey: pk(50) }, AT), AT);
    // The cache hit sees #key-1 closed now; that is not a refusal, since the key valid at iat counts.
    expect(verdict(auth, t, AT + 1_000)).toBe(court.did);
    expect(cache.size).toBe(1);
    // A gateway that never cached it agrees.
    expect(verdict(authenticator(w), t, AT + 1_000)).toBe(court.did);
  });

  it('a token the old key signs at the rotation instant is refused key_not_valid_at_time; one second before, accepted', async () => {
    const w = await rotated();
    expect(verdict(authenticator(w), token(court, AT), AT)).toBe('key_not_valid_at_time');
    expect(verdict(authenticator(w), token(court, AT + 1_000), AT + 1_000)).toBe('key_not_valid_at_time');
    expect(verdict(authenticator(w), token(court, AT - 1_000), AT)).toBe(court.did);
  });

  it('a token the new key signs dated before the rotation is refused key_not_valid_at_time; at the instant, accepted', async () => {
    const w = await rotated();
    expect(verdict(authenticator(w), token(courtKey2, AT - 1_000), AT)).toBe('key_not_valid_at_time');
    expect(verdict(authenticator(w), token(courtKey2, AT), AT)).toBe(court.did);
  });
});

describe('a revoked issuer', () => {
  it('a token issued before the revocation is refused revoked_issuer from its exact instant, verified afresh; 1 ms before, accepted', async () => {
    const w = await world();
    const t = token(court, T1);
    await w.registry.submit(w.update({ kind: 'revoke_member', did: court.did }, AT), AT);
    expect(verdict(authenticator(w), t, AT - 1)).toBe(court.did);
    expect(verdict(authenticator(w), t, AT)).toBe('revoked_issuer');
  });

  it('a cached token is refused revoked_issuer from the exact instant, with no cache clear, and dropped', async () => {
    const w = await world();
    const cache = new TokenCache();
    const auth = authenticator(w, cache);
    const t = token(court, T1);
    expect(verdict(auth, t, T1)).toBe(court.did);
    await w.registry.submit(w.update({ kind: 'revoke_member', did: court.did }, AT), AT);
    expect(verdict(auth, t, AT - 1)).toBe(court.did);
    expect(cache.size).toBe(1);
    expect(verdict(auth, t, AT)).toBe('revoked_issuer');
    expect(cache.size).toBe(0);
  });
});

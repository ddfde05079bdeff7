/**
 * The Authenticator's refusals, with real ES256K tokens and the real AllianceAuthority: it is
 * built only for a gateway DID; no header or an empty one is `missing_token`; the header must be
 * exactly `Bearer <JWT>` (anchored at both ends); a JWT refusal keeps the JWT's reason, as
 * UNAUTHENTICATED with the hint and its cause; a cached token whose issuer the registry no longer
 * knows is `unknown_issuer`, one revoked `revoked_issuer`. Every refusal carries the audience in
 * its details (the AUDIENCE_TRAILER), so a caller can mint the right token. A failure that is not
 * a refusal (the registry itself failing) is passed on as it is, not dressed as a bad token.
 */
import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { toBase64url } from '../../../src/encoding/bytes.js';
import { type CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../../src/errors.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Authority } from '../../../src/identity/authority.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import type { RegistryState } from '../../../src/identity/registry.js';
import { Authenticator, TOKEN_HINT } from '../../../src/relay/auth/authenticate.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { courtbridgeErrorOf } from '../../helpers/refusal.js';

const fx = allianceFixture();
const AUDIENCE = FixtureDids.gateway;
const token = (nowMs: number, audience: string = AUDIENCE): string =>
  signJwtNative(fx.court, { audience, purpose: 'auth', nowMs, lifetimeMs: 300_000, jti: toBase64url(randomBytes(9)) });

/** An UNAUTHENTICATED refusal with `reason`, naming the audience. */
const refused = (reason: string) => ({ code: ErrorCode.Unauthenticated, reason, details: { audience: AUDIENCE } });

describe('construction', () => {
  it('takes only a DID as its audience', () => {
    for (const audience of ['gateway-1', '', 42, undefined]) {
      expect(() => new Authenticator({ audience: audience as string, authority: fx.authority }), String(audience)).toThrow(
        /^options\.audience: expected the gateway DID$/,
      );
    }
    expect(new Authenticator({ audience: AUDIENCE, authority: fx.authority }).cache.size).toBe(0);
  });
});

describe('the authorization header', () => {
  const auth = new Authenticator({ audience: AUDIENCE, authority: fx.authority });

  it('absent or empty: missing_token, naming the audience', () => {
    expect(courtbridgeErrorOf(() => auth.authenticate(undefined, Date.now()))).toMatchObject(refused('missing_token'));
    expect(courtbridgeErrorOf(() => auth.authenticate('', Date.now()))).toMatchObject(refused('missing_token'));
  });

  it('anything but exactly `Bearer <JWT>` around a valid token: malformed_authorization, naming the audience', () => {
    const now = Date.now();
    const t = token(now);
    for (const header of [`xBearer ${t}`, ` Bearer ${t}`, `Bearer ${t}\n`, `Bearer ${t}!`, 'Bearer ', `Basic ${t}`]) {
      expect(
        courtbridgeErrorOf(() => auth.authenticate(header, now)),
        JSON.stringify(header),
      ).toMatchObject(refused('malformed_authorization'));
    }
    // Control: the exact form passes.
    expect(auth.authenticate(`Bearer ${t}`, now).did).toBe(FixtureDids.court);
  });
});

describe("the JWT's own refusals", () => {
  it('keep their reason, as UNAUTHENTICATED with the hint, the audience and the JWT error as cause', () => {
    const auth = new Authenticator({ audience: AUDIENCE, authority: fx.authority });
    const now = Date.now();
    const e = courtbridgeErrorOf(() => auth.authenticate(`Bearer ${token(now, FixtureDids.court)}`, now));
    expect(e).toMatchObject(refused(e.reason));
    expect(e.reason).not.toMatch(/^(missing_token|malformed_authorization)$/);
    expect(e.message.endsWith(`; ${TOKEN_HINT}`)).toBe(true);
    expect(isCourtbridgeError(e.cause)).toBe(true);
    expect((e.cause as CourtbridgeError).reason).toBe(e.reason);
    expect(auth.cache.size).toBe(0);
  });

  it('a failure that is not a refusal (the registry throwing) is passed on unchanged', () => {
    const broken = new Error('registry unreadable');
    const authority: Authority = {
      keyAt: () => {
        throw broken;
      },
      mayAct: () => {
        throw broken;
      },
    };
    const auth = new Authenticator({ audience: AUDIENCE, authority });
    const now = Date.now();
    let thrown: unknown;
    try {
      auth.authenticate(`Bearer ${token(now)}`, now);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(broken);
  });
});

describe('a cached token whose issuer the registry changed since', () => {
  function cachedThen(change: (s: RegistryState) => RegistryState): CourtbridgeError {
    let state = fx.state;
    const auth = new Authenticator({ audience: AUDIENCE, authority: new AllianceAuthority(() => state) });
    const now = Date.now();
    const t = token(now);
    auth.authenticate(`Bearer ${t}`, now);
    expect(auth.cache.size).toBe(1);
    state = change(state);
    const e = courtbridgeErrorOf(() => auth.authenticate(`Bearer ${t}`, now + 1));
    expect(auth.cache.size).toBe(0);
    return e;
  }

  it('no longer knows it: unknown_issuer, naming the audience', () => {
    const e = cachedThen((s) => {
      const members = new Map(s.members);
      members.delete(FixtureDids.court);
      return { ...s, members };
    });
    expect(e).toMatchObject(refused('unknown_issuer'));
  });

  it('revoked it: revoked_issuer, naming the audience', () => {
    const e = cachedThen((s) => {
      const m = s.members.get(FixtureDids.court)!;
      return { ...s, members: new Map(s.members).set(FixtureDids.court, { ...m, status: 'revoked', revokedAtMs: 0 }) };
    });
    expect(e).toMatchObject(refused('revoked_issuer'));
  });
});

/**
 * Bearer-token authentication of a gRPC call ("Calls"): `authorization: Bearer <JWT>`,
 * an ES256K JWT issued by the caller's DID, purpose `auth`, audience the gateway's DID, short
 * lifetime (`DEFAULT_MAX_LIFETIME_MS.auth`), with a `jti`. Verified with `verifyJwtFast`
 * (jwt-inspect.ts checks 1-12, then native secp256k1), then cached until it expires.
 *
 * A cache hit still asks the registry whether the key is revoked now (one map lookup), so a
 * revocation applied by the registry subscriber takes effect on the very next call even
 * before `TokenCache.invalidateDid` runs.
 *
 * Authentication says who signed; whether that DID is an active member, and may call the method,
 * is the policy's question (policy.ts), asked by the guard next.
 */
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import { verifyJwtFast } from '../../identity/jwt-verify-fast.js';
import { TokenCache, type Caller } from './token-cache.js';

/** How to get a token, appended to every UNAUTHENTICATED message. */
export const TOKEN_HINT =
  'send `authorization: Bearer <token>`; get a token with `courtbridge token --as <key file>` (a JWT of the key suite: ES256K for secp256k1, SM2SM3 for SM2; purpose auth, aud = the gateway DID)';

export interface AuthenticatorOptions {
  /** The gateway's own DID: the audience every token must name. */
  audience: string;
  authority: Authority;
  cache?: TokenCache;
}

/** Why a call is unauthenticated, beyond the JWT's own reasons (jwt-inspect.ts). */
export type MissingTokenReason = 'missing_token' | 'malformed_authorization';

export class Authenticator {
  readonly cache: TokenCache;
  /** Every refusal names the audience (AUDIENCE_TRAILER), so a caller can mint the right token. */
  private readonly audience: { readonly audience: string };
  constructor(private readonly options: AuthenticatorOptions) {
    if (typeof options.audience !== 'string' || !options.audience.startsWith('did:'))
      throw new TypeError('options.audience: expected the gateway DID');
    this.cache = options.cache ?? new TokenCache();
    this.audience = { audience: options.audience };
  }

  /**
   * The caller behind an `authorization` header value.
   * @throws CourtbridgeError UNAUTHENTICATED `missing_token`, `malformed_authorization`, or the JWT's reason
   */
  authenticate(authorization: string | undefined, nowMs: number): Caller {
    if (authorization === undefined || authorization.length === 0) {
      throw new CourtbridgeError(ErrorCode.Unauthenticated, 'missing_token', `no bearer token; ${TOKEN_HINT}`, { details: this.audience });
    }
    // A cached token is this exact string, which passed the syntax check when it was verified:
    // a hit needs neither the check nor a copy.
    const cached = authorization.startsWith('Bearer ') ? this.cache.get(authorization.slice(7), nowMs) : undefined;
    if (cached !== undefined) {
      const now = this.options.authority.keyAt(cached.did, cached.kid, nowMs);
      if (now.ok || now.reason === 'key_not_valid_at_time') return cached;
      this.cache.invalidateDid(cached.did);
      throw new CourtbridgeError(
        ErrorCode.Unauthenticated,
        now.reason === 'revoked' ? 'revoked_issuer' : 'unknown_issuer',
        `token issuer: ${now.message}; ${TOKEN_HINT}`,
        { details: this.audience },
      );
    }
    const m = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization);
    if (m === null)
      throw new CourtbridgeError(
        ErrorCode.Unauthenticated,
        'malformed_authorization',
        `authorization must be "Bearer <JWT>"; ${TOKEN_HINT}`,
        { details: this.audience },
      );
    const token = m[1]!;
    try {
      const v = verifyJwtFast(token, { audience: this.options.audience, purpose: 'auth', nowMs, authority: this.options.authority });
      const caller: Caller = { did: v.issuer, kid: v.kid, jti: v.payload.jti, expiresAtMs: v.payload.exp * 1000 };
      this.cache.set(token, caller);
      return caller;
    } catch (e) {
      if (isCourtbridgeError(e)) {
        throw new CourtbridgeError(ErrorCode.Unauthenticated, e.reason, `${e.message}; ${TOKEN_HINT}`, {
          cause: e,
          details: this.audience,
        });
      }
      throw e;
    }
  }
}

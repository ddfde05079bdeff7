/**
 * Bearer tokens for a member calling the gateway (a court's judicial smart contracts): a JWT
 * signed by the caller's DID key, purpose `auth`, audience the gateway's DID, two minutes of
 * lifetime, so a token caught on the way is of little use.
 *
 * One token serves every call until half its lifetime has passed, then the next call gets a fresh
 * one, as OAuth clients refresh ahead of expiry: a call never leaves with a token about to expire,
 * the gateway verifies one signature per caller per minute instead of one per call (its token
 * cache hits), and it holds one cached token per caller instead of one per call. Reuse changes
 * nothing for a token caught on the way: it was good for its whole lifetime either way.
 */
import { randomBytes } from 'node:crypto';
import { toBase64url } from '../encoding/bytes.js';
import { signJwtNative } from '../identity/jwt.js';
import type { Signer } from '../identity/signer.js';

export interface CourtBearerOptions {
  /** Who calls: the member's DID key. */
  caller: Signer;
  /** The gateway's DID (the token's audience). */
  gatewayDid: string;
  now: () => number;
  /** Token lifetime; 120 s unless told. */
  lifetimeMs?: number;
}

/** A token maker for `connectGateway({ bearer })`. */
export function courtBearer(o: CourtBearerOptions): () => string {
  const lifetimeMs = o.lifetimeMs ?? 120_000;
  let token = '';
  let mintedAtMs = Number.NEGATIVE_INFINITY;
  return () => {
    const now = o.now();
    // A clock stepped back also re-mints: the token's iat must never lie in the future.
    if (now - mintedAtMs >= lifetimeMs / 2 || now < mintedAtMs) {
      token = signJwtNative(o.caller, {
        audience: o.gatewayDid,
        purpose: 'auth',
        nowMs: now,
        lifetimeMs,
        jti: toBase64url(randomBytes(12)),
      });
      mintedAtMs = now;
    }
    return token;
  };
}

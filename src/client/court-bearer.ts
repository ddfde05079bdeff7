/**
 * Bearer tokens for a member calling the gateway (a court's judicial smart contracts): a fresh
 * JWT per call, signed by the caller's DID key, purpose `auth`, audience the gateway's DID, two
 * minutes of lifetime, so a token caught on the way is of little use.
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
  return () =>
    signJwtNative(o.caller, {
      audience: o.gatewayDid,
      purpose: 'auth',
      nowMs: o.now(),
      lifetimeMs: o.lifetimeMs ?? 120_000,
      jti: toBase64url(randomBytes(12)),
    });
}

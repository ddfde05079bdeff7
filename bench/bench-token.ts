/**
 * The bearer token the bench's clients send, as an integrator sends it: an auth JWT of the
 * fixture court (a key the alliance registry holds), audience the fixture gateway, with a jti.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { toBase64url } from '../src/encoding/bytes.js';
import { signJwtNative } from '../src/identity/jwt.js';
import { allianceFixture } from '../test/helpers/alliance-fixture.js';

/** Lifetime of a bench token (the auth maximum is 10 minutes). */
export const BENCH_TOKEN_LIFETIME_MS = 300_000;

/** `authorization` metadata with a fresh court token. */
export function courtAuthorization(nowMs = Date.now()): grpc.Metadata {
  const fx = allianceFixture();
  const jwt = signJwtNative(fx.court, {
    audience: fx.gateway.did,
    purpose: 'auth',
    nowMs,
    lifetimeMs: BENCH_TOKEN_LIFETIME_MS,
    jti: toBase64url(randomBytes(9)),
  });
  const m = new grpc.Metadata();
  m.set('authorization', `Bearer ${jwt}`);
  return m;
}

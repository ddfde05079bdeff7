/**
 * The gate's trust decisions over real gRPC on 127.0.0.1, with real ES256K tokens and a real
 * registry whose updates carry admin quorums: a method the policy table has no row for is refused
 * to every caller (default deny), and a token the gate has cached is refused the moment the
 * registry revokes its issuer, with no one clearing the cache. The gate's clock is the test's, so
 * the revocation instant itself is called. A self-made did:key, whose token authenticates, is no
 * member unless the guard is set to the development switch's `allow_without_roles`.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GATEWAY_CONFIG } from '../../../src/config/gateway-config.js';
import { toBase64url } from '../../../src/encoding/bytes.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { didKeyKid, didKeyOf } from '../../../src/identity/did-key.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { createLogger } from '../../../src/log.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { CallGuard } from '../../../src/relay/auth/guard.js';
import { TokenCache } from '../../../src/relay/auth/token-cache.js';
import { createGatewayServer } from '../../../src/relay/host/server.js';
import { POLICY, type DidKeyCallers, type Requirement } from '../../../src/relay/policy.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { pk, signerOf, signers, T0, world, type World } from '../../identity/fixture.js';
import { chainServiceClient, serverPerTest } from '../../helpers/gate-server.js';

const AUDIENCE = signers.gateway.did;
const T1 = T0 + 3_600_000;

const token = (signer: Signer, nowMs: number): string =>
  signJwtNative(signer, { audience: AUDIENCE, purpose: 'auth', nowMs, lifetimeMs: 300_000, jti: toBase64url(randomBytes(9)) });

const server = serverPerTest();

interface Gated {
  address: string;
  cache: TokenCache;
  /** Handler runs, by method name. */
  ran: string[];
  clock: { ms: number };
}

/**
 * ChainService ListChains and GetChainStatus behind a guard over `w`'s registry, under `policy`;
 * `didKeyCallers` is passed only when given (the guard's own default otherwise).
 */
async function gated(w: World, policy: Readonly<Record<string, Requirement>> = POLICY, didKeyCallers?: DidKeyCallers): Promise<Gated> {
  const cache = new TokenCache();
  const ran: string[] = [];
  const clock = { ms: T1 };
  const guard = new CallGuard({
    authenticator: new Authenticator({ audience: AUDIENCE, authority: w.authority, cache }),
    state: () => w.registry.state,
    limits: DEFAULT_GATEWAY_CONFIG.limits,
    logger: createLogger({ component: 'gateway', level: 'silent' }),
    now: () => clock.ms,
    policy,
    ...(didKeyCallers === undefined ? {} : { didKeyCallers }),
  });
  const gw = createGatewayServer({
    handlers: guard.wrap({
      ChainService: {
        ListChains: (_call, cb) => {
          ran.push('ListChains');
          cb(null, { chains: [] });
        },
        GetChainStatus: (_call, cb) => {
          ran.push('GetChainStatus');
          cb(null, { chainId: 'ip' });
        },
      },
    }),
  });
  const { port } = await gw.start('127.0.0.1:0');
  server.set(gw);
  return { address: `127.0.0.1:${port}`, cache, ran, clock };
}

/** One ChainService call: `{ code: 0 }` or the status code and the reason trailer. */
function call(
  address: string,
  method: 'ListChains' | 'GetChainStatus',
  bearer: string | undefined,
): Promise<{ code: number; reason: string }> {
  const c = chainServiceClient(address);
  const md = new grpc.Metadata();
  if (bearer !== undefined) md.set('authorization', `Bearer ${bearer}`);
  return new Promise((resolve) =>
    c[method]!.call(c, { chainId: 'ip' }, md, { deadline: Date.now() + 5_000 }, (e) => {
      c.close();
      resolve(e === null ? { code: 0, reason: '' } : { code: e.code, reason: String(e.metadata?.get(REASON_TRAILER)[0] ?? '') });
    }),
  );
}

describe('a method with no row in the policy table (default deny)', () => {
  // The shipped table has a row for every method, so the deny path is exercised with a table
  // that lacks one: the gate a new RPC would meet if its row were forgotten.
  const withoutListChains: Readonly<Record<string, Requirement>> = Object.fromEntries(
    Object.entries(POLICY).filter(([m]) => m !== 'ChainService/ListChains'),
  );

  it('a valid member token (court, then admin) is refused PERMISSION_DENIED no_policy and the handler never runs', async () => {
    const w = await world();
    const g = await gated(w, withoutListChains);
    for (const s of [signers['court-a'], signers['admin-a']]) {
      expect(await call(g.address, 'ListChains', token(s, T1))).toEqual({ code: grpc.status.PERMISSION_DENIED, reason: 'no_policy' });
    }
    // Control: the same token on a method that has a row passes the gate.
    expect(await call(g.address, 'GetChainStatus', token(signers['court-a'], T1))).toEqual({ code: 0, reason: '' });
    expect(g.ran).toEqual(['GetChainStatus']);
  });

  it('no token is refused UNAUTHENTICATED missing_token and the handler never runs', async () => {
    const w = await world();
    const g = await gated(w, withoutListChains);
    expect(await call(g.address, 'ListChains', undefined)).toEqual({ code: grpc.status.UNAUTHENTICATED, reason: 'missing_token' });
    expect(g.ran).toEqual([]);
  });
});

describe('a cached token whose issuer the registry revokes, the cache never cleared', () => {
  it('passes 1 ms before the revocation and is refused UNAUTHENTICATED revoked_issuer at its exact instant', async () => {
    const w = await world();
    const g = await gated(w);
    const court = signers['court-a'];
    const t = token(court, T1);
    expect(await call(g.address, 'ListChains', t)).toEqual({ code: 0, reason: '' });
    expect(g.cache.size).toBe(1);
    // The registry applies the revocation, effective a minute on; nothing calls invalidateDid.
    const revokedAt = T1 + 60_000;
    await w.registry.submit(w.update({ kind: 'revoke_member', did: court.did }, revokedAt), revokedAt);
    expect(g.cache.size).toBe(1);
    g.clock.ms = revokedAt - 1;
    expect(await call(g.address, 'ListChains', t)).toEqual({ code: 0, reason: '' });
    g.clock.ms = revokedAt;
    // The cache hit re-asks the registry: the authentication itself fails (not only the policy after it).
    expect(await call(g.address, 'ListChains', t)).toEqual({ code: grpc.status.UNAUTHENTICATED, reason: 'revoked_issuer' });
    expect(g.cache.size).toBe(0);
    expect(g.ran).toEqual(['ListChains', 'ListChains']);
  });
});

describe('a member registered a few seconds ahead (inside the clock skew)', () => {
  it('its token dated at the registration instant is refused PERMISSION_DENIED not_a_member 1 ms before it, and passes at it', async () => {
    const w = await world();
    const g = await gated(w);
    const newcomer = signerOf('credit-agency', 30);
    const at = T1 + 10_000;
    const op = { kind: 'register_member' as const, did: newcomer.did, org: 'Credit', roles: ['agency' as const], chains: ['credit'] };
    // The registry takes an update effective up to its clock skew ahead of its clock.
    await w.registry.submit(w.update({ ...op, keys: [{ kid: '#key-1', publicKey: pk(30) }] }, at), T1);
    // The token's iat is within the JWT skew of the gate's clock, and the key is valid at iat: it authenticates.
    const t = token(newcomer, at);
    g.clock.ms = at - 1;
    expect(await call(g.address, 'ListChains', t)).toEqual({ code: grpc.status.PERMISSION_DENIED, reason: 'not_a_member' });
    g.clock.ms = at;
    expect(await call(g.address, 'ListChains', t)).toEqual({ code: 0, reason: '' });
    expect(g.ran).toEqual(['ListChains']);
  });
});

describe('a self-made did:key caller, whose token authenticates', () => {
  const sk = randomBytes(32);
  const did = didKeyOf(publicKeyOf(sk));
  const didKey = createSigner(did, didKeyKid(did), sk);

  it('is refused PERMISSION_DENIED not_a_member by a guard left at its default, and by one set to refuse', async () => {
    for (const mode of [undefined, 'refuse'] as const) {
      const w = await world();
      const g = await gated(w, POLICY, mode);
      expect(await call(g.address, 'ListChains', token(didKey, T1)), String(mode)).toEqual({
        code: grpc.status.PERMISSION_DENIED,
        reason: 'not_a_member',
      });
      expect(g.ran).toEqual([]);
      await server.shutdown();
    }
  });

  it('passes to a member read under dev.allowDidKeyCallers (allow_without_roles)', async () => {
    const w = await world();
    const g = await gated(w, POLICY, 'allow_without_roles');
    expect(await call(g.address, 'ListChains', token(didKey, T1))).toEqual({ code: 0, reason: '' });
    expect(g.ran).toEqual(['ListChains']);
  });
});

import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GATEWAY_CONFIG, loadGatewayConfig, type LimitsConfig } from '../../../src/config/gateway-config.js';
import { silentLogger } from '../../../src/log.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { CallGuard } from '../../../src/relay/auth/guard.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { TokenCache } from '../../../src/relay/auth/token-cache.js';
import { requirementOf } from '../../../src/relay/policy.js';
import { createGatewayServer, type GatewayServer } from '../../../src/relay/host/server.js';
import { effectiveDeadline } from '../../../src/relay/host/deadline.js';
import { RateLimiter } from '../../../src/relay/limits/rate-limiter.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { chainServiceClient, courtToken, serverPerTest } from '../../helpers/gate-server.js';

const fx = allianceFixture();

const server = serverPerTest();

/**
 * A gated ListChains whose calls wait until the test releases them (at once when started
 * released): `arrived(n)` resolves once n calls reached the handler, so the tests order events
 * by what the server saw instead of by sleeps.
 */
interface HeldServer {
  address: string;
  gw: GatewayServer;
  arrived: (n: number) => Promise<void>;
  release: () => void;
}

async function heldServer(limits: Partial<LimitsConfig>, released = false): Promise<HeldServer> {
  const guard = new CallGuard({
    authenticator: new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority }),
    state: () => fx.state,
    limits: { ...DEFAULT_GATEWAY_CONFIG.limits, ...limits },
    logger: silentLogger(),
  });
  const waiting: Array<() => void> = [];
  const arrivals: Array<{ n: number; resolve: () => void }> = [];
  let count = 0;
  const gw = createGatewayServer({
    handlers: guard.wrap({
      ChainService: {
        ListChains: (_c, cb) => {
          count += 1;
          for (const a of arrivals.filter((x) => x.n <= count)) a.resolve();
          if (released) cb(null, { chains: [] });
          else waiting.push(() => cb(null, { chains: [] }));
        },
      },
    }),
  });
  const { port } = await gw.start('127.0.0.1:0');
  server.set(gw);
  return {
    address: `127.0.0.1:${port}`,
    gw,
    arrived: (n) => (count >= n ? Promise.resolve() : new Promise((resolve) => arrivals.push({ n, resolve }))),
    release: () => {
      released = true;
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

function listChains(
  address: string,
  options: grpc.CallOptions = {},
  bearer = courtToken(fx),
): Promise<{ code: number; reason: string; retry: string | undefined }> {
  const c = chainServiceClient(address);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${bearer}`);
  return new Promise((resolve) =>
    c.ListChains!.call(c, {}, md, options, (e) => {
      c.close();
      resolve({
        code: e?.code ?? 0,
        reason: String(e?.metadata.get(REASON_TRAILER)[0] ?? ''),
        retry: e?.metadata.get('retry-after-ms')[0]?.toString(),
      });
    }),
  );
}

describe('guard limits over gRPC', () => {
  it('a call without a deadline gets the cap and ends DEADLINE_EXCEEDED deadline_capped', async () => {
    // The handler never answers by itself: only the gateway's cap (a real timer, the thing under test) ends the call.
    const { address, release } = await heldServer({ deadlineCapMs: 150 });
    const t0 = Date.now();
    const r = await listChains(address);
    expect(r.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(r.reason).toBe('deadline_capped');
    expect(Date.now() - t0).toBeLessThan(1_500);
    release();
  });

  it('a deadline beyond the cap is shortened; one within it is honoured', async () => {
    const { address, arrived, release } = await heldServer({ deadlineCapMs: 300 });
    const call = listChains(address, { deadline: Date.now() + 60_000 });
    await arrived(1);
    release();
    expect((await call).code).toBe(0);
    expect(effectiveDeadline(new Date(10_000), 0, 300)).toEqual({ deadlineMs: 300, source: 'cap_shortened' });
    expect(effectiveDeadline(Infinity, 0, 300)).toEqual({ deadlineMs: 300, source: 'cap_applied' });
    expect(effectiveDeadline(200, 0, 300)).toEqual({ deadlineMs: 200, source: 'caller' });
  });

  it('per-caller rate limit: RESOURCE_EXHAUSTED caller_rate_limited with retry-after-ms', async () => {
    const { address } = await heldServer({ callsPerCaller: { limit: 2, windowMs: 60_000 } }, true);
    const bearer = courtToken(fx);
    expect((await listChains(address, {}, bearer)).code).toBe(0);
    expect((await listChains(address, {}, bearer)).code).toBe(0);
    const r = await listChains(address, {}, bearer);
    expect(r.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(r.reason).toBe('caller_rate_limited');
    expect(Number(r.retry)).toBeGreaterThan(0);
  });

  it('per-caller concurrency: RESOURCE_EXHAUSTED caller_concurrency_exceeded', async () => {
    const { address, arrived, release } = await heldServer({ maxConcurrentPerCaller: 1 });
    const first = listChains(address);
    await arrived(1);
    const y = await listChains(address);
    release();
    const x = await first;
    expect(x.code).toBe(0);
    expect(y.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(y.reason).toBe('caller_concurrency_exceeded');
  });

  it('graceful shutdown drains an in-flight call', async () => {
    const { address, gw, arrived, release } = await heldServer({});
    const inFlight = listChains(address);
    await arrived(1);
    // Shutdown starts with the call in the handler; the call then finishes within the grace period.
    const shutdown = gw.shutdown(5_000);
    release();
    const outcome = await shutdown;
    expect(outcome).toBe('drained');
    expect((await inFlight).code).toBe(0);
    server.forget();
  });
});

describe('token cache, policy, rate limiter, config', () => {
  it('caches a verified token until expiry and drops a DID on invalidation', () => {
    const cache = new TokenCache();
    const auth = new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority, cache });
    const now = Date.now();
    const t = courtToken(fx, now);
    const first = auth.authenticate(`Bearer ${t}`, now);
    expect(cache.size).toBe(1);
    expect(auth.authenticate(`Bearer ${t}`, now + 1)).toBe(first);
    expect(cache.get(t, first.expiresAtMs)).toBeUndefined();
    auth.authenticate(`Bearer ${t}`, now);
    expect(cache.invalidateDid(FixtureDids.court)).toBe(1);
    expect(cache.size).toBe(0);
    expect(() => auth.authenticate('Basic abc', now)).toThrow(/malformed_authorization|Bearer/);
  });

  it('the policy table denies by default and names roles', () => {
    expect(requirementOf('ActionService', 'SubmitAction')).toEqual({ kind: 'role', roles: ['court'] });
    expect(requirementOf('ActionService', 'Nope')).toBeUndefined();
  });

  it('rate limiter refills and says when to retry', () => {
    const rl = new RateLimiter(() => ({ limit: 2, windowMs: 1_000 }));
    expect(rl.take('k', 0).ok).toBe(true);
    expect(rl.take('k', 0).ok).toBe(true);
    expect(rl.take('k', 0)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(rl.take('k', 500).ok).toBe(true);
  });

  it('config validation names the field', () => {
    const hash = 'a'.repeat(64);
    expect(loadGatewayConfig({ overrides: { genesisHash: hash } }).limits.deadlineCapMs).toBe(30_000);
    expect(
      loadGatewayConfig({
        env: { COURTBRIDGE_DEADLINE_CAP_MS: '500', COURTBRIDGE_GENESIS_HASH: hash, COURTBRIDGE_NATS: 'nats://a:1,nats://b:2' },
      }),
    ).toMatchObject({
      limits: { deadlineCapMs: 500 },
      natsServers: ['nats://a:1', 'nats://b:2'],
    });
    expect(() => loadGatewayConfig({ overrides: { genesisHash: 'xyz' } })).toThrow(/config\.genesisHash/);
    expect(() => loadGatewayConfig({ overrides: { genesisHash: hash, limits: { deadlineCapMs: 0 } as LimitsConfig } })).toThrow(
      /config\.limits\.deadlineCapMs/,
    );
    expect(() => loadGatewayConfig({ env: { COURTBRIDGE_METRICS_PORT: 'x', COURTBRIDGE_GENESIS_HASH: hash } })).toThrow(/metricsPort/);
  });
});

import * as grpc from '@grpc/grpc-js';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GATEWAY_CONFIG, type LimitsConfig } from '../../../src/config/gateway-config.js';
import { silentLogger } from '../../../src/log.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { CallGuard } from '../../../src/relay/auth/guard.js';
import { createGatewayServer } from '../../../src/relay/host/server.js';
import { relayMetrics, type RelayMetrics } from '../../../src/relay/metrics-http.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { chainServiceClient, courtToken, serverPerTest } from '../../helpers/gate-server.js';

const fx = allianceFixture();

const server = serverPerTest();

interface Held {
  address: string;
  metrics: RelayMetrics;
  /** Resolves once the first call is in the handler. */
  first: Promise<void>;
  release: () => void;
}

/** A gated ListChains whose calls wait in the handler until released, under `limits`, with metrics. */
async function held(limits: Partial<LimitsConfig>): Promise<Held> {
  const metrics = relayMetrics(new Registry());
  const guard = new CallGuard({
    authenticator: new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority }),
    state: () => fx.state,
    limits: { ...DEFAULT_GATEWAY_CONFIG.limits, ...limits },
    logger: silentLogger(),
    metrics,
  });
  const waiting: Array<() => void> = [];
  let arrived: () => void = () => undefined;
  const first = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const gw = createGatewayServer({
    handlers: guard.wrap({
      ChainService: {
        ListChains: (_c, cb) => {
          waiting.push(() => cb(null, { chains: [] }));
          arrived();
        },
      },
    }),
  });
  const { port } = await gw.start('127.0.0.1:0');
  server.set(gw);
  return {
    address: `127.0.0.1:${port}`,
    metrics,
    first,
    release: () => {
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

function listChains(address: string): Promise<{ code: number; reason: string; retry: string | undefined; details: string }> {
  const c = chainServiceClient(address);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${courtToken(fx)}`);
  return new Promise((resolve) =>
    c.ListChains!.call(c, {}, md, { deadline: Date.now() + 10_000 }, (e) => {
      c.close();
      resolve({
        code: e?.code ?? 0,
        reason: String(e?.metadata.get(REASON_TRAILER)[0] ?? ''),
        retry: e?.metadata.get('retry-after-ms')[0]?.toString(),
        details: e?.details ?? '',
      });
    }),
  );
}

const value = async (m: { get(): Promise<{ values: Array<{ value: number; labels: Record<string, unknown> }> }> }, labels = {}) =>
  (await m.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels))?.value ?? 0;

describe('gateway-wide admission through the guard', () => {
  it('every slot taken and no queue: shed at once, gateway_overloaded (at capacity) with retry-after-ms; metrics count it', async () => {
    const h = await held({ maxInFlight: 1, maxQueued: 0, maxQueueWaitMs: 400 });
    const running = listChains(h.address);
    await h.first;
    expect(await value(h.metrics.admissionInFlight)).toBe(1);
    const shed = await listChains(h.address);
    expect(shed).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, reason: 'gateway_overloaded', retry: '200' });
    expect(shed.details).toMatch(/at capacity \(1 calls running, 0 waiting\)/);
    expect(await value(h.metrics.admissionShed, { reason: 'queue_full' })).toBe(1);
    h.release();
    expect((await running).code).toBe(0);
    expect(await value(h.metrics.admissionInFlight)).toBe(0);
  });

  it('every slot taken and the wait runs out: shed gateway_overloaded (no slot freed) with retry-after-ms', async () => {
    const h = await held({ maxInFlight: 1, maxQueued: 1, maxQueueWaitMs: 60 });
    const running = listChains(h.address);
    await h.first;
    const shed = await listChains(h.address);
    expect(shed).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, reason: 'gateway_overloaded', retry: '100' });
    expect(shed.details).toMatch(/no call slot freed within 60 ms/);
    expect(await value(h.metrics.admissionShed, { reason: 'queue_wait' })).toBe(1);
    h.release();
    expect((await running).code).toBe(0);
  });
});

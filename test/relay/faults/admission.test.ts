/**
 * Gateway-wide admission control over real gRPC, a real nats-server and the five adapters
 * (e2e-setup.ts): a gateway with a small limit (4 running, 4 waiting) and 40 courts, each its own
 * DID so the per-caller limits never bite, all querying a chain whose adapter answers slowly. The
 * excess is shed at once with RESOURCE_EXHAUSTED `gateway_overloaded` and retry-after-ms (long
 * before the callers' deadline), the admitted calls succeed, every call is accounted for, the
 * health check answers SERVING meanwhile, and the in-flight and queued gauges go back to 0.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { QueryHeight } from '../../../adapters/sdk/chain-backend.js';
import { DEFAULT_GATEWAY_CONFIG } from '../../../src/config/gateway-config.js';
import { toBase64url } from '../../../src/encoding/bytes.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { RETRY_AFTER_TRAILER } from '../../../src/relay/host/grpc-status.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { FixtureDids } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { serviceClient, startE2e, type E2e } from '../e2e/e2e-setup.js';

const COURTS = Array.from({ length: 40 }, (_, i) => `did:alliance:load-court-${i + 1}`);
const DEADLINE_MS = 20_000;
const SLOW_MS = 600;
const cast = demoCast();

let e2e: E2e;
let gw: RunningGateway;
let slowMs = 0;

beforeAll(async () => {
  e2e = await startE2e({ records: 5, extraCourts: COURTS });
  gw = await e2e.startGateway({ limits: { ...DEFAULT_GATEWAY_CONFIG.limits, maxInFlight: 4, maxQueued: 4, maxQueueWaitMs: 5_000 } });
  const backend = e2e.backends.credit;
  const read = backend.queryRecord.bind(backend);
  backend.queryRecord = async (key: string, height: QueryHeight) => {
    if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
    return read(key, height);
  };
}, 90_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

interface Outcome {
  code: number;
  reason: string;
  retryAfterMs: number;
  ms: number;
}

/** One Query as `did` (its own token), and how it ended. */
function queryAs(did: string): Promise<Outcome> {
  const signer = e2e.fx.signers.get(did);
  if (signer === undefined) throw new Error(`no signer for ${did}`);
  const token = signJwtNative(signer, {
    audience: FixtureDids.gateway,
    purpose: 'auth',
    nowMs: Date.now(),
    lifetimeMs: 300_000,
    jti: toBase64url(randomBytes(9)),
  });
  const c = serviceClient('QueryService', gw.address);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${token}`);
  const started = Date.now();
  const req = { query: { chainId: 'credit', recordType: 'dishonest', key: cast.debtor.dishonestKey, height: { latest: {} } } };
  return new Promise((resolve) =>
    c.Query!.call(c, req, md, { deadline: started + DEADLINE_MS }, (e: grpc.ServiceError | null) => {
      c.close();
      resolve({
        code: e === null ? grpc.status.OK : e.code,
        reason: e === null ? '' : String(e.metadata?.get(REASON_TRAILER)[0] ?? ''),
        retryAfterMs: e === null ? Number.NaN : Number(e.metadata?.get(RETRY_AFTER_TRAILER)[0] ?? Number.NaN),
        ms: Date.now() - started,
      });
    }),
  );
}

function healthCheck(address: string): Promise<{ code: number; status?: number }> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      () => Buffer.alloc(0),
      (b: Buffer) => b,
      {},
      new grpc.Metadata(),
      { deadline: Date.now() + 5_000 },
      (err, res) => {
        client.close();
        // HealthCheckResponse { status = 1 } encodes as 08 01 (SERVING).
        resolve(err ? { code: err.code } : { code: 0, status: res && res.length >= 2 ? res[1]! : 0 });
      },
    );
  });
}

const gauge = async (name: string): Promise<number> => {
  const m = await gw.deps.metrics.registry.getSingleMetric(name)?.get();
  return m?.values.reduce((s, v) => s + v.value, 0) ?? Number.NaN;
};

describe('gateway-wide admission control', () => {
  it('40 distinct courts against a slow chain: the excess is shed at once, the admitted succeed, nothing is lost', async () => {
    // Warm the path (light client, token cache of nobody in particular) before timing anything.
    expect((await queryAs(COURTS[0]!)).code).toBe(grpc.status.OK);
    slowMs = SLOW_MS;
    const shedBefore = await gauge('courtbridge_gateway_shed_total');
    const calls = COURTS.map((did) => queryAs(did));
    // While the gateway is saturated its health check still answers (never queued).
    await eventually(async () => (await gauge('courtbridge_gateway_in_flight')) === 4, {
      timeoutMs: 10_000,
      what: 'the gateway to be saturated',
    });
    expect(await healthCheck(gw.address)).toEqual({ code: 0, status: 1 });
    const outcomes = await Promise.all(calls);
    slowMs = 0;

    const ok = outcomes.filter((o) => o.code === grpc.status.OK);
    const shed = outcomes.filter((o) => o.code === grpc.status.RESOURCE_EXHAUSTED);
    const other = outcomes.filter((o) => o.code !== grpc.status.OK && o.code !== grpc.status.RESOURCE_EXHAUSTED);
    expect(other, `calls that neither succeeded nor were shed: ${JSON.stringify(other)}`).toEqual([]);
    expect(ok.length + shed.length).toBe(COURTS.length);
    expect(ok.length, 'at least the running and the waiting calls are served').toBeGreaterThanOrEqual(8);
    expect(shed.length, 'the calls beyond 4 running + 4 waiting are shed').toBeGreaterThan(0);
    for (const s of shed) {
      expect(s.reason).toBe('gateway_overloaded');
      expect(s.retryAfterMs).toBeGreaterThan(0);
      expect(s.ms, `a shed call took ${s.ms} ms; it must be refused long before its ${DEADLINE_MS} ms deadline`).toBeLessThan(
        DEADLINE_MS / 4,
      );
    }
    expect((await gauge('courtbridge_gateway_shed_total')) - shedBefore).toBe(shed.length);
    await eventually(
      async () => (await gauge('courtbridge_gateway_in_flight')) === 0 && (await gauge('courtbridge_gateway_queued')) === 0,
      {
        timeoutMs: 5_000,
        what: 'the in-flight and queued gauges to return to 0',
      },
    );
  });
});

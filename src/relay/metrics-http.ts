/**
 * The gateway's Prometheus instruments and the `/metrics` HTTP endpoint (calls by
 * method and code, latency histograms, NATS round trips, light-client heights, envelope drops
 * by reason). NATS round trips and drops are the bus's shared instruments (src/metrics.ts);
 * the ones here are the relay's own. Nothing is registered on import.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

import { courtbridgeMetrics, type CourtbridgeMetrics } from '../metrics.js';

export interface RelayMetrics extends CourtbridgeMetrics {
  /** gRPC calls by method (`Service/Method`) and final status code name. */
  readonly grpcCalls: Counter<'method' | 'code'>;
  /** gRPC call latency in seconds, by method. */
  readonly grpcSeconds: Histogram<'method'>;
  /** Failed handler answers by method and named reason (host/handlers.ts). */
  readonly callFailures: Counter<'method' | 'reason'>;
  /** Bearer tokens: `hit` (cache), `verified`, or a rejection reason. */
  readonly authOutcomes: Counter<'outcome'>;
  /** Trusted height of each chain's light client (set by the query path). */
  readonly lightClientHeight: Gauge<'chain'>;
  /** Actions by chain and status transition. */
  readonly actions: Counter<'chain' | 'status'>;
  /** Circuit breaker state per chain: 0 closed, 1 open. */
  readonly breakerOpen: Gauge<'chain'>;
  /** Calls running now, gateway-wide (admission control, limits/admission.ts). */
  readonly admissionInFlight: Gauge;
  /** Calls waiting for a slot now. */
  readonly admissionQueued: Gauge;
  /** Calls shed with RESOURCE_EXHAUSTED `gateway_overloaded`, by cause (`queue_full`, `queue_wait`). */
  readonly admissionShed: Counter<'reason'>;
}

const byRegistry = new WeakMap<Registry, RelayMetrics>();

/** The relay instruments on `registry` (created once per registry). */
export function relayMetrics(registry: Registry): RelayMetrics {
  const hit = byRegistry.get(registry);
  if (hit !== undefined) return hit;
  const registers = [registry];
  const m: RelayMetrics = {
    ...courtbridgeMetrics(registry),
    grpcCalls: new Counter({
      name: 'courtbridge_grpc_calls_total',
      help: 'gRPC calls by method and status code.',
      labelNames: ['method', 'code'] as const,
      registers,
    }),
    grpcSeconds: new Histogram({
      name: 'courtbridge_grpc_call_seconds',
      help: 'gRPC call latency in seconds, by method.',
      labelNames: ['method'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    callFailures: new Counter({
      name: 'courtbridge_call_failures_total',
      help: 'Failed handler answers by method and reason.',
      labelNames: ['method', 'reason'] as const,
      registers,
    }),
    authOutcomes: new Counter({
      name: 'courtbridge_auth_total',
      help: 'Bearer token outcomes: hit, verified, or the rejection reason.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    lightClientHeight: new Gauge({
      name: 'courtbridge_light_client_height',
      help: 'Trusted height of each chain light client.',
      labelNames: ['chain'] as const,
      registers,
    }),
    actions: new Counter({
      name: 'courtbridge_actions_total',
      help: 'Action status transitions by chain and status.',
      labelNames: ['chain', 'status'] as const,
      registers,
    }),
    breakerOpen: new Gauge({
      name: 'courtbridge_breaker_open',
      help: 'Circuit breaker per chain: 1 open, 0 closed.',
      labelNames: ['chain'] as const,
      registers,
    }),
    admissionInFlight: new Gauge({
      name: 'courtbridge_gateway_in_flight',
      help: 'Calls running now, gateway-wide (admission control).',
      registers,
    }),
    admissionQueued: new Gauge({
      name: 'courtbridge_gateway_queued',
      help: 'Calls waiting for an admission slot now.',
      registers,
    }),
    admissionShed: new Counter({
      name: 'courtbridge_gateway_shed_total',
      help: 'Calls shed with RESOURCE_EXHAUSTED gateway_overloaded, by cause.',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serve `GET /metrics` (Prometheus text format) on `host:port` (port 0 picks a free one).
 * @example
 * const http = await serveMetrics(registry, '127.0.0.1', 9464);
 */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/metrics' && !req.url?.startsWith('/metrics?'))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; try GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${e.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

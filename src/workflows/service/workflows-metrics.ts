/**
 * The workflow service's Prometheus instruments (served on `metricsHost:metricsPort` at
 * `GET /metrics` by the relay's `serveMetrics`, as the gateway does): steps taken by kind, case
 * errors, leases held, MediationService calls answered by method and outcome, and the shared bus
 * instruments (envelopes accepted and dropped by reason). Nothing is registered on import.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { courtbridgeMetrics, type CourtbridgeMetrics } from '../../metrics.js';

export interface WorkflowsMetrics extends CourtbridgeMetrics {
  /** Steps the contract took, by kind (`file_enforcement`, `order`, ...). */
  readonly steps: Counter<'kind'>;
  /** Failed case passes (retried on the next pass). */
  readonly caseErrors: Counter;
  /** Case leases this replica holds now. */
  readonly leasesHeld: Gauge;
  /** MediationService calls from gateways, by method and outcome (`ok` or the error's gRPC code). */
  readonly rpcCalls: Counter<'method' | 'outcome'>;
}

const byRegistry = new WeakMap<Registry, WorkflowsMetrics>();

/** `leasesHeld`: read at each scrape. */
export function workflowsMetrics(registry: Registry, leasesHeld: () => number = () => 0): WorkflowsMetrics {
  const hit = byRegistry.get(registry);
  if (hit !== undefined) return hit;
  const registers = [registry];
  const m: WorkflowsMetrics = {
    ...courtbridgeMetrics(registry),
    steps: new Counter({
      name: 'courtbridge_workflow_steps_total',
      help: 'Steps the enforcement contract took, by kind.',
      labelNames: ['kind'] as const,
      registers,
    }),
    caseErrors: new Counter({ name: 'courtbridge_workflow_errors_total', help: 'Failed case passes (retried next pass).', registers }),
    leasesHeld: new Gauge({
      name: 'courtbridge_workflow_leases_held',
      help: 'Case leases this replica holds.',
      registers,
      collect() {
        this.set(leasesHeld());
      },
    }),
    rpcCalls: new Counter({
      name: 'courtbridge_workflow_rpc_calls_total',
      help: 'MediationService calls answered for gateways, by method and outcome.',
      labelNames: ['method', 'outcome'] as const,
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}

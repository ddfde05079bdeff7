/**
 * Prometheus metrics (DESIGN.md "every service ... exposes Prometheus metrics"; STYLE.md 6:
 * rejections have named reasons, counted in metrics).
 *
 * Nothing is registered on import (STYLE.md 9): `createRegistry()` makes a registry and
 * `courtbridgeMetrics(registry)` creates the shared instruments on it once, lazily, so two
 * callers handing in the same registry share the same counters (prom-client refuses a second
 * registration of one name).
 */
import { Counter, Histogram, Registry } from 'prom-client';

export interface CourtbridgeMetrics {
  readonly registry: Registry;
  /** Envelopes dropped by a receiver, by named reason (`unsigned`, `tampered`, `stale`, ...) and message type. */
  readonly envelopeDropped: Counter<'reason' | 'type'>;
  /**
   * Every message a NATS subscriber or consumer dropped (bus/dropped.ts), by subject kind and
   * named reason: envelope checks and the checks after them (content, chain, registry rules).
   */
  readonly busDropped: Counter<'subject_kind' | 'reason'>;
  /** Envelopes that passed every check, by message type. */
  readonly envelopeAccepted: Counter<'type'>;
  /** Bus request/reply outcomes, by subject kind (`query`, `index`, ...) and outcome (`ok` or a reason). */
  readonly busRequests: Counter<'kind' | 'outcome'>;
  /** Bus request/reply round-trip time in seconds, by subject kind. */
  readonly busRequestSeconds: Histogram<'kind'>;
}

/** A fresh registry (one per process, made by the service's main, not on import). */
export function createRegistry(): Registry {
  return new Registry();
}

const byRegistry = new WeakMap<Registry, CourtbridgeMetrics>();

/** The shared instruments on `registry`, created on first call for that registry. */
export function courtbridgeMetrics(registry: Registry): CourtbridgeMetrics {
  if (!(registry instanceof Registry)) throw new TypeError('registry: expected a prom-client Registry');
  const existing = byRegistry.get(registry);
  if (existing !== undefined) return existing;
  const registers = [registry];
  const m: CourtbridgeMetrics = {
    registry,
    envelopeDropped: new Counter({
      name: 'courtbridge_envelope_dropped_total',
      help: 'Signed envelopes dropped by a receiver, by named reason and message type.',
      labelNames: ['reason', 'type'] as const,
      registers,
    }),
    busDropped: new Counter({
      name: 'courtbridge_bus_dropped_total',
      help: 'Messages dropped by a NATS subscriber or consumer, by subject kind and named reason.',
      labelNames: ['subject_kind', 'reason'] as const,
      registers,
    }),
    envelopeAccepted: new Counter({
      name: 'courtbridge_envelope_accepted_total',
      help: 'Signed envelopes accepted after every check, by message type.',
      labelNames: ['type'] as const,
      registers,
    }),
    busRequests: new Counter({
      name: 'courtbridge_bus_requests_total',
      help: 'NATS request/reply calls by subject kind and outcome.',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    busRequestSeconds: new Histogram({
      name: 'courtbridge_bus_request_seconds',
      help: 'NATS request/reply round-trip time in seconds.',
      labelNames: ['kind'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}

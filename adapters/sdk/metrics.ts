/**
 * The adapter runtime's Prometheus counters (DESIGN.md "every service ... exposes Prometheus
 * metrics"; STYLE.md 6: rejections have named reasons, counted in metrics), on a registry from
 * src/metrics.ts `createRegistry()`. Created lazily, once per registry (prom-client refuses a
 * second registration of one name), so replicas in one process share them; nothing on import.
 */
import { Counter, Registry } from 'prom-client';

export interface AdapterMetrics {
  readonly registry: Registry;
  /** Query requests by chain, kind (`query`, `index`, `lightblock`) and outcome (`ok`, `error`, `expired`). */
  readonly queries: Counter<'chain' | 'kind' | 'outcome'>;
  /** Finished action messages by chain, outcome (`executed`, `rejected`, `failed`) and reason (`applied`, `already_applied`, or the named rejection). */
  readonly actions: Counter<'chain' | 'outcome' | 'reason'>;
  /** Signed headers published to the headers stream, by chain. */
  readonly headersPublished: Counter<'chain'>;
}

const byRegistry = new WeakMap<Registry, AdapterMetrics>();

/** The adapter counters on `registry`, created on first call for that registry. */
export function adapterMetrics(registry: Registry): AdapterMetrics {
  if (!(registry instanceof Registry)) throw new TypeError('registry: expected a prom-client Registry');
  const existing = byRegistry.get(registry);
  if (existing !== undefined) return existing;
  const registers = [registry];
  const m: AdapterMetrics = {
    registry,
    queries: new Counter({
      name: 'courtbridge_adapter_queries_total',
      help: 'Adapter query requests by chain, kind and outcome.',
      labelNames: ['chain', 'kind', 'outcome'] as const,
      registers,
    }),
    actions: new Counter({
      name: 'courtbridge_adapter_actions_total',
      help: 'Adapter action messages finished, by chain, outcome and named reason.',
      labelNames: ['chain', 'outcome', 'reason'] as const,
      registers,
    }),
    headersPublished: new Counter({
      name: 'courtbridge_adapter_headers_published_total',
      help: 'Signed headers published to the headers stream, by chain.',
      labelNames: ['chain'] as const,
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}

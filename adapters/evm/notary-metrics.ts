/**
 * The notary follower's Prometheus counters (STYLE.md 6: refusals have named reasons, counted),
 * on a registry from src/metrics.ts `createRegistry()`. Created once per registry, as
 * adapters/sdk/metrics.ts does (prom-client refuses a second registration of one name).
 */
import { Counter, Registry } from 'prom-client';

export interface NotaryMetrics {
  /** Blocks signed and published, by chain (a republished block counts again). */
  readonly signed: Counter<'chain'>;
  /** Blocks refused, by chain and reason (`notary_refuses_conflicting_block`, `evm_header_hash_mismatch`, ...). */
  readonly refusals: Counter<'chain' | 'reason'>;
  /** Failed attempts to read the node or publish (retried with backoff), by chain. */
  readonly retries: Counter<'chain'>;
}

const byRegistry = new WeakMap<Registry, NotaryMetrics>();

/** The notary counters on `registry`, created on first call for that registry. */
export function notaryMetrics(registry: Registry): NotaryMetrics {
  if (!(registry instanceof Registry)) throw new TypeError('registry: expected a prom-client Registry');
  const existing = byRegistry.get(registry);
  if (existing !== undefined) return existing;
  const registers = [registry];
  const m: NotaryMetrics = {
    signed: new Counter({
      name: 'courtbridge_notary_signed_total',
      help: 'Blocks a notary signed and published, by chain.',
      labelNames: ['chain'] as const,
      registers,
    }),
    refusals: new Counter({
      name: 'courtbridge_notary_refusals_total',
      help: 'Blocks a notary refused to sign, by chain and named reason.',
      labelNames: ['chain', 'reason'] as const,
      registers,
    }),
    retries: new Counter({
      name: 'courtbridge_notary_retries_total',
      help: 'Failed reads of the node or publishes, retried with backoff, by chain.',
      labelNames: ['chain'] as const,
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}

/**
 * What a workflow service replica shows the network besides its steps: MediationService for the
 * gateways (mediation-responder.ts, over NATS) and its Prometheus `/metrics` (workflows-metrics.ts,
 * on `metricsHost:metricsPort`, off when the port is -1). Started once by `startWorkflowsService`.
 */
import type { NatsConnection } from 'nats';
import { Registry } from 'prom-client';
import { ensureKv } from '../../bus/jetstream.js';
import { KvReplayGuard } from '../../bus/replay-kv.js';
import type { WorkflowsConfig } from '../../config/workflows-config.js';
import type { Authority } from '../../identity/authority.js';
import type { Logger } from '../../log.js';
import { serveMetrics, type MetricsServer } from '../../relay/metrics-http.js';
import type { EnforcementEngine, StepTaken } from '../enforcement/engine.js';
import { engineBackend } from '../mediation/mediation-backend.js';
import { CALL_MAX_AGE_MS, CALL_MAX_FUTURE_SKEW_MS, startMediationResponder, type MediationResponder } from './mediation-responder.js';
import { workflowsMetrics, type WorkflowsMetrics } from './workflows-metrics.js';

export interface WorkflowsSurfaceHooks {
  onStep?: (step: StepTaken) => void;
  onError?: (caseId: string, e: unknown) => void;
}

export interface WorkflowsSurface {
  readonly metrics: WorkflowsMetrics;
  /** The metrics endpoint's port; undefined when it is off. */
  readonly metricsPort: number | undefined;
  /** `hooks` that also count steps and errors. */
  counted(hooks: WorkflowsSurfaceHooks): WorkflowsSurfaceHooks;
  /** Start answering MediationService calls (once the engine's registry is caught up). */
  serve(engine: EnforcementEngine, authority: Authority): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkflowsSurface(o: {
  config: WorkflowsConfig;
  nc: NatsConnection;
  leasesHeld: () => number;
  logger: Logger;
  now: () => number;
}): Promise<WorkflowsSurface> {
  const registry = new Registry();
  const metrics = workflowsMetrics(registry, o.leasesHeld);
  let http: MetricsServer | undefined;
  let responder: MediationResponder | undefined;
  let stopping = false;
  if (o.config.metricsPort >= 0) http = await serveMetrics(registry, o.config.metricsHost, o.config.metricsPort);
  return {
    metrics,
    metricsPort: http?.port,
    counted: (hooks) => ({
      onStep: (step) => {
        metrics.steps.inc({ kind: step.step });
        hooks.onStep?.(step);
      },
      onError: (caseId, e) => {
        metrics.caseErrors.inc();
        hooks.onError?.(caseId, e);
      },
    }),
    async serve(engine, authority) {
      // Ids are remembered past the freshness window, by every replica alike.
      const kv = await ensureKv(o.nc.jetstream(), o.config.replayBucket, {
        ttlMs: 2 * (CALL_MAX_AGE_MS + CALL_MAX_FUTURE_SKEW_MS),
        replicas: o.config.jetstreamReplicas,
      });
      responder = startMediationResponder({
        nc: o.nc,
        backend: engineBackend(engine, o.now, () => stopping),
        authority,
        replay: new KvReplayGuard(kv),
        now: o.now,
        logger: o.logger,
        metrics,
      });
    },
    async stop() {
      stopping = true;
      await responder?.stop();
      await http?.close();
    },
  };
}

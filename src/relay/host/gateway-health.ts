/**
 * Per-service health of the composed gateway ("per-service status reflects NATS and
 * light clients"). grpc.health's unit is a service, so a chain's light client shows as:
 *   - every service: NOT_SERVING while NATS is disconnected or reconnecting (all of them need it);
 *   - QueryService, InvestigationService, WatchService, the query services: NOT_SERVING
 *     when no followed chain has an active light client (nothing can be verified);
 *   - ActionService: NOT_SERVING when the judicial chain's client is not active (orders are
 *     checked against it, DESIGN.md "Actions").
 * One chain frozen among several leaves QueryService SERVING (the others still answer); that chain
 * is refused per call with FAILED_PRECONDITION `client_frozen` and shown by GetChainStatus.
 */
import type { NatsConnection } from 'nats';
import type { ServingStatus } from 'grpc-health-check';

import type { Logger } from '../../log.js';
import type { ClientView } from '../light-clients/manager.js';
import type { HealthSink } from './nats-health.js';
import { COURTBRIDGE_SERVICES, type CourtbridgeServiceName } from './services.js';

/** Services whose answers rest on a light client. */
const NEEDS_ANY_CLIENT: ReadonlySet<CourtbridgeServiceName> = new Set(['QueryService', 'InvestigationService', 'WatchService']);

export interface GatewayHealthOptions {
  nc: NatsConnection;
  sink: HealthSink;
  /** Light-client views of the followed chains now. */
  views: () => readonly ClientView[];
  judicialChainId: string;
  logger: Logger;
  /** How often light clients are looked at, ms; 1,000 unless told. */
  intervalMs?: number;
}

/** What each target should report, given NATS and the light clients. */
export function healthOf(
  natsUp: boolean,
  views: readonly ClientView[],
  judicialChainId: string,
): Map<CourtbridgeServiceName | '', ServingStatus> {
  const anyActive = views.some((v) => v.status === 'active');
  const judicial = views.find((v) => v.chainId === judicialChainId);
  const out = new Map<CourtbridgeServiceName | '', ServingStatus>([['', natsUp ? 'SERVING' : 'NOT_SERVING']]);
  for (const s of COURTBRIDGE_SERVICES) {
    let ok = natsUp;
    if (NEEDS_ANY_CLIENT.has(s)) ok &&= anyActive;
    if (s === 'ActionService' && judicial !== undefined) ok &&= judicial.status === 'active';
    out.set(s, ok ? 'SERVING' : 'NOT_SERVING');
  }
  return out;
}

/** Follow NATS and the light clients into health until `stop()`. */
export function followGatewayHealth(o: GatewayHealthOptions): { stop(): void; refresh(): void } {
  let natsUp = !o.nc.isClosed();
  const last = new Map<string, ServingStatus>();
  const refresh = (): void => {
    for (const [target, status] of healthOf(natsUp, o.views(), o.judicialChainId)) {
      if (last.get(target) === status) continue;
      last.set(target, status);
      o.sink.setHealth(target, status);
      if (target !== '') o.logger.info({ service: target, status }, 'health changed');
    }
  };
  void (async () => {
    for await (const s of o.nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') natsUp = false;
      else if (s.type === 'reconnect') natsUp = true;
      else continue;
      o.logger.warn({ event: s.type }, 'NATS status changed');
      refresh();
    }
  })().catch((e: unknown) => o.logger.error({ err: e }, 'health follower failed'));
  const timer = setInterval(refresh, o.intervalMs ?? 1_000);
  timer.unref();
  refresh();
  return { stop: () => clearInterval(timer), refresh };
}

/**
 * Health reporting (grpc.health.v1, ): what each service's status means.
 *   - '' (the server) and every courtbridge service: SERVING while the NATS connection is up,
 *     NOT_SERVING while it is disconnected or reconnecting (every service needs NATS: queries,
 *     actions, registry updates), NOT_SERVING during shutdown.
 *   - Light clients: a frozen chain cannot be expressed per chain in grpc.health (its unit is
 *     a service), so a frozen or expired client is reported by ChainService/GetChainStatus and
 *     the `courtbridge_light_client_height` metric, and refused per call (FAILED_PRECONDITION
 *     `client_frozen`); QueryService stays SERVING for the other chains.
 */
import type { NatsConnection } from 'nats';
import type { ServingStatus } from 'grpc-health-check';

import type { Logger } from '../../log.js';
import type { HealthTarget } from './server.js';
import { COURTBRIDGE_SERVICES } from './services.js';

export interface HealthSink {
  setHealth(target: HealthTarget, status: ServingStatus): void;
}

/** Set every target's status. */
export function setAllHealth(sink: HealthSink, status: ServingStatus): void {
  sink.setHealth('', status);
  for (const s of COURTBRIDGE_SERVICES) sink.setHealth(s, status);
}

/** Follow the NATS connection's status into health until it closes. */
export function followNatsHealth(nc: NatsConnection, sink: HealthSink, logger: Logger): void {
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') {
        setAllHealth(sink, 'NOT_SERVING');
        logger.warn({ event: s.type }, 'NATS down: health NOT_SERVING');
      } else if (s.type === 'reconnect') {
        setAllHealth(sink, 'SERVING');
        logger.info('NATS back: health SERVING');
      }
    }
  })().catch((e: unknown) => logger.error({ err: e }, 'health follower failed'));
}

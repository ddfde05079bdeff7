/**
 * The NATS connection every bus user shares (DESIGN.md "Transport").
 *
 * Reconnects forever by default with a jittered wait (so replicas that lost the same server do
 * not come back in lock-step), logs every status change, and turns "nothing listens there"
 * at start-up into one clear UNAVAILABLE error a person can act on. Shutdown is part of the
 * API (nats.js: `drain()`, `close()`, `closed()`).
 */
import { connect, type Authenticator, type NatsConnection } from 'nats';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { watchConnection } from './connection-loss.js';

export interface BusOptions {
  /** One URL or several (a cluster), e.g. `nats://127.0.0.1:4222`. */
  servers: string | string[];
  /** Client name shown by the server (`nats server report connections`), e.g. `gateway-1`. */
  name: string;
  logger?: Logger;
  /** Reconnect attempts per server; -1 (the default) = forever. */
  maxReconnectAttempts?: number;
  /** Base wait between reconnect attempts to one server; 2,000 ms unless told. */
  reconnectTimeWaitMs?: number;
  /** Random extra wait added to each reconnect, up to this many ms; 500 unless told. */
  reconnectJitterMs?: number;
  /** How long the first connection may take; 5,000 ms unless told. */
  connectTimeoutMs?: number;
  /** Per-DID authentication (nkey, JWT creds, token), where the deployment uses it. */
  authenticator?: Authenticator;
}

export interface BusConnection {
  /** The underlying nats.js connection, for `jetstream(nc)`-style extensions. */
  readonly nc: NatsConnection;
  /** Flush, let subscriptions finish their pending messages, then close. */
  drain(): Promise<void>;
  /** Close now (pending messages are dropped). */
  close(): Promise<void>;
  /** Resolves when the connection is closed, with the error that closed it, if any. */
  closed(): Promise<Error | undefined>;
}

function serverList(servers: string | string[]): string[] {
  const list = Array.isArray(servers) ? servers : [servers];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'bad_nats_servers',
      'servers: expected one or more NATS URLs, e.g. nats://127.0.0.1:4222',
    );
  }
  return list;
}

/**
 * Connect to NATS.
 *
 * @throws CourtbridgeError UNAVAILABLE `nats_unreachable` when no server answers at start-up;
 *   UNAUTHENTICATED `nats_auth_failed` when the server refuses the credentials.
 * @example
 * const bus = await connectBus({ servers: 'nats://127.0.0.1:4222', name: 'gateway-1', logger });
 * const js = bus.nc.jetstream();
 * ...
 * await bus.drain();
 */
export async function connectBus(options: BusOptions): Promise<BusConnection> {
  const servers = serverList(options.servers);
  if (typeof options.name !== 'string' || options.name.length === 0) throw new TypeError('options.name: expected a non-empty client name');
  const log = (options.logger ?? silentLogger()).child({ nats: servers.join(',') });
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers,
      name: options.name,
      maxReconnectAttempts: options.maxReconnectAttempts ?? -1,
      reconnectTimeWait: options.reconnectTimeWaitMs ?? 2_000,
      reconnectJitter: options.reconnectJitterMs ?? 500,
      timeout: options.connectTimeoutMs ?? 5_000,
      // Fail fast at start-up: a service that cannot reach NATS should say so, not hang.
      waitOnFirstConnect: false,
      // nats.js builds two Error objects per request for async stack traces; our errors carry
      // their own context (subject, chain, deadline), so skip that cost on the query hot path.
      noAsyncTraces: true,
      ...(options.authenticator === undefined ? {} : { authenticator: options.authenticator }),
    });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const cause = code || (e as Error).message;
    if (code === 'AUTHORIZATION_VIOLATION' || code === 'BAD_AUTHENTICATION' || code === 'AUTHENTICATION_EXPIRED' || code === 'BAD_CREDS') {
      throw new CourtbridgeError(
        ErrorCode.Unauthenticated,
        'nats_auth_failed',
        `NATS at ${servers.join(', ')} refused our credentials: ${cause}. Check the client's nkey/creds for this DID.`,
        { cause: e },
      );
    }
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      'nats_unreachable',
      `cannot reach NATS at ${servers.join(', ')}: ${cause}. Is nats-server running? Start one with \`nats-server -js\` or point the service at a running server.`,
      { cause: e, details: { servers: servers.join(',') } },
    );
  }
  log.info({ server: nc.getServer(), name: options.name }, 'nats connected');
  void logStatus(nc, log);
  // Follow disconnects from the start, so requests fail fast on a loss (connection-loss.ts).
  watchConnection(nc);
  return {
    nc,
    drain: () => nc.drain(),
    close: () => nc.close(),
    closed: () => nc.closed().then((err) => (err instanceof Error ? err : undefined)),
  };
}

/** Log every status event until the connection closes; reconnect churn is `warn`, errors `error`. */
async function logStatus(nc: NatsConnection, log: Logger): Promise<void> {
  try {
    for await (const s of nc.status()) {
      const data = typeof s.data === 'string' || typeof s.data === 'number' ? s.data : JSON.stringify(s.data);
      switch (s.type) {
        case 'disconnect':
        case 'reconnecting':
        case 'staleConnection':
        case 'ldm':
          log.warn({ event: s.type, data }, 'nats status');
          break;
        case 'error':
          log.error({ event: s.type, data }, 'nats status');
          break;
        case 'pingTimer':
          break;
        default:
          log.info({ event: s.type, data }, 'nats status');
      }
    }
  } catch (e) {
    log.error({ err: e }, 'nats status iterator failed');
  }
  const err = await nc.closed();
  if (err) log.error({ err }, 'nats connection closed with error');
  else log.info('nats connection closed');
}

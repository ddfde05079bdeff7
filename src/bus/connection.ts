/**
 * The NATS connection every bus user shares (DESIGN.md "Transport").
 *
 * Reconnects forever by default with a jittered wait (so replicas that lost the same server do
 * not come back in lock-step), logs every status change, and turns "nothing listens there"
 * at start-up into one clear UNAVAILABLE error a person can act on. Shutdown is part of the
 * API (nats.js: `drain()`, `close()`, `closed()`).
 */
import { readFileSync } from 'node:fs';
import { connect, nkeyAuthenticator, nkeys, type Authenticator, type ConnectionOptions, type NatsConnection } from 'nats';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { Counter, type Registry } from 'prom-client';
import { watchConnection } from './connection-loss.js';
import { inboxPrefixOf } from './permissions.js';

/**
 * How a participant proves who it is to NATS and checks the server (`courtbridge nats-config`
 * writes the seeds and the server config): its nkey seed file, and the TLS files of the deployment.
 */
export interface NatsClientAuth {
  /** The participant's nkey seed file (`<user>.nk`, from `courtbridge nats-config`). */
  nkeySeedFile?: string;
  /** CA certificate(s) that signed the server's certificate. */
  caFile?: string;
  /** Client certificate and key, where the server verifies clients (`tls { verify: true }`). */
  certFile?: string;
  keyFile?: string;
}

/** `CB_NATS_NKEY_FILE`, `CB_NATS_CA_FILE`, `CB_NATS_CERT_FILE`, `CB_NATS_KEY_FILE`; undefined when none is set. */
export function natsAuthFromEnv(env: NodeJS.ProcessEnv = process.env): NatsClientAuth | undefined {
  const auth: NatsClientAuth = {
    ...(env['CB_NATS_NKEY_FILE'] ? { nkeySeedFile: env['CB_NATS_NKEY_FILE'] } : {}),
    ...(env['CB_NATS_CA_FILE'] ? { caFile: env['CB_NATS_CA_FILE'] } : {}),
    ...(env['CB_NATS_CERT_FILE'] ? { certFile: env['CB_NATS_CERT_FILE'] } : {}),
    ...(env['CB_NATS_KEY_FILE'] ? { keyFile: env['CB_NATS_KEY_FILE'] } : {}),
  };
  return Object.keys(auth).length === 0 ? undefined : auth;
}

function readAuthFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'nats_auth_file_unreadable',
      `cannot read the NATS ${what} ${file}: ${(e as Error).message}. Give the file \`courtbridge nats-config\` wrote (or your PKI's).`,
      { cause: e },
    );
  }
}

/**
 * The nats.js options for `auth`: the nkey authenticator, the participant's own inbox prefix
 * (`_INBOX_<its public nkey>`: the only inbox the server lets it read) and TLS.
 */
export function natsAuthOptions(auth: NatsClientAuth | undefined): Partial<ConnectionOptions> {
  if (auth === undefined) return {};
  const out: Partial<ConnectionOptions> = {};
  if (auth.nkeySeedFile !== undefined) {
    const seed = new TextEncoder().encode(readAuthFile(auth.nkeySeedFile, 'nkey seed').trim());
    let publicKey: string;
    try {
      publicKey = nkeys.fromSeed(seed).getPublicKey();
    } catch (e) {
      throw new CourtbridgeError(
        ErrorCode.InvalidArgument,
        'nats_auth_file_unreadable',
        `${auth.nkeySeedFile} is not an nkey user seed (SU...): ${(e as Error).message}`,
        { cause: e },
      );
    }
    out.authenticator = nkeyAuthenticator(seed);
    out.inboxPrefix = inboxPrefixOf(publicKey);
  }
  if (auth.caFile !== undefined || auth.certFile !== undefined) {
    out.tls = {
      ...(auth.caFile === undefined ? {} : { ca: readAuthFile(auth.caFile, 'CA file') }),
      ...(auth.certFile === undefined ? {} : { cert: readAuthFile(auth.certFile, 'client certificate') }),
      ...(auth.keyFile === undefined ? {} : { key: readAuthFile(auth.keyFile, 'client key') }),
    };
  }
  return out;
}

/**
 * `connect` with `auth` for the places that hold a bare nats.js connection (CLI commands, the
 * workflow service, the demo): refused credentials become UNAUTHENTICATED `nats_auth_failed`.
 */
export async function connectNats(
  options: ConnectionOptions & { servers: string | string[] },
  auth: NatsClientAuth | undefined,
  watch?: { logger: Logger; metrics?: Registry },
): Promise<NatsConnection> {
  const servers = Array.isArray(options.servers) ? options.servers : [options.servers];
  let nc: NatsConnection;
  try {
    nc = await connect({ ...options, ...natsAuthOptions(auth) });
  } catch (e) {
    throw natsConnectError(e, servers);
  }
  // Requests on this connection fail fast when it is lost (connection-loss.ts).
  watchConnection(nc);
  if (watch !== undefined) void watchPermissionViolations(nc, watch.logger, permissionViolations(watch.metrics));
  return nc;
}

/** Log and count every subject the server refuses this connection, until it closes. */
async function watchPermissionViolations(nc: NatsConnection, log: Logger, violations: Counter<'operation'> | undefined): Promise<void> {
  for await (const s of nc.status()) {
    const v = permissionViolationOf(s);
    if (v === undefined) continue;
    violations?.inc({ operation: v.operation });
    log.error({ event: 'permission_violation', operation: v.operation, subject: v.subject }, 'nats permission violation');
  }
}

const AUTH_CODES = new Set(['AUTHORIZATION_VIOLATION', 'BAD_AUTHENTICATION', 'AUTHENTICATION_EXPIRED', 'BAD_CREDS']);

/** A failed first connection as a CourtbridgeError a person can act on. */
export function natsConnectError(e: unknown, servers: readonly string[]): CourtbridgeError {
  if (e instanceof CourtbridgeError) return e;
  const code = (e as { code?: string }).code ?? '';
  const cause = code || (e as Error).message;
  if (AUTH_CODES.has(code)) {
    return new CourtbridgeError(
      ErrorCode.Unauthenticated,
      'nats_auth_failed',
      `NATS at ${servers.join(', ')} refused our credentials: ${cause}. Give this process its own seed from \`courtbridge nats-config\` (CB_NATS_NKEY_FILE or --nats-nkey), and check the server runs the config generated for the current registry.`,
      { cause: e },
    );
  }
  if (/certificate|self.signed|TLS|SSL/i.test((e as Error).message ?? '')) {
    return new CourtbridgeError(
      ErrorCode.Unavailable,
      'nats_tls_failed',
      `TLS with NATS at ${servers.join(', ')} failed: ${(e as Error).message}. Give the CA that signed the server's certificate (CB_NATS_CA_FILE or --nats-ca).`,
      { cause: e },
    );
  }
  return new CourtbridgeError(
    ErrorCode.Unavailable,
    'nats_unreachable',
    `cannot reach NATS at ${servers.join(', ')}: ${cause}. Is nats-server running? Start one with \`nats-server -js\` or point the service at a running server.`,
    { cause: e, details: { servers: servers.join(',') } },
  );
}
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
  /** The participant's nkey seed and TLS files (`courtbridge nats-config`). */
  auth?: NatsClientAuth;
  /** Where `courtbridge_nats_permission_violations_total` is counted (the service's metrics registry). */
  metrics?: Registry;
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
      ...natsAuthOptions(options.auth),
      ...(options.authenticator === undefined ? {} : { authenticator: options.authenticator }),
    });
  } catch (e) {
    throw natsConnectError(e, servers);
  }
  log.info({ server: nc.getServer(), name: options.name }, 'nats connected');
  void logStatus(nc, log, permissionViolations(options.metrics));
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
async function logStatus(nc: NatsConnection, log: Logger, violations: Counter<'operation'> | undefined): Promise<void> {
  try {
    for await (const s of nc.status()) {
      const violation = permissionViolationOf(s);
      if (violation !== undefined) {
        // The server refused a subject this participant's permissions leave out: a bug in the
        // generated config or a participant overstepping its role; either way someone must look.
        violations?.inc({ operation: violation.operation });
        log.error(
          { event: 'permission_violation', operation: violation.operation, subject: violation.subject },
          'nats permission violation',
        );
        continue;
      }
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

/** The operation (`publish`, `subscription`) and subject of a NATS permissions violation, from a status event. */
export function permissionViolationOf(status: unknown): { operation: string; subject: string } | undefined {
  const s = status as { data?: unknown; permissionContext?: { operation?: string; subject?: string } } | undefined;
  if (s?.data !== 'PERMISSIONS_VIOLATION') return undefined;
  return { operation: s.permissionContext?.operation ?? 'unknown', subject: s.permissionContext?.subject ?? '' };
}

function permissionViolations(registry: Registry | undefined): Counter<'operation'> | undefined {
  if (registry === undefined) return undefined;
  const name = 'courtbridge_nats_permission_violations_total';
  const existing = registry.getSingleMetric(name);
  if (existing !== undefined) return existing as Counter<'operation'>;
  return new Counter({
    name,
    help: 'Subjects the NATS server refused this process (publish or subscribe), by operation.',
    labelNames: ['operation'],
    registers: [registry],
  });
}

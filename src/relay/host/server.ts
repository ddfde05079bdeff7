/**
 * The gateway's gRPC server: the courtbridge.v1 services it is given handlers for, standard health checking
 * (grpc.health.v1) and server reflection (so `grpcurl -plaintext HOST:PORT list` and
 * `describe` work; DESIGN.md "Who uses it": integrators call the API with grpcurl).
 *
 * Nothing listens until `start` (STYLE.md 9, weaver's "server that starts on import" avoided);
 * `shutdown` drains in-flight calls up to a deadline, then cancels the rest.
 *
 * @example
 * const gateway = createGatewayServer({ handlers: { ChainService: { ListChains: (call, cb) => cb(null, { chains: [] }) } } });
 * const { port } = await gateway.start('127.0.0.1:0');
 * // ...
 * await gateway.shutdown();
 */
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { withSplicedAnswers } from '../bundle-encoding.js';
import { HEALTH_SERVICE, loadGatewayProto, REFLECTION_SERVICES } from '../../wire/gateway-proto.js';
import { COURTBRIDGE_SERVICES, type CourtbridgeServiceName, fullServiceName, type GatewayHandlers } from './services.js';

export interface GatewayServerOptions {
  /**
   * Handlers by service. Only services with a handler are registered (and listed by
   * reflection and health); a method left out of one is answered UNIMPLEMENTED by grpc-js.
   */
  readonly handlers?: GatewayHandlers;
  /** Transport credentials for `start`; insecure (plaintext) when omitted, for loopback and tests. */
  readonly credentials?: grpc.ServerCredentials;
  /** grpc-js server options (message size limits, keepalive). */
  readonly serverOptions?: grpc.ServerOptions;
}

/** Health of one service, or `''` for the server as a whole (grpc health protocol). */
export type HealthTarget = CourtbridgeServiceName | '';

/** Where the server is in its life. */
export type GatewayServerState = 'created' | 'serving' | 'stopped';

/** How a shutdown ended: every call drained, or stragglers cancelled at the deadline. */
export type ShutdownOutcome = 'drained' | 'forced';

export interface GatewayServer {
  /** The underlying grpc-js server (for adding more services before `start`). */
  readonly server: grpc.Server;
  /** The courtbridge services registered (those with at least one handler), in registration order. */
  readonly services: readonly CourtbridgeServiceName[];
  /** Current life-cycle state. */
  state(): GatewayServerState;
  /**
   * Binds and starts serving; marks the server and every courtbridge service SERVING.
   * @param address e.g. `127.0.0.1:0` (port 0 picks a free port) or `0.0.0.0:50051`
   * @returns the bound port
   * @throws CourtbridgeError UNAVAILABLE `bind_failed`, FAILED_PRECONDITION `already_started`
   */
  start(address: string): Promise<{ port: number }>;
  /** Sets the health status reported for one service or the whole server. */
  setHealth(target: HealthTarget, status: ServingStatus): void;
  /**
   * Marks everything NOT_SERVING, then lets in-flight calls finish for up to `graceMs`
   * (tryShutdown) before cancelling the rest (forceShutdown).
   */
  shutdown(graceMs?: number): Promise<ShutdownOutcome>;
}

const DEFAULT_GRACE_MS = 5_000;

/**
 * Builds (does not start) the gateway server.
 * @throws CourtbridgeError INVALID_ARGUMENT `unknown_handler` when `handlers` names a method the proto lacks
 */
export function createGatewayServer(options: GatewayServerOptions = {}): GatewayServer {
  const proto = loadGatewayProto();
  const server = new grpc.Server(options.serverOptions);
  const handlers = options.handlers ?? {};

  const served: CourtbridgeServiceName[] = [];
  for (const name of COURTBRIDGE_SERVICES) {
    // Query answers splice their header parts in, encoded once per header (bundle-encoding.ts).
    const definition = name === 'QueryService' ? withSplicedAnswers(proto.services[name]) : proto.services[name];
    const provided = (handlers[name] ?? {}) as Record<string, grpc.UntypedHandleCall | undefined>;
    for (const method of Object.keys(provided)) {
      if (!(method in definition)) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'unknown_handler',
          `handlers.${name}.${method}: ${fullServiceName(name)} has no method ${method}`,
        );
      }
    }
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [method, handler] of Object.entries(provided)) if (handler !== undefined) implementation[method] = handler;
    // A service none of whose methods is served is not registered: it is absent, not broken.
    if (Object.keys(implementation).length === 0) continue;
    server.addService(definition, implementation);
    served.push(name);
  }

  const health = new HealthImplementation(initialHealth(served, 'NOT_SERVING'));
  health.addToServer(server);
  new ReflectionService(proto.reflection, {
    services: [...served.map(fullServiceName), HEALTH_SERVICE, ...REFLECTION_SERVICES],
  }).addToServer(server);

  let state: GatewayServerState = 'created';
  const setAll = (status: ServingStatus) => {
    for (const [target, s] of Object.entries(initialHealth(served, status))) health.setStatus(target, s);
  };

  return {
    server,
    services: served,
    state: () => state,
    setHealth(target, status) {
      // Health of a service not served here stays unknown (NOT_FOUND), as for any other name.
      if (target !== '' && !served.includes(target)) return;
      health.setStatus(target === '' ? '' : fullServiceName(target), status);
    },
    async start(address) {
      if (state !== 'created') {
        throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'already_started', `gateway server is ${state}; create a new one`);
      }
      const credentials = options.credentials ?? grpc.ServerCredentials.createInsecure();
      const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync(address, credentials, (error, boundPort) => {
          if (error !== null) {
            reject(
              new CourtbridgeError(ErrorCode.Unavailable, 'bind_failed', `cannot listen on ${address}: ${error.message}`, {
                cause: error,
              }),
            );
          } else resolve(boundPort);
        });
      });
      state = 'serving';
      setAll('SERVING');
      return { port };
    },
    async shutdown(graceMs = DEFAULT_GRACE_MS) {
      if (state === 'stopped') return 'drained';
      state = 'stopped';
      setAll('NOT_SERVING');
      return new Promise<ShutdownOutcome>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve('forced');
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve('drained');
        });
      });
    },
  };
}

/** Health map: the whole server (''), every served courtbridge service, health and reflection themselves. */
function initialHealth(served: readonly CourtbridgeServiceName[], status: ServingStatus): Record<string, ServingStatus> {
  const map: Record<string, ServingStatus> = { '': status, [HEALTH_SERVICE]: status };
  for (const name of REFLECTION_SERVICES) map[name] = status;
  for (const name of served) map[fullServiceName(name)] = status;
  return map;
}

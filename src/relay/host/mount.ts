/**
 * Mounting modules on the gateway (after ibc-go's port router, 05-port/types/router.go): each
 * module brings its handlers under its name; a method served by two modules is refused naming
 * both, and the merged handler set is sealed before the server sees it. A module also owns its
 * stop: the gateway stops modules in the reverse order of mounting.
 *
 * @example
 * const handlers = mount([queryModule, actionsModule]);
 * const server = createGatewayServer({ handlers: guard.wrap(handlers) });
 */
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { COURTBRIDGE_SERVICES, type GatewayHandlers } from './services.js';

/** A part of the gateway: the methods it serves and how to stop it. */
export interface GatewayModule {
  /** Unique among the mounted modules, e.g. `query`, `evidence`. */
  readonly name: string;
  /** Any methods of any services (a full service where it can: a missing method is UNIMPLEMENTED). */
  readonly handlers: GatewayHandlers;
  /** Release what the module holds (subscriptions, timers, signers). */
  stop(): Promise<void>;
}

/** Builds a module from the gateway's shared parts (`GatewayDeps` for the gateway's own). */
export type ModuleFactory<D> = (deps: D) => GatewayModule | Promise<GatewayModule>;

/**
 * Merge the modules' handlers into one sealed set.
 * @throws CourtbridgeError FAILED_PRECONDITION `duplicate_module` for a name mounted twice,
 *   `duplicate_route` for a method two modules serve
 */
export function mount(modules: readonly GatewayModule[]): GatewayHandlers {
  const names = new Set<string>();
  const owner = new Map<string, string>();
  const merged: Record<string, Record<string, unknown>> = {};
  for (const m of modules) {
    if (names.has(m.name)) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'duplicate_module',
        `two modules are named ${m.name}; give each module its own name`,
      );
    }
    names.add(m.name);
    for (const service of COURTBRIDGE_SERVICES) {
      const methods = m.handlers[service] as Record<string, unknown> | undefined;
      if (methods === undefined) continue;
      for (const [method, handler] of Object.entries(methods)) {
        if (handler === undefined) continue;
        const route = `${service}/${method}`;
        const first = owner.get(route);
        if (first !== undefined) {
          const message = `modules ${first} and ${m.name} both serve ${route}; mount one of them only`;
          throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'duplicate_route', message);
        }
        owner.set(route, m.name);
        const serviceHandlers = merged[service] ?? {};
        serviceHandlers[method] = handler;
        merged[service] = serviceHandlers;
      }
    }
    for (const service of Object.keys(m.handlers)) {
      if (!(COURTBRIDGE_SERVICES as readonly string[]).includes(service)) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'unknown_service',
          `module ${m.name} serves ${service}, which is no courtbridge.v1 service`,
        );
      }
    }
  }
  for (const methods of Object.values(merged)) Object.freeze(methods);
  return Object.freeze(merged) as GatewayHandlers;
}

/** Stop `modules` in reverse order; every stop runs even when one fails (the failures are returned). */
export async function stopModules(modules: readonly GatewayModule[]): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const m of [...modules].reverse()) await m.stop().catch((e: unknown) => void failures.push(e));
  return failures;
}

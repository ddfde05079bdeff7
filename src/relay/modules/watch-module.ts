/**
 * The watch module: WatchService. WatchHeaders (watch.ts) follows the light clients, so it is
 * served with the query path; WatchActions (watch-actions.ts) follows the action log of each
 * chain the gateway knows.
 */
import type { GatewayDeps } from '../gateway-deps.js';
import type { GatewayModule } from '../host/mount.js';
import { watchActionsHandler } from './watch-actions.js';
import { watchServiceHandlers } from './watch.js';

export function watchModule(deps: GatewayDeps): GatewayModule {
  const qp = deps.queryPath;
  // The chains followed at start (chains admitted later are watched after a restart).
  const known = new Set(qp?.manager.chains().map((c) => c.chainId) ?? deps.config.chains);
  const watchActions = watchActionsHandler({
    nc: deps.bus.nc,
    authority: deps.authority,
    state: () => deps.registry.state,
    knownChain: (c) => known.has(c),
    now: deps.now,
    logger: deps.logger.child({ part: 'watch-actions' }),
  });
  const { authority, now, logger } = deps;
  const headers = qp === undefined ? {} : watchServiceHandlers({ nc: deps.bus.nc, manager: qp.manager, authority, now, logger });
  return {
    name: 'watch',
    handlers: {
      WatchService: {
        ...headers,
        WatchActions: watchActions,
      },
    },
    stop: async () => undefined,
  };
}

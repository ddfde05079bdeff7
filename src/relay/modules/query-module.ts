/**
 * The query module: the query path (light clients per chain, verified queries, receipts;
 * DESIGN.md "Query") serving QueryService and InvestigationService. The chains, verification
 * and watch modules read its light clients through `GatewayDeps.queryPath`.
 */
import { chainConfigsOf } from '../gateway-chains.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { chainsOf } from '../policy.js';
import type { GatewayModule } from '../host/mount.js';
import { investigateServiceHandlers } from './investigate.js';
import { startQueryPath, type QueryPath } from './query-path.js';
import { queryServiceHandlers } from './query.js';

/** The query module and the path it started. */
export interface QueryModule extends GatewayModule {
  readonly path: QueryPath;
}

/** The parts the query module is built from (it comes first: the others read its path). */
export type QueryModuleDeps = Omit<GatewayDeps, 'queryPath'>;

export async function queryModule(deps: QueryModuleDeps): Promise<QueryModule> {
  const { config, logger } = deps;
  const selection = chainConfigsOf(config, deps.registry.state, deps.catalog);
  for (const c of selection.skipped) logger.warn({ chain: c }, 'chain granted in the registry but unknown to this gateway: not followed');
  for (const c of selection.trustOnFirstAnnounce) {
    logger.warn({ chain: c }, 'light client trusts the first header it sees (dev only): pin chainTrust.<chain>.start in production');
  }
  const path = await startQueryPath({
    nc: deps.bus.nc,
    chains: selection.chains,
    authority: deps.authority,
    signer: deps.receiptSigner,
    receiptMode: config.receiptMode,
    now: deps.now,
    logger: logger.child({ part: 'query' }),
    registry: deps.promRegistry,
    // NATS round trips and dropped announcements/headers count on the gateway's /metrics.
    metrics: deps.metrics,
    breakerOf: deps.breakerView,
    recordLayouts: deps.recordLayouts,
    evmRecords: deps.evmRecords,
    jetstreamReplicas: config.jetstreamReplicas,
  });
  return {
    name: 'query',
    path,
    handlers: {
      QueryService: queryServiceHandlers({
        engine: path.engine,
        grantedChains: (did) => chainsOf(deps.registry.state, did, deps.now()),
      }),
      InvestigationService: investigateServiceHandlers({ engine: path.engine }),
    },
    stop: () => path.stop(),
  };
}

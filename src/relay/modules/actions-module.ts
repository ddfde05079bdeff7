/**
 * The actions module: ActionService (actions.ts) with its tracker of adapter results. An action's
 * judicial proof is checked deeply against the judicial chain when the query path follows it
 * (judicial-proof-check.ts), unless the caller gives its own check.
 */
import { JUDICIAL_CHAIN_ID, type GatewayDeps } from '../gateway-deps.js';
import type { GatewayModule } from '../host/mount.js';
import { ActionService, type JudicialProofCheck } from './actions.js';
import { judicialProofCheck } from './judicial-proof-check.js';

export interface ActionsModuleOptions {
  /** Deep check of an action's judicial proof; over the query path's judicial light client unless given. */
  judicialProof?: JudicialProofCheck;
}

export async function actionsModule(deps: GatewayDeps, options: ActionsModuleOptions = {}): Promise<GatewayModule> {
  const qp = deps.queryPath;
  const judicialProof =
    options.judicialProof ??
    (qp?.manager.chains().some((c) => c.chainId === JUDICIAL_CHAIN_ID)
      ? judicialProofCheck({ engine: qp.engine, judicialChainId: JUDICIAL_CHAIN_ID, requesterDid: deps.signer.did })
      : undefined);
  const actions = new ActionService({
    nc: deps.bus.nc,
    actionsKv: deps.buckets.actions,
    replayKv: deps.buckets.replay,
    signer: deps.signer,
    authority: deps.authority,
    state: () => deps.registry.state,
    breakers: deps.breakers,
    limits: deps.config.actionLimits,
    catalog: deps.catalog,
    ...(judicialProof === undefined ? {} : { judicialProof }),
    metrics: deps.metrics,
    logger: deps.logger.child({ part: 'actions' }),
    now: deps.now,
  });
  await actions.startTracker();
  return { name: 'actions', handlers: { ActionService: actions.handlers() }, stop: () => actions.stopTracker() };
}

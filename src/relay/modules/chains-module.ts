/**
 * The chains module: ChainService. ListChains and GetChainStatus show the light clients' view
 * (chains.ts), UnfreezeChain resolves a frozen client (unfreeze-chain.ts): those need the query
 * path. TripBreaker and ResetBreaker (breaker.ts) are always served, and misbehaviour trips the
 * chain's breaker by itself (misbehaviour-trips.ts).
 */
import { ensureKv } from '../../bus/jetstream.js';
import { Buckets } from '../../bus/subjects.js';
import type { ChainServiceHandlers } from '../../generated/courtbridge/v1/ChainService.js';
import type { ResetBreakerRequest__Output } from '../../generated/courtbridge/v1/ResetBreakerRequest.js';
import type { TripBreakerRequest__Output } from '../../generated/courtbridge/v1/TripBreakerRequest.js';
import type { UnfreezeChainRequest__Output } from '../../generated/courtbridge/v1/UnfreezeChainRequest.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { unary } from '../host/handlers.js';
import type { GatewayModule } from '../host/mount.js';
import { chainsServiceHandlers } from './chains.js';
import { tripOnMisbehaviour } from './misbehaviour-trips.js';
import { unfreezeChain } from './unfreeze-chain.js';

export async function chainsModule(deps: GatewayDeps): Promise<GatewayModule> {
  const { breakers, now } = deps;
  const handlers: Partial<ChainServiceHandlers> = {
    TripBreaker: unary((req: TripBreakerRequest__Output) => breakers.tripByOrder(req)),
    ResetBreaker: unary((req: ResetBreakerRequest__Output) => breakers.resetByOrder(req)),
  };
  const qp = deps.queryPath;
  if (qp === undefined) return { name: 'chains', handlers: { ChainService: handlers }, stop: async () => undefined };

  Object.assign(handlers, chainsServiceHandlers({ manager: qp.manager, replicas: qp.replicas, now, breakerOf: deps.breakerView }));
  const trustedKv = await ensureKv(deps.js, Buckets.trusted, { history: 1, replicas: deps.config.jetstreamReplicas });
  const status = { replicas: qp.replicas, now, breakerOf: deps.breakerView };
  const unfreeze = { breakers, manager: qp.manager, trustedKv, status, now, logger: deps.logger.child({ part: 'unfreeze' }) };
  handlers.UnfreezeChain = unary(async (req: UnfreezeChainRequest__Output) => (await unfreezeChain(unfreeze, req)).status);
  const trips = tripOnMisbehaviour(qp, breakers, deps.signer.did, deps.logger, deps.watchIntervalMs);
  return { name: 'chains', handlers: { ChainService: handlers }, stop: async () => trips.stop() };
}

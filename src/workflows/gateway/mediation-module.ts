/**
 * The mediation contract as a gateway module: MediationService (mediation-service.ts), every call
 * forwarded to the workflow service (`courtbridge workflows start`) over NATS in an envelope
 * signed with the gateway's key (mediation-forwarder.ts). Every gateway node mounts it; with no
 * workflow service running its methods answer UNAVAILABLE `workflows_unavailable`.
 *
 * @example
 * const gw = await startGateway(config, { modules: [evidenceModule(), mediationModule()] });
 */
import type { GatewayDeps } from '../../relay/gateway-deps.js';
import type { GatewayModule, ModuleFactory } from '../../relay/host/mount.js';
import { forwardingBackend } from './mediation-forwarder.js';
import { mediationServiceHandlers } from './mediation-service.js';

/** A call without a deadline of its own (a stream) still gets an answer in this long, ms. */
const STREAM_CALL_BUDGET_MS = 15_000;

export function mediationModule(): ModuleFactory<GatewayDeps> {
  return (deps: GatewayDeps): GatewayModule => {
    const o = { nc: deps.bus.nc, signer: deps.signer, now: deps.now, metrics: deps.metrics };
    return {
      name: 'mediation',
      handlers: {
        MediationService: mediationServiceHandlers({
          backend: (ctx) => forwardingBackend(o, Number.isFinite(ctx.deadlineMs) ? ctx.deadlineMs : deps.now() + STREAM_CALL_BUDGET_MS),
        }),
      },
      stop: async () => undefined,
    };
  };
}

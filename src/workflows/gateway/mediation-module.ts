/**
 * The mediation contract as a gateway module: MediationService (mediation-service.ts). By default
 * (`mediationForwardingModule`, what every gateway node mounts) each call is forwarded to the
 * workflow service (`courtbridge workflows start`) over NATS, signed by the gateway
 * (mediation-forwarder.ts). `mediationModule({ engine })` runs an engine inside the gateway
 * instead: for tests and the single-process demo, where no workflow service runs.
 *
 * @example
 * const gw = await startGateway(config, { modules: [evidenceModule(), mediationForwardingModule()] });
 */
import type { GatewayDeps } from '../../relay/gateway-deps.js';
import type { GatewayModule, ModuleFactory } from '../../relay/host/mount.js';
import type { EnforcementEngine } from '../enforcement/engine.js';
import type { JudicialLedger } from '../ports.js';
import { judicialLedgerOf, type JudicialLedgerOptions } from './judicial-ledger-of.js';
import { forwardingBackend } from './mediation-forwarder.js';
import { inProcess, mediationServiceHandlers } from './mediation-service.js';

export interface MediationModuleOptions extends JudicialLedgerOptions {
  /** The enforcement engine over the judicial chain. */
  engine: (ledger: JudicialLedger) => EnforcementEngine;
}

/** A call without a deadline of its own (a stream) still gets an answer in this long, ms. */
const STREAM_CALL_BUDGET_MS = 15_000;

export function mediationModule(options: MediationModuleOptions): ModuleFactory<GatewayDeps> {
  return (deps: GatewayDeps): GatewayModule => ({
    name: 'mediation',
    handlers: { MediationService: mediationServiceHandlers(inProcess(options.engine(judicialLedgerOf(deps, options)))) },
    stop: async () => undefined,
  });
}

/** MediationService forwarded to the workflow service. */
export function mediationForwardingModule(): ModuleFactory<GatewayDeps> {
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

/**
 * The mediation contract as a gateway module: MediationService (mediation-service.ts) over an
 * enforcement engine. Mounted only when the operator supplies the engine's ports: a gateway
 * without one does not register MediationService at all.
 *
 * @example
 * const gw = await startGateway(config, { modules: [evidenceModule(), mediationModule({ engine })] });
 */
import type { GatewayDeps } from '../../relay/gateway-deps.js';
import type { GatewayModule, ModuleFactory } from '../../relay/host/mount.js';
import type { EnforcementEngine } from '../enforcement/engine.js';
import type { JudicialLedger } from '../ports.js';
import { judicialLedgerOf, type JudicialLedgerOptions } from './judicial-ledger-of.js';
import { mediationServiceHandlers } from './mediation-service.js';

export interface MediationModuleOptions extends JudicialLedgerOptions {
  /** The enforcement engine over the judicial chain. */
  engine: (ledger: JudicialLedger) => EnforcementEngine;
}

export function mediationModule(options: MediationModuleOptions): ModuleFactory<GatewayDeps> {
  return (deps: GatewayDeps): GatewayModule => ({
    name: 'mediation',
    handlers: { MediationService: mediationServiceHandlers({ engine: options.engine(judicialLedgerOf(deps, options)) }) },
    stop: async () => undefined,
  });
}

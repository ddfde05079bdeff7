/**
 * The alliance module: AllianceService (alliance.ts), the registry read and written through the
 * gateway's registry follower.
 */
import type { GatewayDeps } from '../gateway-deps.js';
import type { GatewayModule } from '../host/mount.js';
import { allianceHandlers } from './alliance.js';

export function allianceModule(deps: GatewayDeps): GatewayModule {
  return {
    name: 'alliance',
    handlers: {
      AllianceService: allianceHandlers({
        registry: deps.registry,
        sync: deps.sync,
        now: deps.now,
        servedHere: (c) => deps.chains.servedHere(c),
      }),
    },
    stop: async () => undefined,
  };
}

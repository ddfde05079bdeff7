/**
 * The verification module: VerificationService.VerifyBundle, the offline verifier behind gRPC
 * (verify.ts), with the light clients' trusted headers. Served with the query path.
 */
import type { GatewayDeps } from '../gateway-deps.js';
import type { GatewayModule } from '../host/mount.js';
import { verifyServiceHandlers } from './verify.js';

export function verificationModule(deps: GatewayDeps): GatewayModule {
  const qp = deps.queryPath;
  return {
    name: 'verification',
    handlers:
      qp === undefined
        ? {}
        : {
            VerificationService: verifyServiceHandlers({
              authority: deps.authority,
              now: deps.now,
              trustedHeaderHash: (chainId, height) => qp.manager.trustedHeaderHash(chainId, height),
              recordLayouts: deps.recordLayouts,
              evmRecords: deps.evmRecords,
            }),
          },
    stop: async () => undefined,
  };
}

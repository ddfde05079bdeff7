/**
 * What `CallGuard.wrap` hands the server: every provided handler of a method the protos define,
 * gated (a new function); a method left undefined stays absent (the server then answers
 * UNIMPLEMENTED, nothing runs); a service not provided stays absent; a handler under a name the
 * protos lack is kept as given, since no gRPC call can reach it (the server registers the protos'
 * methods only).
 */
import type * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GATEWAY_CONFIG } from '../../../src/config/gateway-config.js';
import { silentLogger } from '../../../src/log.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { CallGuard } from '../../../src/relay/auth/guard.js';
import type { GatewayHandlers } from '../../../src/relay/host/services.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';

const fx = allianceFixture();
const guard = new CallGuard({
  authenticator: new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority }),
  state: () => fx.state,
  limits: DEFAULT_GATEWAY_CONFIG.limits,
  logger: silentLogger(),
});

describe('CallGuard.wrap', () => {
  it('gates defined methods, leaves undefined ones and unprovided services out, keeps names the protos lack as given', () => {
    const listChains: grpc.UntypedHandleCall = () => undefined;
    const notInProto: grpc.UntypedHandleCall = () => undefined;
    const handlers = {
      ChainService: { ListChains: listChains, GetChainStatus: undefined, NotInProto: notInProto },
    } as unknown as GatewayHandlers;
    const out = guard.wrap(handlers) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(out)).toEqual(['ChainService']);
    expect(Object.keys(out.ChainService!).sort()).toEqual(['ListChains', 'NotInProto']);
    expect(typeof out.ChainService!.ListChains).toBe('function');
    expect(out.ChainService!.ListChains).not.toBe(listChains);
    expect(out.ChainService!.NotInProto).toBe(notInProto);
  });
});

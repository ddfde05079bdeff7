import { Writable } from 'node:stream';

import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GATEWAY_CONFIG } from '../../../src/config/gateway-config.js';
import { createLogger } from '../../../src/log.js';
import { Authenticator } from '../../../src/relay/auth/authenticate.js';
import { CallGuard } from '../../../src/relay/auth/guard.js';
import { contextOf } from '../../../src/relay/host/call-context.js';
import { createGatewayServer } from '../../../src/relay/host/server.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { chainServiceClient, courtToken, serverPerTest } from '../../helpers/gate-server.js';

const fx = allianceFixture();

const server = serverPerTest();

/** A gated ListChains whose handler logs through its context when `handlerLogs`; lines captured. */
async function loggedServer(handlerLogs: boolean): Promise<{ address: string; lines: Array<Record<string, unknown>>; raw: string[] }> {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const guard = new CallGuard({
    authenticator: new Authenticator({ audience: FixtureDids.gateway, authority: fx.authority }),
    state: () => fx.state,
    limits: DEFAULT_GATEWAY_CONFIG.limits,
    logger: createLogger({ component: 'gateway', level: 'info', destination }),
  });
  const gw = createGatewayServer({
    handlers: guard.wrap({
      ChainService: {
        ListChains: (call, cb) => {
          if (handlerLogs) contextOf(call).log.info({ step: 'inside', token: 'secret-token' }, 'handler says');
          cb(null, { chains: [] });
        },
      },
    }),
  });
  const { port } = await gw.start('127.0.0.1:0');
  server.set(gw);
  return {
    address: `127.0.0.1:${port}`,
    raw,
    get lines() {
      return raw.flatMap((s) => s.split('\n').filter((l) => l !== '')).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

function listChains(address: string, md: grpc.Metadata): Promise<number> {
  const c = chainServiceClient(address);
  return new Promise((resolve) =>
    c.ListChains!.call(c, {}, md, { deadline: Date.now() + 5_000 }, (e) => {
      c.close();
      resolve(e?.code ?? 0);
    }),
  );
}

const metadata = (bearer: string | undefined, requestId: string): grpc.Metadata => {
  const md = new grpc.Metadata();
  if (bearer !== undefined) md.set('authorization', `Bearer ${bearer}`);
  md.set('x-request-id', requestId);
  return md;
};

describe('the gate log', () => {
  it('one info line per call with request id, method, caller, code and time; never the token', async () => {
    const s = await loggedServer(false);
    const t = courtToken(fx);
    expect(await listChains(s.address, metadata(t, 'req-1'))).toBe(0);
    expect(await listChains(s.address, metadata(t, 'req-2'))).toBe(0);
    const calls = s.lines.filter((l) => l['msg'] === 'call');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      level: 30,
      component: 'gateway',
      requestId: 'req-1',
      method: 'ChainService/ListChains',
      caller: FixtureDids.court,
      code: 'OK',
    });
    expect(typeof calls[0]!['ms']).toBe('number');
    expect(calls[1]!['requestId']).toBe('req-2');
    expect(s.raw.join('')).not.toContain(t.split('.')[2]!);
  });

  it('a refused call is one warn line with its code and no caller', async () => {
    const s = await loggedServer(false);
    expect(await listChains(s.address, metadata(undefined, 'req-x'))).toBe(grpc.status.UNAUTHENTICATED);
    const lines = s.lines.filter((l) => l['requestId'] === 'req-x');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'call failed', code: 'UNAUTHENTICATED', method: 'ChainService/ListChains' });
    expect(lines[0]!['caller']).toBeUndefined();
  });

  it("a handler's context logger carries the call's request id, method and caller", async () => {
    const s = await loggedServer(true);
    expect(await listChains(s.address, metadata(courtToken(fx), 'req-h'))).toBe(0);
    const inside = s.lines.find((l) => l['msg'] === 'handler says');
    expect(inside).toMatchObject({ requestId: 'req-h', method: 'ChainService/ListChains', caller: FixtureDids.court, step: 'inside' });
    // Still the gateway's logger with its redaction (log.ts), unlike the gate's own fixed-field line.
    expect(inside!['token']).toBe('[redacted]');
  });
});

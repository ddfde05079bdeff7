/** connectBus against a real nats-server: clear error on a dead port, reconnect after a restart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { connectBus } from '../../src/bus/connection.js';
import { createLogger } from '../../src/log.js';
import { CourtbridgeError } from '../../src/errors.js';
import { eventually } from '../helpers/eventually.js';
import { freePort, startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

function captureLogger() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  });
  return {
    logger: createLogger({ component: 'bus', level: 'info', destination: stream }),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('connectBus', () => {
  let srv: NatsServerHandle;
  beforeAll(async () => {
    srv = await startNatsServer();
  });
  afterAll(async () => {
    await srv.stop();
  });

  it('gives a clear UNAVAILABLE nats_unreachable error when nothing listens', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    let err: unknown;
    try {
      await connectBus({ servers: url, name: 'test-dead', connectTimeoutMs: 2_000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CourtbridgeError);
    const e = err as CourtbridgeError;
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.grpcStatus).toBe(14);
    expect(e.reason).toBe('nats_unreachable');
    expect(e.message).toContain(`cannot reach NATS at ${url}`);
    expect(e.message).toContain('Is nats-server running?');
    expect(e.cause).toBeDefined();
  });

  it('refuses empty servers and names, naming the option', async () => {
    await expect(connectBus({ servers: [], name: 'x' })).rejects.toMatchObject({ reason: 'bad_nats_servers' });
    await expect(connectBus({ servers: srv.url, name: '' })).rejects.toThrow(/options\.name/);
  });

  it('connects, logs status, reconnects after a server restart, and closes', async () => {
    const cap = captureLogger();
    const bus = await connectBus({
      servers: srv.url,
      name: 'test-reconnect',
      logger: cap.logger,
      reconnectTimeWaitMs: 100,
      reconnectJitterMs: 50,
    });
    const sub = bus.nc.subscribe('cb.v1.test.echo');
    void (async () => {
      for await (const m of sub) m.respond(m.data);
    })();
    expect(
      new TextDecoder().decode((await bus.nc.request('cb.v1.test.echo', new TextEncoder().encode('a'), { timeout: 2_000 })).data),
    ).toBe('a');
    await srv.restart();
    // Reconnect is automatic; the subscription is re-established by the client.
    const echo = async (): Promise<boolean> => {
      await bus.nc.request('cb.v1.test.echo', new TextEncoder().encode('b'), { timeout: 500 });
      return true;
    };
    const answered = await eventually(echo, { intervalMs: 100, what: 'echo answered after the restart' });
    expect(answered).toBe(true);
    const closed = bus.closed();
    await bus.drain();
    expect(await closed).toBeUndefined();
    // The status lines are written as the client reports them: wait for them to be logged.
    await eventually(() => {
      const events = cap.lines().map((l) => l['event'] ?? l['msg']);
      expect(events).toContain('nats connected');
      expect(events).toContain('disconnect');
      expect(events).toContain('reconnect');
    });
    expect(cap.lines().every((l) => l['component'] === 'bus')).toBe(true);
  });
});

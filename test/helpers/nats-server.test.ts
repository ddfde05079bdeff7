import { describe, expect, it } from 'vitest';
import { connect } from 'nats';
import { startNatsServer } from './nats-server.js';

describe('nats-server harness', () => {
  it('starts a private JetStream server on a free port and stops it', async () => {
    const srv = await startNatsServer();
    const nc = await connect({ servers: srv.url });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.getAccountInfo();
    expect(info.limits).toBeDefined();
    expect(srv.port).not.toBe(4222);
    await nc.close();
    await srv.stop();
  });
});

/** JetStream KV store against a real, private nats-server (test/helpers/nats-server.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { kvTrustedStore } from '../../src/bus/trusted-store-kv.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { checkResumeAndFreeze, checkStoreContract } from './store-contract.js';

let srv: NatsServerHandle;
const conns: NatsConnection[] = [];
const replica = async (bucket: string) => {
  const nc = await connect({ servers: srv.url });
  conns.push(nc);
  return kvTrustedStore(nc, { bucket });
};

beforeAll(async () => {
  srv = await startNatsServer();
});
afterAll(async () => {
  for (const nc of conns) await nc.close();
  await srv.stop();
});

describe('KvTrustedStore (real nats-server)', () => {
  it('meets the store contract; each open() is another replica connection', async () => {
    await checkStoreContract(() => replica('trusted_contract'));
  });

  it('replicas share one light client: resume, concurrent updates, freeze seen by all', async () => {
    await checkResumeAndFreeze(() => replica('trusted_replicas'));
  });

  it('survives a nats-server restart (JetStream state on disk)', async () => {
    await checkResumeAndFreeze(() => replica('trusted_restart'), 'credit-1');
    await srv.restart();
    const nc = await connect({ servers: srv.url });
    conns.push(nc);
    const c = new LightClient('credit-1', await kvTrustedStore(nc, { bucket: 'trusted_restart' }));
    expect((await c.clientState()).latestHeight).toBe(5);
    expect((await c.clientState()).lastUnfreeze?.reason).toBe('resolved');
  });
});

/**
 * Replicas of courtbridge's streams and buckets (src/bus/jetstream.ts): created with the
 * configured count, raised in place when an existing one has fewer (a cluster scales R1 to R3),
 * never lowered (logged), and refused with `jetstream_replicas_unavailable` when the servers
 * cannot hold them (a single server asked for 3). On a real single server and a real 3-node cluster.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureKv, ensureStream, provisionCourtbridge } from '../../src/bus/jetstream.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { eventually } from '../helpers/eventually.js';
import { type NatsClusterHandle, type NatsServerHandle, startNatsCluster, startNatsServer } from '../helpers/nats-server.js';

async function refusal(p: Promise<unknown>): Promise<{ reason: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    return { reason: e.reason, message: e.message };
  }
  throw new Error('expected a refusal');
}

describe('JetStream replicas on a single server', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('refuses to create a stream or bucket of 3 replicas, naming it, the replicas wanted and what to do', async () => {
    const jsm = await nc.jetstreamManager();
    const s = await refusal(ensureStream(jsm, { name: 'R_NEW', subjects: ['rnew.>'], replicas: 3 }));
    expect(s.reason).toBe('jetstream_replicas_unavailable');
    expect(s.message).toMatch(/R_NEW does not exist yet and 3 are configured/);
    expect(s.message).toMatch(/cluster of at least 3 JetStream servers, or set jetstreamReplicas to 1/);
    const k = await refusal(ensureKv(nc.jetstream(), 'r_new_kv', { replicas: 3 }));
    expect(k.reason).toBe('jetstream_replicas_unavailable');
    expect(k.message).toContain('KV r_new_kv (stream KV_r_new_kv)');
    await expect(jsm.streams.info('R_NEW')).rejects.toThrow();
  });

  it('refuses to raise an existing R1 stream or bucket to 3 (it stays R1), and serves it at 1', async () => {
    const jsm = await nc.jetstreamManager();
    expect((await ensureStream(jsm, { name: 'R_ONE', subjects: ['rone.>'] })).outcome).toBe('created');
    const s = await refusal(ensureStream(jsm, { name: 'R_ONE', subjects: ['rone.>'], replicas: 3 }));
    expect(s.message).toMatch(/R_ONE has 1 replica and 3 are configured/);
    expect((await jsm.streams.info('R_ONE')).config.num_replicas).toBe(1);
    expect((await ensureStream(jsm, { name: 'R_ONE', subjects: ['rone.>'], replicas: 1 })).outcome).toBe('unchanged');
    const kv = await ensureKv(nc.jetstream(), 'r_one_kv', { history: 2 });
    await kv.put('k', new Uint8Array([1]));
    expect((await refusal(ensureKv(nc.jetstream(), 'r_one_kv', { replicas: 3 }))).message).toMatch(/KV_r_one_kv\) has 1 replica and 3/);
    expect((await (await ensureKv(nc.jetstream(), 'r_one_kv')).get('k'))?.value).toEqual(new Uint8Array([1]));
  });

  it('a gateway configured for 3 on a single server does not start: provisioning is refused', async () => {
    const p = await refusal(provisionCourtbridge(nc, { replicas: 3 }));
    expect(p.reason).toBe('jetstream_replicas_unavailable');
  });
});

describe('JetStream replicas on a 3-node cluster', () => {
  let cluster: NatsClusterHandle;
  let nc: NatsConnection;
  beforeAll(async () => {
    cluster = await startNatsCluster();
    await cluster.ready();
    nc = await connect({ servers: cluster.urls });
  }, 60_000);
  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
  }, 30_000);

  it('raises what an R1 component made (an adapter started first) to 3 when the gateway provisions with 3, keeping the data', async () => {
    // The adapter side first, at 1 (what an adapter started before the gateway made on main).
    const first = await provisionCourtbridge(nc, { replicas: 1 });
    await first.kv.actions.put('a.x', new Uint8Array([7]));
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info('CB_ACTIONS')).config.num_replicas).toBe(1);
    const second = await provisionCourtbridge(nc, { replicas: 3 });
    expect(second.streams.actions).toBe('updated');
    for (const name of ['CB_HEADERS', 'CB_ACTIONS', 'CB_RESULTS', 'KV_cb_actions', 'KV_cb_replay', 'KV_cb_trusted', 'KV_cb_notary']) {
      expect((await jsm.streams.info(name)).config.num_replicas, name).toBe(3);
    }
    // Really replicated: two peers follow the leader.
    await eventually(async () => ((await jsm.streams.info('KV_cb_actions')).cluster?.replicas?.length ?? 0) === 2, {
      timeoutMs: 20_000,
      what: 'KV_cb_actions copied to two peers',
    });
    expect((await second.kv.actions.get('a.x'))?.value).toEqual(new Uint8Array([7]));
  }, 60_000);

  it('raises a bucket made R1 (an order replay bucket of an older adapter) and never lowers an R3 one, saying so', async () => {
    const js = nc.jetstream();
    await js.views.kv('cb_orders_rtest', { replicas: 1, ttl: 60_000 });
    await ensureKv(js, 'cb_orders_rtest', { ttlMs: 60_000, replicas: 3 });
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info('KV_cb_orders_rtest')).config.num_replicas).toBe(3);
    const lines: string[] = [];
    const logger = createLogger({ component: 'replicas-test', level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
    await ensureKv(js, 'cb_orders_rtest', { replicas: 1, logger });
    expect((await jsm.streams.info('KV_cb_orders_rtest')).config.num_replicas).toBe(3);
    expect(lines.join('')).toMatch(/KV cb_orders_rtest \(stream KV_cb_orders_rtest\) keeps 3 replicas; configured 1, not lowered/);
    const s = await ensureStream(jsm, { name: 'CB_RESULTS', subjects: ['cb.v1.results.>'], replicas: 1, logger });
    expect(s.info.config.num_replicas).toBe(3);
    expect(lines.join('')).toMatch(/CB_RESULTS keeps 3 replicas/);
  }, 30_000);
});

import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { type NatsClusterHandle, startNatsCluster } from '../../src/devtools/nats-cluster.js';

describe('nats cluster harness', () => {
  let cluster: NatsClusterHandle | undefined;
  afterAll(async () => cluster?.stop());

  it('starts three routed JetStream nodes whose R3 stream survives a kill -9 of one node', async () => {
    cluster = await startNatsCluster();
    await cluster.ready();
    const nc = await connect({ servers: cluster.urls });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.add({ name: 'HARNESS', subjects: ['harness.>'], num_replicas: 3 });
    expect(info.config.num_replicas).toBe(3);
    const js = nc.jetstream();
    await js.publish('harness.a', new Uint8Array([1]));
    await cluster.nodes[0]!.kill9();
    expect(cluster.nodes[0]!.pid()).toBeUndefined();
    // Two of three still form a quorum: writes go on, and the message written before is kept.
    let acked = false;
    for (let i = 0; i < 40 && !acked; i++) {
      acked = await js.publish('harness.b', new Uint8Array([2]), { timeout: 1_000 }).then(
        () => true,
        () => false,
      );
      if (!acked) await new Promise((r) => setTimeout(r, 250));
    }
    expect(acked).toBe(true);
    expect((await jsm.streams.info('HARNESS')).state.messages).toBe(2);
    await cluster.nodes[0]!.start();
    await nc.close();
  }, 60_000);
});

/**
 * The workflow service on a real 3-node JetStream cluster with `jetstreamReplicas: 3` (as the
 * gateway and adapters): a real `courtbridge workflows start` process creates its state, lease,
 * replay and filings buckets and `CB_FILINGS` with 3 replicas, so no store of a case lives on one
 * node only; every other stream and bucket of the deployment is R3 too.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type NatsClusterHandle, startNatsCluster } from '../../src/devtools/nats-cluster.js';
import { eventually } from '../helpers/eventually.js';
import { replicaStarted, startReplicaWorld, type ReplicaWorld } from './replica-harness.js';

const STATE_BUCKET = 'cb_workflows_r3';
const LEASE_BUCKET = 'cb_workflow_leases_r3';

describe('workflow service storage on a cluster (jetstreamReplicas 3)', () => {
  let cluster: NatsClusterHandle;
  let w: ReplicaWorld;
  let nc: NatsConnection;
  beforeAll(async () => {
    cluster = await startNatsCluster();
    await cluster.ready();
    w = await startReplicaWorld({
      stateBucket: STATE_BUCKET,
      leaseBucket: LEASE_BUCKET,
      cluster: { urls: cluster.urls, nodes: cluster.nodes, jetstreamReplicas: 3 },
    });
    nc = await connect({ servers: cluster.urls });
  }, 90_000);
  afterAll(async () => {
    await nc?.close();
    await w?.stop();
    await cluster?.stop();
  }, 60_000);

  it('creates its state, lease, replay and filings storage with 3 replicas', async () => {
    const r = w.startReplica('r3-a');
    await replicaStarted(r);
    const jsm = await nc.jetstreamManager();
    const wanted = [`KV_${STATE_BUCKET}`, `KV_${LEASE_BUCKET}`, 'KV_cb_workflow_replay', 'KV_cb_filings_cursor', 'CB_FILINGS'];
    const replicas = await eventually(
      async () => {
        const got: Record<string, number> = {};
        for await (const s of jsm.streams.list()) got[s.config.name] = s.config.num_replicas;
        return wanted.every((n) => n in got) ? got : false;
      },
      { timeoutMs: 20_000, what: `the workflow service's streams ${wanted.join(', ')}` },
    );
    expect(Object.entries(replicas).filter(([, n]) => n !== 3)).toEqual([]);
  }, 60_000);
});

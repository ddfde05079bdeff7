/**
 * Faults on a real cluster, one per test, each during a court's stream of freeze orders
 * (court-stream.ts) through a gateway process to the finance adapter process, on a 3-node JetStream
 * cluster with every stream and bucket at three replicas (cluster-world.ts). Each fault is a real
 * SIGKILL of a real process (a nats-server node, the adapter's process group, the gateway's), which
 * is then started again. The verdict is the same for every fault: every action the gateway
 * acknowledged is executed exactly once on the finance chain (counted on its ledger), none refused
 * by the gateway for a transient reason (the court retries UNAVAILABLE and RESOURCE_EXHAUSTED with
 * the same action id), none REJECTED. A workflow-service replica killed mid-case is covered on one
 * node by test/workflows/service-replicas.test.ts and service-kill-every-step.test.ts.
 */
import { connect } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { Streams } from '../../src/bus/subjects.js';
import { sleep, until } from '../workflows/replica-harness.js';
import { type ClusterWorld, startClusterWorld } from './cluster-world.js';
import { courtStream, exactlyOnceReport, executionsOnChain, type StreamedAction } from './court-stream.js';

/** Actions in each stream, submitted two at a time with a pause: the stream lasts a few seconds, the fault falls inside it. */
const STREAM = { actions: 40, concurrency: 2, paceMs: 150 } as const;
/** How long a killed part stays down before it is started again. */
const DOWN_MS = 2_000;

let world: ClusterWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/**
 * Start the world, warm it with one action, stream STREAM.actions actions and run `fault` once a
 * quarter of them is acknowledged; then wait for every acknowledged action to be final and count
 * the executions on the chain.
 */
async function streamThrough(label: string, fault: (w: ClusterWorld) => Promise<void>): Promise<void> {
  const w = await startClusterWorld();
  world = w;
  const court = await courtStream(w, label);
  try {
    // Warm-up: one action end to end, so the fault hits a system that works.
    const warm = await court.prepare(1);
    await court.submit(warm, 1);
    await court.settle(warm, 30_000);
    expect(warm[0]!.final, `warm-up action: ${JSON.stringify(warm[0])}`).toMatchObject({ status: 'EXECUTED' });
    const list = await court.prepare(STREAM.actions);
    const streaming = court.submit(list, STREAM.concurrency, STREAM.paceMs);
    await until('a quarter of the stream acknowledged', async () => (acked(list) >= STREAM.actions / 4 ? true : undefined), 30_000);
    const ackedBeforeFault = acked(list);
    await fault(w);
    await streaming;
    await court.settle(list, 60_000).catch(() => undefined); // the verdict below names what is not final
    // What is still in flight (a result on its way, a block being sealed) lands before the ledger is read.
    await sleep(2_000);
    await w.adapters.finance.kill9(); // the ledger is read from its files
    const all = [...warm, ...list];
    const report = exactlyOnceReport(
      all,
      executionsOnChain(
        w,
        all.map((a) => a.actionId),
      ),
    );
    expect(report, `${label}: ${retrySummary(list)}`).toEqual({ refused: [], notExecuted: [], notExactlyOnce: [] });
    expect(ackedBeforeFault, 'the fault fell inside the stream').toBeLessThan(STREAM.actions);
    expect(acked(list)).toBe(STREAM.actions);
  } finally {
    await court.close();
  }
}

const acked = (list: StreamedAction[]): number => list.filter((a) => a.acked).length;
const retrySummary = (list: StreamedAction[]): string => {
  const counts = new Map<string, number>();
  for (const a of list) for (const r of a.retries) counts.set(r, (counts.get(r) ?? 0) + 1);
  return `retries: ${JSON.stringify(Object.fromEntries(counts))}`;
};

describe('faults on a 3-node cluster during a stream of actions: every acknowledged action executed exactly once', () => {
  it('fault: kill -9 of the nats node leading the action stream, restarted', async () => {
    await streamThrough('nats-node', async (w) => {
      const nc = await connect({ servers: w.cluster.urls });
      const info = await (await nc.jetstreamManager()).streams.info(Streams.actions.name);
      await nc.close();
      expect(info.config.num_replicas, 'the action stream is replicated on the three nodes').toBe(3);
      const leader = w.cluster.nodes.findIndex((_, i) => info.cluster?.leader === `cb-faults-n${i + 1}`);
      expect(leader, `stream leader ${info.cluster?.leader} is a node of the cluster`).toBeGreaterThanOrEqual(0);
      await w.cluster.nodes[leader]!.kill9();
      await sleep(DOWN_MS);
      await w.cluster.nodes[leader]!.start();
    });
  }, 180_000);

  it('fault: kill -9 of the finance adapter process, restarted', async () => {
    await streamThrough('adapter', async (w) => {
      await w.adapters.finance.kill9();
      await sleep(DOWN_MS);
      await w.adapters.finance.start();
    });
  }, 180_000);

  it('fault: kill -9 of the gateway process, restarted on the same address', async () => {
    await streamThrough('gateway', async (w) => {
      await w.gateway.kill9();
      await sleep(DOWN_MS);
      await w.gateway.start();
    });
  }, 180_000);
});

/**
 * Suite `query-cluster`: suite `query`'s verified query at 64 concurrent calls, on a 3-node
 * JetStream cluster (src/devtools/nats-cluster.ts) instead of one nats-server, with every stream and
 * bucket at three replicas (the adapter provisions them R3; the header stream and the trusted-header
 * bucket the gateway reads are then Raft groups of three). Gateway, adapter and client processes as
 * in suite `query`, each of the first two given all three URLs, so a call may cross a route between
 * nodes, the gateway behind the production gate as in suite `query`. Next to it, measured interleaved
 * in the same run, its ceiling: the minimal relay of suite `query` (one raw NATS request/reply,
 * pre-encoded answer bytes), with the same payload, on the same cluster. Lines:
 * `ceiling.relay_min.c64.cluster3` and `query.verified.c64.cluster3` (its ratio against that
 * ceiling), each with the gateway's CPU time per call beside it (`.gateway_cpu_us_per_call`).
 */
import type { ChildProcess } from 'node:child_process';
import { startNatsCluster } from '../src/devtools/nats-cluster.js';
import { type BenchSuite, stagedSuite } from './lib.js';
import { BenchProcs, HOLD_MS, measure, type Others, recordPayload, Rounds, type Run, SIGNER } from './query-harness.js';

const BENCH_QUERY = { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/bench' };

export const queryCluster: BenchSuite = stagedSuite('query-cluster', async (ctx) => {
  const cluster = await startNatsCluster({ name: 'cb-bench' });
  const urls = cluster.urls.join(',');
  const procs = new BenchProcs(urls);
  const close = async (): Promise<void> => {
    await procs.close();
    await cluster.stop();
  };
  try {
    // The gateways load meanwhile; they connect once the cluster has a JetStream leader.
    const [relayLater, batchLater] = [procs.gatewayLater('relay-min'), procs.gatewayLater('batch')];
    await cluster.ready();
    const adapter = procs.start('adapter.ts', [urls, '3']);
    await adapter.line();
    const others = (g: ChildProcess): Others => ({ gateway: g.pid, adapter: adapter.child.pid });
    const batch = await batchLater.serve([SIGNER, HOLD_MS]);
    const client = (g: { port: number }) => procs.client(g.port, BENCH_QUERY);
    const verifiedClient = client(batch);
    const payload = await recordPayload(cluster.urls[0]!, batch.port, BENCH_QUERY);
    const relay = await relayLater.serve([String(payload.request), String(payload.reply), procs.file('answer.bin', payload.answer)]);
    const clients = { relay: client(relay), batch: verifiedClient };
    for (const c of Object.values(clients)) await c.line(); // ready
    await Promise.all(
      Object.entries(clients).map(([k, c]) => measure(c, 64, ctx.quick ? 300 : 2_000, 0, 0, {}, `warm-up cluster3 ${k}`, ctx.progress)),
    );
    const gws = { relay, batch };
    return {
      close,
      async measure() {
        // Two rounds with --quick, as suite query (the whole bench must fit in 60 s): the median of two is their mean.
        const rounds = ctx.quick ? 2 : 5;
        const warm = ctx.quick ? 50 : 1_000;
        const c = 'ceiling.relay_min.c64.cluster3';
        const v = 'query.verified.c64.cluster3';
        const runs = new Rounds();
        for (let i = 0; i < rounds; i++) {
          ctx.progress(`cluster3 round ${i + 1}/${rounds}`);
          for (const [mode, label] of [
            ['relay', c],
            ['batch', v],
          ] as const)
            runs.add(label, await measure(clients[mode], 64, ctx.durationMs, 0, warm, others(gws[mode].child), label, ctx.progress));
          ctx.progress(runs.lastRound());
        }
        const ops = (r: Run): number => r.ops;
        const gatewayCpu = (r: Run): number => r.cpuUs['gateway']!;
        runs.emit(ctx, c, c, ops, 'calls/s');
        runs.emit(ctx, `${c}.gateway_cpu_us_per_call`, c, gatewayCpu, 'µs/call');
        runs.paired(ctx, v, v, c, c, ops, 'calls/s');
        runs.emit(ctx, `${v}.gateway_cpu_us_per_call`, v, gatewayCpu, 'µs/call');
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
});

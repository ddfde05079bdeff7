/**
 * Suite `query`: the end-to-end verified query (gRPC client -> gateway -> NATS -> adapter ->
 * proof -> verification -> receipt), client, gateway, adapter and nats-server as separate
 * processes, a 1 KiB record of a 1M-record chain (bench/procs/adapter.ts); the gateway exactly
 * as deployed: the production gate (auth/guard.ts: the client's bearer token, a court's auth JWT,
 * verified once then cached, re-checked against the registry on every call; policy; per-caller
 * rate and concurrency limits sized for the load, bench/bench-limits.ts; admission; deadline cap;
 * metrics; one log line per call at info).
 * Its ceiling, measured in the same run with the same layout and the same payload, is the minimal
 * relay (`ceiling.relay_min`): a bare grpc-js handler doing one raw NATS request/reply of the
 * verified path's sizes and answering pre-encoded bytes as many as the verified answer (the
 * median-sized answer of two bursts of 64, recorded before anything is timed, as it came off the
 * wire), with no gate and no encoding per call. So a ratio is what the gate, relaying, verifying
 * and the receipt cost against the least a relay must do.
 * Beside every line, the gateway's own CPU time per call (`.gateway_cpu_us_per_call`).
 * Every client warms up first; ceiling and verified gateways run side by side and are measured
 * interleaved, `rounds` times, each line the median of its rounds (the machine is shared).
 */
import type { ChildProcess } from 'node:child_process';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { type BenchSuite, stagedSuite } from './lib.js';
import {
  BenchProcs,
  CPU,
  HOLD_MS,
  measure,
  natsPid,
  type Others,
  type Proc,
  recordPayload,
  Rounds,
  type Run,
  SIGNER,
} from './query-harness.js';

const UNGATED = process.env['COURTBRIDGE_BENCH_UNGATED'] === '1';

const BENCH_QUERY = { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/bench' };

export const query: BenchSuite = stagedSuite('query', async (ctx) => {
  const nats = await startNatsServer();
  const procs = new BenchProcs(nats.url);
  const close = async (): Promise<void> => {
    await procs.close();
    await nats.stop();
  };
  try {
    const adapter = procs.start('adapter.ts', [nats.url]);
    await adapter.line();
    const nats_ = CPU ? natsPid(nats.port) : undefined;
    const others = (g: ChildProcess): Others => ({ gateway: g.pid, adapter: adapter.child.pid, nats: nats_ });
    const dur = ctx.durationMs;
    const lat = ctx.quick ? 200 : 2_000;
    // Warm-up of each run (the clients persist and were warmed at start, so this only restores a
    // steady state; the client then warms 80 ms more at the measured concurrency with --quick).
    const warm = ctx.quick ? 50 : 1_000;
    // All gateways up at once (an idle one costs nothing), measured interleaved round after
    // round, medians reported: the machine is shared, so a ceiling measured minutes before
    // the line it bounds would compare two different machines.
    // Processes start side by side (each takes a second or two to load); a client starts as
    // soon as its gateway serves. The verified gateways serve first: the ceiling, loading
    // meanwhile, answers with what they recorded.
    const client = (g: { port: number }) => procs.client(g.port, BENCH_QUERY);
    const relayLater = procs.gatewayLater('relay-min');
    const [batch, jwt] = await Promise.all([procs.gateway('batch', [SIGNER, HOLD_MS]), procs.gateway('jwt', [SIGNER, HOLD_MS])]);
    const early = { batch: client(batch), jwt: client(jwt) };
    const payload = await recordPayload(nats.url, batch.port, BENCH_QUERY);
    ctx.progress(`payload: NATS request ${payload.request} B, adapter reply ${payload.reply} B, gRPC answer ${payload.answer.length} B`);
    const relay = await relayLater.serve([String(payload.request), String(payload.reply), procs.file('answer.bin', payload.answer)]);
    // COURTBRIDGE_BENCH_UNGATED=1: also the batch path without the gate, to see what the gate costs.
    const ungated = UNGATED ? await procs.gateway('batch-ungated', [SIGNER, HOLD_MS]) : undefined;
    const gws = { relay, batch, jwt, ...(ungated === undefined ? {} : { ungated }) };
    // One client per gateway for the whole suite, each warmed once (together: warm-up only
    // needs the JIT and the connection ready).
    const clients: Record<string, Proc> = {
      relay: client(relay),
      ...early,
      ...(ungated === undefined ? {} : { ungated: client(ungated) }),
    };
    for (const c of Object.values(clients)) await c.line(); // ready
    await Promise.all(
      Object.entries(clients).map(([k, c]) => measure(c, 64, ctx.quick ? 400 : 2_000, 0, 0, {}, `warm-up ${k}`, ctx.progress)),
    );
    return { measure: () => measureRounds(), close };

    async function measureRounds(): Promise<void> {
      // --quick must fit the whole bench in 60 s: two rounds (the median of two is their mean).
      const rounds = ctx.quick ? 2 : 5;
      const runs = new Rounds();
      for (let i = 0; i < rounds; i++) {
        ctx.progress(`round ${i + 1}/${rounds}`);
        for (const [mode, label] of [
          ['relay', 'ceiling.relay_min'],
          ['batch', 'query.verified'],
        ] as const) {
          runs.add(`${label}.c1`, await measure(clients[mode]!, 1, dur, lat, warm, others(gws[mode].child), `${label}.c1`, ctx.progress));
        }
        for (const [mode, label] of [
          ['relay', 'ceiling.relay_min'],
          ['batch', 'query.verified'],
          ['jwt', 'query.verified.jwt_receipt'],
          ...(UNGATED ? ([['ungated', 'query.verified_ungated']] as const) : []),
        ] as const) {
          runs.add(`${label}.c64`, await measure(clients[mode]!, 64, dur, 0, warm, others(gws[mode]!.child), `${label}.c64`, ctx.progress));
        }
        ctx.progress(runs.lastRound());
      }
      const c = 'ceiling.relay_min';
      const v = 'query.verified';
      const ops = (r: Run): number => r.ops;
      const cpu = (k: string): void => runs.emit(ctx, `${k}.gateway_cpu_us_per_call`, k, (r) => r.cpuUs['gateway']!, 'µs/call');
      ctx.emit({ name: `${v}.answer_bytes`, value: payload.answer.length, unit: 'bytes' });
      runs.emit(ctx, `${c}.c1`, `${c}.c1`, ops, 'calls/s');
      runs.emit(ctx, `${c}.c1.p50_ms`, `${c}.c1`, (r) => r.p50, 'ms', 3);
      runs.emit(ctx, `${c}.c1.p99_ms`, `${c}.c1`, (r) => r.p99, 'ms', 3);
      cpu(`${c}.c1`);
      runs.emit(ctx, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
      cpu(`${c}.c64`);
      runs.paired(ctx, `${v}.c1`, `${v}.c1`, `${c}.c1`, `${c}.c1`, ops, 'calls/s');
      runs.paired(ctx, `${v}.c1.p50_ms`, `${v}.c1`, `${c}.c1`, `${c}.c1.p50_ms`, (r) => r.p50, 'ms', 3);
      runs.paired(ctx, `${v}.c1.p99_ms`, `${v}.c1`, `${c}.c1`, `${c}.c1.p99_ms`, (r) => r.p99, 'ms', 3);
      cpu(`${v}.c1`);
      runs.paired(ctx, `${v}.c64`, `${v}.c64`, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
      cpu(`${v}.c64`);
      runs.paired(ctx, `${v}.jwt_receipt.c64`, `${v}.jwt_receipt.c64`, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
      cpu(`${v}.jwt_receipt.c64`);
      if (UNGATED) {
        runs.paired(ctx, `${v}_ungated.c64`, `${v}_ungated.c64`, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
        cpu(`${v}_ungated.c64`);
        runs.paired(ctx, `${v}.c64_vs_ungated`, `${v}.c64`, `${v}_ungated.c64`, `${v}_ungated.c64`, ops, 'calls/s');
      }
    }
  } catch (e) {
    await close();
    throw e;
  }
});

/**
 * Suite `query`: the end-to-end verified query (gRPC client -> gateway -> NATS -> adapter ->
 * proof -> verification -> receipt), client, gateway, adapter and nats-server as separate
 * processes, 1 KiB record; next to the ceiling measured in the same run with the same layout
 * and the same payload: a raw grpc-js echo whose handler does one raw NATS request/reply
 * ("Done when"). The payload is recorded from the verified path before anything is
 * timed: the NATS request and the adapter's reply sizes, and the median-sized gRPC answer of
 * two bursts of 64 (whose receipts carry batch paths, as under load). The echo moves those NATS
 * bytes and answers with that recorded answer, the same message the client decodes from the
 * verified path; so the ratio is what relaying, verifying and the receipt cost, not what the
 * client pays to decode a proof bundle. A second echo (`ceiling.grpc_nats_echo_opaque`, the
 * ceiling of earlier runs) answers with the same number of bytes as one opaque field, for
 * comparison: against it the ratio also charges the bundle's decoding to the gateway.
 * Every client warms up first; ceiling and verified gateways run side by side and are measured
 * interleaved, `rounds` times, each line the median of its rounds (the machine is shared).
 * No auth interceptor is wired into these gateways yet (the control path adds it; its cost per
 * call is a token-cache hit), so calls carry no token.
 */
import type { ChildProcess } from 'node:child_process';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { type BenchSuite, stagedSuite } from './lib.js';
import { BenchProcs, CPU, HOLD_MS, measure, natsPid, type Others, recordPayload, Rounds, SIGNER } from './query-harness.js';

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
    // soon as its gateway serves. The verified gateways serve first: the echoes, loading
    // meanwhile, answer with what they recorded.
    const client = (g: { port: number }) => procs.client(g.port, BENCH_QUERY);
    const [echoLater, opaqueLater] = [procs.gatewayLater('echo'), procs.gatewayLater('echo-opaque')];
    const [batch, jwt] = await Promise.all([procs.gateway('batch', [SIGNER, HOLD_MS]), procs.gateway('jwt', [SIGNER, HOLD_MS])]);
    const early = { batch: client(batch), jwt: client(jwt) };
    const payload = await recordPayload(nats.url, batch.port, BENCH_QUERY);
    ctx.progress(`payload: NATS request ${payload.request} B, adapter reply ${payload.reply} B, gRPC answer ${payload.answer.length} B`);
    const answerFile = procs.file('answer.bin', payload.answer);
    const hops = [String(payload.request), String(payload.reply)];
    const [echo, opaque] = await Promise.all([
      echoLater.serve([...hops, answerFile]),
      opaqueLater.serve([...hops, String(payload.answer.length)]),
    ]);
    const gws = { echo, opaque, batch, jwt };
    // One client per gateway for the whole suite, each warmed once (together: warm-up only
    // needs the JIT and the connection ready).
    const clients = { echo: client(echo), opaque: client(opaque), ...early };
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
          ['echo', 'ceiling.grpc_nats_echo'],
          ['batch', 'query.verified'],
        ] as const) {
          runs.add(`${label}.c1`, await measure(clients[mode], 1, dur, lat, warm, others(gws[mode].child), `${label}.c1`, ctx.progress));
        }
        for (const [mode, label] of [
          ['echo', 'ceiling.grpc_nats_echo'],
          ['opaque', 'ceiling.grpc_nats_echo_opaque'],
          ['batch', 'query.verified'],
          ['jwt', 'query.verified.jwt_receipt'],
        ] as const) {
          runs.add(`${label}.c64`, await measure(clients[mode], 64, dur, 0, warm, others(gws[mode].child), `${label}.c64`, ctx.progress));
        }
        ctx.progress(runs.lastRound());
      }
      const c = 'ceiling.grpc_nats_echo';
      const ops = (r: { ops: number }): number => r.ops;
      ctx.emit({ name: 'query.verified.answer_bytes', value: payload.answer.length, unit: 'bytes' });
      runs.emit(ctx, `${c}.c1`, `${c}.c1`, ops, 'calls/s');
      runs.emit(ctx, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
      runs.emit(ctx, `${c}.c1.p50_ms`, `${c}.c1`, (r) => r.p50, 'ms', 3);
      runs.emit(ctx, `${c}.c1.p99_ms`, `${c}.c1`, (r) => r.p99, 'ms', 3);
      runs.emit(ctx, `${c}_opaque.c64`, `${c}_opaque.c64`, ops, 'calls/s');
      const v = 'query.verified';
      runs.paired(ctx, `${v}.c1`, `${v}.c1`, `${c}.c1`, `${c}.c1`, ops, 'calls/s');
      runs.paired(ctx, `${v}.c64`, `${v}.c64`, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
      runs.paired(ctx, `${v}.c1.p50_ms`, `${v}.c1`, `${c}.c1`, `${c}.c1.p50_ms`, (r) => r.p50, 'ms', 3);
      runs.paired(ctx, `${v}.c1.p99_ms`, `${v}.c1`, `${c}.c1`, `${c}.c1.p99_ms`, (r) => r.p99, 'ms', 3);
      runs.paired(ctx, `${v}.jwt_receipt.c64`, `${v}.jwt_receipt.c64`, `${c}.c64`, `${c}.c64`, ops, 'calls/s');
      runs.paired(ctx, `${v}.c64_vs_opaque`, `${v}.c64`, `${c}_opaque.c64`, `${c}_opaque.c64`, ops, 'calls/s');
    }
  } catch (e) {
    await close();
    throw e;
  }
});

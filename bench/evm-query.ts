/**
 * Suite `evm-query`: the end-to-end verified query of an EVM chain (gRPC client -> gateway ->
 * NATS -> EVM adapter -> hardhat node's block and `eth_getProof` -> the gateway's check against a
 * block the chain's notaries made final -> batch receipt), one `bank_account` record of the
 * BankLedger contract (bench/evm-bench-chain.ts), client, gateway, adapter, hardhat node and
 * nats-server as separate processes, the gateway behind the production gate as in suite `query`;
 * next to the same ceiling as suite `query` measured in the same run with the same layout and
 * payload: the minimal relay, a bare grpc-js handler doing one raw NATS request/reply moving the
 * evm path's request and reply sizes and answering a recorded verified evm answer's bytes
 * (query.ts explains the ceiling). Ceiling and verified runs are interleaved round after round,
 * each line the median of its rounds, each ratio the median of the per-round ratios; beside
 * each, the gateway's own CPU µs per call (the ceiling's and the verified one's), which the ratio
 * alone hides: the adapter and its node answer well below the ceiling's rate, and they bound the
 * verified rate.
 */
import type { ChildProcess } from 'node:child_process';
import { connectBus } from '../src/bus/connection.js';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { anchorArgs, EVM_BENCH_QUERY, evmBenchFixture, latestBlock, notarize } from './evm-bench-chain.js';
import { type BenchSuite, stagedSuite } from './lib.js';
import { BenchProcs, CPU, HOLD_MS, measure, natsPid, type Others, recordPayload, Rounds, type Run, SIGNER } from './query-harness.js';

export const evmQuery: BenchSuite = stagedSuite('evm-query', async (ctx) => {
  const nats = await startNatsServer();
  const procs = new BenchProcs(nats.url);
  const close = async (): Promise<void> => {
    await procs.close();
    await nats.stop();
  };
  try {
    // Everything loads side by side: the gateways while the node starts and the contract is
    // deployed, told their arguments once these are known.
    const adapter = procs.start('evm-adapter.ts', [nats.url]);
    const [verifiedLater, relayLater] = [procs.gatewayLater('evm'), procs.gatewayLater('relay-min')];
    const [, rpcUrl, contract, hardhatPid] = (await adapter.line()).split(' ') as [string, string, string, string];
    // The notaries sign the node's newest block; hardhat mines only on transactions, so it is
    // the block every answer rests on.
    const block = await latestBlock(rpcUrl);
    const anchor = { contract, height: block.height, headerHash: block.blockHash };
    const bus = await connectBus({ servers: nats.url, name: 'bench-notaries' });
    await notarize(bus.nc, evmBenchFixture(anchor), block);
    await bus.close();
    const verified = await verifiedLater.serve([SIGNER, HOLD_MS, ...anchorArgs(anchor)]);
    const verifiedClient = procs.client(verified.port, EVM_BENCH_QUERY);
    const payload = await recordPayload(nats.url, verified.port, EVM_BENCH_QUERY);
    ctx.progress(
      `evm payload: NATS request ${payload.request} B, adapter reply ${payload.reply} B, gRPC answer ${payload.answer.length} B`,
    );
    const relay = await relayLater.serve([String(payload.request), String(payload.reply), procs.file('evm-answer.bin', payload.answer)]);
    const clients = { relay: procs.client(relay.port, EVM_BENCH_QUERY), verified: verifiedClient };
    const gws = { relay, verified };
    for (const c of Object.values(clients)) await c.line(); // ready
    await Promise.all(
      Object.entries(clients).map(([k, c]) => measure(c, 64, ctx.quick ? 400 : 2_000, 0, 0, {}, `warm-up evm ${k}`, ctx.progress)),
    );
    return { measure: () => measureRounds(), close };

    async function measureRounds(): Promise<void> {
      const nats_ = CPU ? natsPid(nats.port) : undefined;
      const others = (g: ChildProcess): Others => ({
        gateway: g.pid,
        adapter: adapter.child.pid,
        hardhat: Number(hardhatPid),
        nats: nats_,
      });
      const warm = ctx.quick ? 50 : 1_000;
      // One round with --quick (the node, contract and processes take most of this suite's time,
      // and the whole bench must fit in 60 s): its ratio swings more than suite query's median of two.
      const rounds = ctx.quick ? 1 : 5;
      const runs = new Rounds();
      const c = 'ceiling.relay_min.evm.c64';
      const v = 'query.verified.evm.c64';
      for (let i = 0; i < rounds; i++) {
        ctx.progress(`evm round ${i + 1}/${rounds}`);
        for (const [mode, label] of [
          ['relay', c],
          ['verified', v],
        ] as const) {
          runs.add(label, await measure(clients[mode], 64, ctx.durationMs, 0, warm, others(gws[mode].child), label, ctx.progress));
        }
        ctx.progress(runs.lastRound());
      }
      const ops = (r: Run): number => r.ops;
      const gatewayCpu = (r: Run): number => r.cpuUs['gateway']!;
      ctx.emit({ name: 'query.verified.evm.answer_bytes', value: payload.answer.length, unit: 'bytes' });
      runs.emit(ctx, c, c, ops, 'calls/s');
      runs.emit(ctx, `${c}.gateway_cpu_us_per_call`, c, gatewayCpu, 'µs/call');
      runs.paired(ctx, v, v, c, c, ops, 'calls/s');
      runs.emit(ctx, `${v}.gateway_cpu_us_per_call`, v, gatewayCpu, 'µs/call');
    }
  } catch (e) {
    await close();
    throw e;
  }
});

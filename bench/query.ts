/**
 * Suite `query`: the end-to-end verified query (gRPC client -> gateway -> NATS -> adapter ->
 * proof -> verification -> receipt), client, gateway, adapter and nats-server as separate
 * processes, 1 KiB record; next to the ceiling measured in the same run with the same layout:
 * a raw grpc-js echo whose handler does one raw NATS request/reply (issue 5 "Done when").
 * No auth interceptor is wired into these gateways yet (the control path adds it; its cost per
 * call is a token-cache hit), so calls carry no token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { round, withCeiling, type BenchSuite } from './lib.js';

const TSX = ['--import', 'tsx'];
/** `COURTBRIDGE_BENCH_PROF=<dir>` writes a V8 CPU profile of every bench process there (node --cpu-prof). */
const PROF = process.env['COURTBRIDGE_BENCH_PROF'];
const PROF_ARGS = PROF === undefined || PROF === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROF}`];

function proc(file: string, args: string[]): { child: ChildProcess; line: () => Promise<string> } {
  const child = spawn(process.execPath, [...PROF_ARGS, ...TSX, new URL(`./procs/${file}`, import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const lines: string[] = [];
  const waiters: ((s: string) => void)[] = [];
  rl.on('line', (l) => (waiters.length > 0 ? waiters.shift()!(l) : lines.push(l)));
  return { child, line: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((r) => waiters.push(r))) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

interface Run {
  ops: number;
  p50: number;
  p99: number;
}

async function client(port: number, concurrency: number, durationMs: number, latencyCount: number): Promise<Run> {
  const c = proc('client.ts', [String(port), String(concurrency), String(durationMs), String(latencyCount)]);
  const out = JSON.parse(await c.line()) as Run;
  await stop(c.child);
  return out;
}

export const query: BenchSuite = {
  name: 'query',
  async run(ctx) {
    const nats = await startNatsServer();
    const procs: ChildProcess[] = [];
    try {
      const adapter = proc('adapter.ts', [nats.url]);
      procs.push(adapter.child);
      await adapter.line();
      const gateway = async (mode: string): Promise<{ port: number; child: ChildProcess }> => {
        const g = proc('gateway.ts', [nats.url, mode]);
        procs.push(g.child);
        return { port: Number((await g.line()).split(' ')[1]), child: g.child };
      };
      const dur = ctx.durationMs;
      const lat = ctx.quick ? 400 : 2_000;
      const measure = async (mode: string, prefix: string, ceiling: string | undefined): Promise<void> => {
        const g = await gateway(mode);
        ctx.progress(`${prefix} (gateway ${mode})`);
        const c1 = await client(g.port, 1, dur, lat);
        const c64 = await client(g.port, 64, dur, 0);
        if (ceiling === undefined) {
          ctx.emit({ name: `${prefix}.c1`, value: round(c1.ops), unit: 'calls/s' });
          ctx.emit({ name: `${prefix}.c64`, value: round(c64.ops), unit: 'calls/s' });
          ctx.emit({ name: `${prefix}.c1.p50_ms`, value: round(c1.p50, 3), unit: 'ms' });
          ctx.emit({ name: `${prefix}.c1.p99_ms`, value: round(c1.p99, 3), unit: 'ms' });
        } else {
          ctx.emit(withCeiling(ctx, `${prefix}.c1`, c1.ops, 'calls/s', `${ceiling}.c1`));
          ctx.emit(withCeiling(ctx, `${prefix}.c64`, c64.ops, 'calls/s', `${ceiling}.c64`));
          ctx.emit({ ...withCeiling(ctx, `${prefix}.c1.p50_ms`, c1.p50, 'ms', `${ceiling}.c1.p50_ms`), value: round(c1.p50, 3) });
          ctx.emit({ ...withCeiling(ctx, `${prefix}.c1.p99_ms`, c1.p99, 'ms', `${ceiling}.c1.p99_ms`), value: round(c1.p99, 3) });
        }
        await stop(g.child);
      };
      await measure('echo', 'ceiling.grpc_nats_echo', undefined);
      await measure('batch', 'query.verified', 'ceiling.grpc_nats_echo');
      const g = await gateway('jwt');
      ctx.progress('query.verified.jwt_receipt (gateway jwt)');
      const j = await client(g.port, 64, dur, 0);
      ctx.emit(withCeiling(ctx, 'query.verified.jwt_receipt.c64', j.ops, 'calls/s', 'ceiling.grpc_nats_echo.c64'));
      await stop(g.child);
    } finally {
      for (const p of procs) await stop(p);
      await nats.stop();
    }
  },
};

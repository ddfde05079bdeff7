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
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { round, withCeiling, type BenchSuite } from './lib.js';

const TSX = ['--import', 'tsx'];
/** `COURTBRIDGE_BENCH_PROF=<dir>` writes a V8 CPU profile of every bench process there (node --cpu-prof). */
const PROF = process.env['COURTBRIDGE_BENCH_PROF'];
const PROF_ARGS = PROF === undefined || PROF === '' ? [] : ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${PROF}`];

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

/** `COURTBRIDGE_BENCH_CPU=1` prints the CPU time per call of every process of a measured run (stderr). */
const CPU = process.env['COURTBRIDGE_BENCH_CPU'] === '1';

/** utime + stime of `pid` in ms (/proc/<pid>/stat fields 14 and 15, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

/** The nats-server listening on `port` (for CPU accounting only). */
function natsPid(port: number): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd[0]!.endsWith('nats-server') && cmd.includes(String(port))) return Number(d);
    } catch {
      // gone
    }
  }
  return undefined;
}

interface Run {
  ops: number;
  p50: number;
  p99: number;
  calls: number;
  /** The client's own CPU time over the measured calls. */
  cpuMs: number;
}

/** Processes whose CPU time is accounted per call (COURTBRIDGE_BENCH_CPU). */
type Others = Record<string, number | undefined>;

async function client(port: number, concurrency: number, durationMs: number, latencyCount: number, others: Others, label: string, progress: (m: string) => void): Promise<Run> {
  const c = proc('client.ts', [String(port), String(concurrency), String(durationMs), String(latencyCount), String(Math.max(500, durationMs))]);
  await c.line(); // go
  const before = Object.fromEntries(Object.entries(others).map(([k, pid]) => [k, cpuMs(pid)]));
  const out = JSON.parse(await c.line()) as Run;
  if (CPU) {
    const per = Object.entries(others).map(([k, pid]) => `${k} ${(((cpuMs(pid) - before[k]!) * 1000) / out.calls).toFixed(0)}`);
    progress(`cpu µs/call ${label}: client ${((out.cpuMs * 1000) / out.calls).toFixed(0)}, ${per.join(', ')} (${out.calls} calls)`);
  }
  // Let it exit by itself (so a --cpu-prof profile is written), then make sure.
  await Promise.race([once(c.child, 'exit'), new Promise((r) => setTimeout(r, 2_000))]);
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
      const nats_ = CPU ? natsPid(nats.port) : undefined;
      const others = (g: ChildProcess): Others => ({ gateway: g.pid, adapter: adapter.child.pid, nats: nats_ });
      const dur = ctx.durationMs;
      const lat = ctx.quick ? 400 : 2_000;
      const measure = async (mode: string, prefix: string, ceiling: string | undefined): Promise<void> => {
        const g = await gateway(mode);
        ctx.progress(`${prefix} (gateway ${mode})`);
        const c1 = await client(g.port, 1, dur, lat, others(g.child), `${prefix}.c1`, ctx.progress);
        const c64 = await client(g.port, 64, dur, 0, others(g.child), `${prefix}.c64`, ctx.progress);
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
      const j = await client(g.port, 64, dur, 0, others(g.child), 'query.verified.jwt_receipt.c64', ctx.progress);
      ctx.emit(withCeiling(ctx, 'query.verified.jwt_receipt.c64', j.ops, 'calls/s', 'ceiling.grpc_nats_echo.c64'));
      await stop(g.child);
    } finally {
      for (const p of procs) await stop(p);
      await nats.stop();
    }
  },
};

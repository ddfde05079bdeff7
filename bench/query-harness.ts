/**
 * What the end-to-end query suites share (query.ts: the dev-ledger chain; evm-query.ts: an EVM
 * chain on a hardhat node): bench processes (bench/procs) started and always stopped, the verified
 * path's payload recorded before anything is timed, persistent warm clients measured run by run
 * with the CPU time every other process spent on the calls, and rounds reported as medians with
 * per-round ratios against a ceiling measured interleaved.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { connectBus } from '../src/bus/connection.js';
import { querySubject } from '../src/bus/subjects.js';
import { loadGatewayProto } from '../src/wire/gateway-proto.js';
import { encodeMessage } from '../src/wire/codec.js';
import { round, withCeiling, type BenchContext } from './lib.js';
import { courtAuthorization } from './bench-token.js';

const TSX = ['--import', 'tsx'];
/** `COURTBRIDGE_BENCH_PROF=<dir>` writes a V8 CPU profile of every bench process there (node --cpu-prof). */
const PROF = process.env['COURTBRIDGE_BENCH_PROF'];
const PROF_ARGS = PROF === undefined || PROF === '' ? [] : ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${PROF}`];

/** `COURTBRIDGE_BENCH_CPU=1` prints the CPU time per call of every process of a measured run (stderr). */
export const CPU = process.env['COURTBRIDGE_BENCH_CPU'] === '1';

/** Receipt signer of the verified gateways: `libsecp` (default, the gateway's), `noble` or `native` (`COURTBRIDGE_BENCH_SIGNER`). */
export const SIGNER = process.env['COURTBRIDGE_BENCH_SIGNER'] ?? 'libsecp';
/** Receipt batch hold of the verified gateways (`COURTBRIDGE_BENCH_HOLD_MS`; default: the gateway's). */
export const HOLD_MS = process.env['COURTBRIDGE_BENCH_HOLD_MS'] ?? '';

/** The record every client of a suite asks for. */
export interface BenchQuery {
  chainId: string;
  recordType: string;
  key: string;
}

/** A bench process and its stdout, line by line. */
export interface Proc {
  child: ChildProcess;
  line: () => Promise<string>;
}

function proc(file: string, args: string[]): Proc {
  const child = spawn(process.execPath, [...PROF_ARGS, ...TSX, new URL(`./procs/${file}`, import.meta.url).pathname, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const rl = createInterface({ input: child.stdout! });
  const lines: string[] = [];
  const waiters: { resolve: (s: string) => void; reject: (e: Error) => void }[] = [];
  // A process that dies (a client whose call timed out on a loaded machine) fails the suite
  // instead of leaving it waiting for a line that never comes.
  let ended: Error | undefined;
  rl.on('line', (l) => (waiters.length > 0 ? waiters.shift()!.resolve(l) : lines.push(l)));
  rl.on('close', () => {
    ended = new Error(`bench: ${file} ended (exit code ${child.exitCode ?? child.signalCode ?? 'unknown'})`);
    for (const w of waiters.splice(0)) w.reject(ended);
  });
  const line = (): Promise<string> => {
    if (lines.length > 0) return Promise.resolve(lines.shift()!);
    if (ended !== undefined) return Promise.reject(ended);
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
  return { child, line };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Ends a client: `exit` lets it write its --cpu-prof profile, then make sure. */
async function endClient(c: Proc): Promise<void> {
  c.child.stdin!.end('exit\n');
  await Promise.race([once(c.child, 'exit'), new Promise((r) => setTimeout(r, 2_000))]);
  await stop(c.child);
}

const SCHEDSTAT = existsSync('/proc/self/schedstat');

/**
 * CPU time of `pid` in ms: the sum of its threads' run time (/proc/<pid>/task/<tid>/schedstat, in
 * ns), or utime + stime (/proc/<pid>/stat, ticks of 10 ms) where schedstat is missing. Ticks are
 * too coarse for a per-call figure of a 340 ms run.
 */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    if (!SCHEDSTAT) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    }
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended
      }
    }
    return ns / 1e6;
  } catch {
    return 0; // the process ended
  }
}
/** The nats-server listening on `port` (for CPU accounting only). */
export function natsPid(port: number): number | undefined {
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

/** One measured run of a client. */
export interface Run {
  ops: number;
  p50: number;
  p99: number;
  calls: number;
  /** The client's own CPU time over the measured calls. */
  cpuMs: number;
  /** CPU µs per call of each of the other processes (by the names `measure` was given). */
  cpuUs: Record<string, number>;
}

/** Processes whose CPU time is accounted per call, by name. */
export type Others = Record<string, number | undefined>;

/** What the verified path moves on each hop. */
export interface Payload {
  /** NATS request bytes. */
  request: number;
  /** NATS reply bytes (the adapter's answer). */
  reply: number;
  /** A recorded gRPC answer (QueryRecordResponse) of the median size. */
  answer: Buffer;
}

/**
 * The verified path's payload for `q`: one NATS request/reply to the adapter, and the median-sized
 * gRPC answer of two bursts of 64 through the gateway on `gatewayPort` (whose receipts carry batch
 * paths, as under load), as it came off the wire.
 */
export async function recordPayload(natsUrl: string, gatewayPort: number, q: BenchQuery): Promise<Payload> {
  const request = encodeMessage('QueryRequest', { requestId: randomUUID(), ...q, height: 0, deadlineMs: Date.now() + 10_000 });
  const bus = await connectBus({ servers: natsUrl, name: 'bench-probe' });
  const reply = (await bus.nc.request(querySubject(q.chainId), request, { timeout: 5_000 })).data.length;
  await bus.close();
  const def = loadGatewayProto().services.QueryService['Query']!;
  // The answers as they came off the wire: the bytes, not a re-encoding.
  const Client = grpc.makeGenericClientConstructor({ Query: { ...def, responseDeserialize: (b: Buffer) => b } }, 'QueryService');
  const c = new Client(`127.0.0.1:${gatewayPort}`, grpc.credentials.createInsecure()) as unknown as Record<
    string,
    (r: object, m: grpc.Metadata, o: grpc.CallOptions, cb: (e: Error | null, v: Buffer) => void) => void
  >;
  const auth = courtAuthorization();
  const call = (): Promise<Buffer> =>
    new Promise((resolve, reject) =>
      c['Query']!.call(c, { query: { ...q, height: { latest: {} } } }, auth, { deadline: Date.now() + 10_000 }, (e, v) =>
        e ? reject(e) : resolve(v),
      ),
    );
  const answers: Buffer[] = [];
  for (let i = 0; i < 2; i++) answers.push(...(await Promise.all(Array.from({ length: 64 }, call))));
  (c as unknown as grpc.Client).close();
  answers.sort((a, b) => a.length - b.length);
  return { request: request.length, reply, answer: answers[Math.floor(answers.length / 2)]! };
}

/** One measured run of a (warm, persistent) client process. */
export async function measure(
  c: Proc,
  concurrency: number,
  durationMs: number,
  latencyCount: number,
  warmMs: number,
  others: Others,
  label: string,
  progress: (m: string) => void,
): Promise<Run> {
  c.child.stdin!.write(`run ${concurrency} ${durationMs} ${latencyCount} ${warmMs}\n`);
  await c.line(); // go
  const before = Object.fromEntries(Object.entries(others).map(([k, pid]) => [k, cpuMs(pid)]));
  const out = JSON.parse(await c.line()) as Omit<Run, 'cpuUs'>;
  const cpuUs = Object.fromEntries(Object.entries(others).map(([k, pid]) => [k, ((cpuMs(pid) - before[k]!) * 1000) / out.calls]));
  if (CPU) {
    const per = Object.entries(cpuUs).map(([k, us]) => `${k} ${us.toFixed(0)}`);
    progress(`cpu µs/call ${label}: client ${((out.cpuMs * 1000) / out.calls).toFixed(0)}, ${per.join(', ')} (${out.calls} calls)`);
  }
  return { ...out, cpuUs };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The processes of one suite: each one started here is stopped by `close` (clients first, each
 * told to exit so a --cpu-prof profile is written), and the scratch dir removed.
 */
export class BenchProcs {
  private readonly procs: ChildProcess[] = [];
  private readonly clients: Proc[] = [];
  private readonly scratch = mkdtempSync(join(tmpdir(), 'courtbridge-bench-'));

  constructor(readonly natsUrl: string) {}

  /** bench/procs/<file> with `args`. */
  start(file: string, args: string[]): Proc {
    const p = proc(file, args);
    this.procs.push(p.child);
    return p;
  }

  /** A gateway (bench/procs/gateway.ts) in `mode`, once it serves. */
  gateway(mode: string, args: string[]): Promise<Gateway> {
    return this.gatewayLater(mode).serve(args);
  }

  /** A gateway in `mode` that starts loading now and serves once `serve` gives it its arguments. */
  gatewayLater(mode: string): { serve(args: string[]): Promise<Gateway> } {
    const g = this.start('gateway.ts', [this.natsUrl, mode, '-']);
    return {
      serve: async (args) => {
        g.child.stdin!.write(`${JSON.stringify(args)}\n`);
        return { port: Number((await g.line()).split(' ')[1]), child: g.child };
      },
    };
  }

  /** A persistent client (bench/procs/client.ts) asking the gateway on `port` for `q`. */
  client(port: number, q: BenchQuery): Proc {
    const c = proc('client.ts', [String(port), q.chainId, q.recordType, q.key]);
    this.clients.push(c);
    return c;
  }

  /** `bytes` in a scratch file (a recorded answer for the minimal-relay ceiling). */
  file(name: string, bytes: Uint8Array): string {
    const path = join(this.scratch, name);
    writeFileSync(path, bytes);
    return path;
  }

  async close(): Promise<void> {
    for (const c of this.clients) await endClient(c);
    for (const p of this.procs) await stop(p);
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** A serving bench gateway. */
export interface Gateway {
  port: number;
  child: ChildProcess;
}

/** Runs by line name, round after round; lines are their medians, ratios the medians of per-round ratios. */
export class Rounds {
  private readonly runs: Record<string, Run[]> = {};

  add(k: string, r: Run): void {
    const list = this.runs[k] ?? [];
    list.push(r);
    this.runs[k] = list;
  }

  /** The last round's calls/s (and c1 p50) of every line, for progress. */
  lastRound(): string {
    return Object.entries(this.runs)
      .map(([k, v]) => `${k} ${round(v.at(-1)!.ops)}${k.endsWith('c1') ? ` p50 ${round(v.at(-1)!.p50, 3)}` : ''}`)
      .join(', ');
  }

  med(k: string, f: (r: Run) => number): number {
    const list = this.runs[k];
    if (list === undefined) throw new Error(`bench: no runs of ${k}`);
    return median(list.map(f));
  }

  /** A line without a ceiling: the median of `k`'s runs. */
  emit(ctx: BenchContext, name: string, k: string, f: (r: Run) => number, unit: string, digits = 1): void {
    ctx.emit({ name, value: round(this.med(k, f), digits), unit });
  }

  /**
   * A line with a ceiling: the median of `k`'s runs, its ratio the median of the per-round ratios
   * against the runs `ck` (each verified run against the ceiling run of its own round, seconds
   * apart, which drifting load from other processes distorts least); `ceiling` is the line the
   * ratio refers to, emitted before.
   */
  paired(ctx: BenchContext, name: string, k: string, ck: string, ceiling: string, f: (r: Run) => number, unit: string, digits = 1): void {
    withCeiling(ctx, name, this.med(k, f), unit, ceiling); // ceiling line emitted (throws if not)
    const ceilingRuns = this.runs[ck]!;
    const ratio = median(this.runs[k]!.map((r, i) => f(r) / f(ceilingRuns[i]!)));
    ctx.emit({ name, value: round(this.med(k, f), digits), unit, ceiling, ratio: round(ratio, 3) });
  }
}

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
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { connectBus } from '../src/bus/connection.js';
import { querySubject } from '../src/bus/subjects.js';
import { loadGatewayProto } from '../src/wire/gateway-proto.js';
import { encodeMessage } from '../src/wire/codec.js';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { round, withCeiling, type BenchSuite } from './lib.js';

const TSX = ['--import', 'tsx'];
/** `COURTBRIDGE_BENCH_PROF=<dir>` writes a V8 CPU profile of every bench process there (node --cpu-prof). */
const PROF = process.env['COURTBRIDGE_BENCH_PROF'];
const PROF_ARGS = PROF === undefined || PROF === '' ? [] : ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${PROF}`];

interface Proc {
  child: ChildProcess;
  line: () => Promise<string>;
}

function proc(file: string, args: string[]): Proc {
  const child = spawn(process.execPath, [...PROF_ARGS, ...TSX, new URL(`./procs/${file}`, import.meta.url).pathname, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
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

/** Receipt signer of the verified gateways: `libsecp` (default, the gateway's), `noble` or `native` (`COURTBRIDGE_BENCH_SIGNER`). */
const SIGNER = process.env['COURTBRIDGE_BENCH_SIGNER'] ?? 'libsecp';
/** Receipt batch hold of the verified gateways (`COURTBRIDGE_BENCH_HOLD_MS`; default: the gateway's). */
const HOLD_MS = process.env['COURTBRIDGE_BENCH_HOLD_MS'] ?? '';

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

/** What the verified path moves on each hop (see the header). */
interface Payload {
  /** NATS request bytes. */
  request: number;
  /** NATS reply bytes (the adapter's answer). */
  reply: number;
  /** A recorded gRPC answer (QueryRecordResponse) of the median size. */
  answer: Buffer;
}

const BENCH_QUERY = { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/bench' };

async function recordPayload(natsUrl: string, gatewayPort: number): Promise<Payload> {
  const request = encodeMessage('QueryRequest', { requestId: randomUUID(), ...BENCH_QUERY, height: 0, deadlineMs: Date.now() + 10_000 });
  const bus = await connectBus({ servers: natsUrl, name: 'bench-probe' });
  const reply = (await bus.nc.request(querySubject('credit'), request, { timeout: 5_000 })).data.length;
  await bus.close();
  const def = loadGatewayProto().services.QueryService['Query']!;
  // The answers as they came off the wire: the bytes, not a re-encoding.
  const Client = grpc.makeGenericClientConstructor({ Query: { ...def, responseDeserialize: (b: Buffer) => b } }, 'QueryService');
  const c = new Client(`127.0.0.1:${gatewayPort}`, grpc.credentials.createInsecure()) as unknown as Record<
    string,
    (r: object, o: grpc.CallOptions, cb: (e: Error | null, v: Buffer) => void) => void
  >;
  const call = (): Promise<Buffer> =>
    new Promise((resolve, reject) =>
      c['Query']!.call(c, { query: { ...BENCH_QUERY, height: { latest: {} } } }, { deadline: Date.now() + 10_000 }, (e, v) =>
        e ? reject(e) : resolve(v),
      ),
    );
  const answers: Buffer[] = [];
  for (let i = 0; i < 2; i++) answers.push(...(await Promise.all(Array.from({ length: 64 }, call))));
  (c as unknown as grpc.Client).close();
  answers.sort((a, b) => a.length - b.length);
  const answer = answers[Math.floor(answers.length / 2)]!;
  // The echo answers with this message decoded and re-serialized by grpc-js: it must come out
  // as many bytes as the verified gateway sent.
  const again = (def.responseSerialize as (v: object) => Buffer)((def.responseDeserialize as (b: Buffer) => object)(answer)).length;
  if (again !== answer.length) throw new Error(`bench: the recorded answer re-encodes to ${again} bytes, not ${answer.length}`);
  return { request: request.length, reply, answer };
}

/** One measured run of a (warm, persistent) client process. */
async function measure(
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
  const out = JSON.parse(await c.line()) as Run;
  if (CPU) {
    const per = Object.entries(others).map(([k, pid]) => `${k} ${(((cpuMs(pid) - before[k]!) * 1000) / out.calls).toFixed(0)}`);
    progress(`cpu µs/call ${label}: client ${((out.cpuMs * 1000) / out.calls).toFixed(0)}, ${per.join(', ')} (${out.calls} calls)`);
  }
  return out;
}

/** Ends a client: `exit` lets it write its --cpu-prof profile, then make sure. */
async function endClient(c: Proc): Promise<void> {
  c.child.stdin!.end('exit\n');
  await Promise.race([once(c.child, 'exit'), new Promise((r) => setTimeout(r, 2_000))]);
  await stop(c.child);
}

export const query: BenchSuite = {
  name: 'query',
  async run(ctx) {
    const nats = await startNatsServer();
    const scratch = mkdtempSync(join(tmpdir(), 'courtbridge-bench-'));
    const procs: ChildProcess[] = [];
    const clientProcs: Proc[] = [];
    try {
      const adapter = proc('adapter.ts', [nats.url]);
      procs.push(adapter.child);
      await adapter.line();
      const gateway = async (mode: string, args = [SIGNER, HOLD_MS]): Promise<{ port: number; child: ChildProcess }> => {
        const g = proc('gateway.ts', [nats.url, mode, ...args]);
        procs.push(g.child);
        return { port: Number((await g.line()).split(' ')[1]), child: g.child };
      };
      const nats_ = CPU ? natsPid(nats.port) : undefined;
      const others = (g: ChildProcess): Others => ({ gateway: g.pid, adapter: adapter.child.pid, nats: nats_ });
      const dur = ctx.durationMs;
      const lat = ctx.quick ? 200 : 2_000;
      // Warm-up of each run (the clients persist, so this only restores a steady state).
      const warm = ctx.quick ? 150 : 1_000;
      // All gateways up at once (an idle one costs nothing), measured interleaved round after
      // round, medians reported: the machine is shared, so a ceiling measured minutes before
      // the line it bounds would compare two different machines.
      // Processes start side by side (each takes a second or two to load); a client starts as
      // soon as its gateway serves. The verified gateways first: the echoes answer with what
      // they recorded.
      const client = (g: { port: number }): Proc => proc('client.ts', [String(g.port)]);
      const [batch, jwt] = await Promise.all([gateway('batch'), gateway('jwt')]);
      const early = { batch: client(batch), jwt: client(jwt) };
      clientProcs.push(...Object.values(early)); // ended in `finally`, whatever happens next
      const payload = await recordPayload(nats.url, batch.port);
      ctx.progress(`payload: NATS request ${payload.request} B, adapter reply ${payload.reply} B, gRPC answer ${payload.answer.length} B`);
      const answerFile = join(scratch, 'answer.bin');
      writeFileSync(answerFile, payload.answer);
      const hops = [String(payload.request), String(payload.reply)];
      const [echo, opaque] = await Promise.all([
        gateway('echo', [...hops, answerFile]),
        gateway('echo-opaque', [...hops, String(payload.answer.length)]),
      ]);
      const gws = { echo, opaque, batch, jwt };
      // One client per gateway for the whole suite, each warmed once (together: warm-up only
      // needs the JIT and the connection ready).
      const clients = { echo: client(echo), opaque: client(opaque), ...early };
      clientProcs.push(clients.echo, clients.opaque);
      for (const c of Object.values(clients)) await c.line(); // ready
      await Promise.all(
        Object.entries(clients).map(([k, c]) => measure(c, 64, ctx.quick ? 400 : 2_000, 0, 0, {}, `warm-up ${k}`, ctx.progress)),
      );
      // --quick must fit the whole bench in 60 s: two rounds (the median of two is their mean).
      const rounds = ctx.quick ? 2 : 5;
      const runs: Record<string, Run[]> = {};
      const add = (k: string, r: Run): void => {
        const list = runs[k] ?? [];
        list.push(r);
        runs[k] = list;
      };
      for (let i = 0; i < rounds; i++) {
        ctx.progress(`round ${i + 1}/${rounds}`);
        for (const [mode, label] of [
          ['echo', 'ceiling.grpc_nats_echo'],
          ['batch', 'query.verified'],
        ] as const) {
          add(`${label}.c1`, await measure(clients[mode], 1, dur, lat, warm, others(gws[mode].child), `${label}.c1`, ctx.progress));
        }
        for (const [mode, label] of [
          ['echo', 'ceiling.grpc_nats_echo'],
          ['opaque', 'ceiling.grpc_nats_echo_opaque'],
          ['batch', 'query.verified'],
          ['jwt', 'query.verified.jwt_receipt'],
        ] as const) {
          add(`${label}.c64`, await measure(clients[mode], 64, dur, 0, warm, others(gws[mode].child), `${label}.c64`, ctx.progress));
        }
        const r = Object.entries(runs).map(
          ([k, v]) => `${k} ${round(v.at(-1)!.ops)}${k.endsWith('c1') ? ` p50 ${round(v.at(-1)!.p50, 3)}` : ''}`,
        );
        ctx.progress(r.join(', '));
      }
      const median = (xs: number[]): number => {
        const s = [...xs].sort((x, y) => x - y);
        const m = Math.floor(s.length / 2);
        return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
      };
      const med = (k: string, f: (r: Run) => number): number => median(runs[k]!.map(f));
      const c = 'ceiling.grpc_nats_echo';
      ctx.emit({ name: 'query.verified.answer_bytes', value: payload.answer.length, unit: 'bytes' });
      ctx.emit({ name: `${c}.c1`, value: round(med(`${c}.c1`, (r) => r.ops)), unit: 'calls/s' });
      ctx.emit({ name: `${c}.c64`, value: round(med(`${c}.c64`, (r) => r.ops)), unit: 'calls/s' });
      ctx.emit({
        name: `${c}.c1.p50_ms`,
        value: round(
          med(`${c}.c1`, (r) => r.p50),
          3,
        ),
        unit: 'ms',
      });
      ctx.emit({
        name: `${c}.c1.p99_ms`,
        value: round(
          med(`${c}.c1`, (r) => r.p99),
          3,
        ),
        unit: 'ms',
      });
      ctx.emit({ name: `${c}_opaque.c64`, value: round(med(`${c}_opaque.c64`, (r) => r.ops)), unit: 'calls/s' });
      // Ratios are medians of the per-round ratios (each verified run against the ceiling run of
      // its own round, seconds apart), which drifting load from other processes distorts least.
      // `k` / `ck`: the runs compared; `ceiling`: the line the ratio refers to.
      const paired = (name: string, k: string, ck: string, ceiling: string, f: (r: Run) => number, unit: string, digits: number): void => {
        withCeiling(ctx, name, med(k, f), unit, ceiling); // ceiling line emitted (throws if not)
        const ratio = median(runs[k]!.map((r, i) => f(r) / f(runs[ck]![i]!)));
        ctx.emit({ name, value: round(med(k, f), digits), unit, ceiling, ratio: round(ratio, 3) });
      };
      const v = 'query.verified';
      paired(`${v}.c1`, `${v}.c1`, `${c}.c1`, `${c}.c1`, (r) => r.ops, 'calls/s', 1);
      paired(`${v}.c64`, `${v}.c64`, `${c}.c64`, `${c}.c64`, (r) => r.ops, 'calls/s', 1);
      paired(`${v}.c1.p50_ms`, `${v}.c1`, `${c}.c1`, `${c}.c1.p50_ms`, (r) => r.p50, 'ms', 3);
      paired(`${v}.c1.p99_ms`, `${v}.c1`, `${c}.c1`, `${c}.c1.p99_ms`, (r) => r.p99, 'ms', 3);
      paired(`${v}.jwt_receipt.c64`, `${v}.jwt_receipt.c64`, `${c}.c64`, `${c}.c64`, (r) => r.ops, 'calls/s', 1);
      paired(`${v}.c64_vs_opaque`, `${v}.c64`, `${c}_opaque.c64`, `${c}_opaque.c64`, (r) => r.ops, 'calls/s', 1);
    } finally {
      for (const c of clientProcs) await endClient(c);
      for (const p of procs) await stop(p);
      await nats.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};

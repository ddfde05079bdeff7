/**
 * Bench process: the gRPC client, kept for the whole suite so each run meets a warm client
 * (JIT, connection) rather than a fresh process. argv: port, chainId, recordType, key (the record
 * every call asks for, at the latest height). Makes one call, prints `ready`,
 * then for each stdin line `run <concurrency> <durationMs> <latencyCount> <warmMs>`: warms up
 * (warmMs of calls at 16 in flight or more), prints `go`, measures, and prints one JSON line
 * `{ "ops": calls/s, "p50": ms, "p99": ms, "calls", "cpuMs" }` (latencies of sequential calls,
 * when latencyCount > 0). `exit` ends it (so a --cpu-prof profile is written).
 * Every call carries `authorization: Bearer <token>` as an integrator sends it: an auth JWT of the
 * fixture court (a registered key), audience the fixture gateway, minted once and re-minted
 * before a run once half its lifetime has passed (the ceiling ignores it).
 */
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { BENCH_TOKEN_LIFETIME_MS, courtAuthorization } from '../bench-token.js';
import { latencies, opsPerSecondAsync } from '../lib.js';

const [port, chainId, recordType, key] = [Number(process.argv[2]), process.argv[3]!, process.argv[4]!, process.argv[5]!];
const pkg = grpc.loadPackageDefinition(loadGatewayProto().definition) as unknown as {
  courtbridge: { v1: Record<string, grpc.ServiceClientConstructor> };
};
const client = new pkg.courtbridge.v1['QueryService']!(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as Record<
  string,
  (r: object, m: grpc.Metadata, o: grpc.CallOptions, cb: (e: Error | null) => void) => void
>;
const req = { query: { chainId, recordType, key, height: { latest: {} } } };
let mintedAt = 0;
let metadata = new grpc.Metadata();
const token = (): void => {
  const nowMs = Date.now();
  if (nowMs - mintedAt < BENCH_TOKEN_LIFETIME_MS / 2) return;
  metadata = courtAuthorization(nowMs);
  mintedAt = nowMs;
};
token();
let calls = 0;
const once = (): Promise<void> =>
  new Promise((resolve, reject) =>
    client['Query']!.call(client, req, metadata, { deadline: Date.now() + 5_000 }, (e) => {
      calls++;
      if (e) reject(e);
      else resolve();
    }),
  );
await once();
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, ...args] = line.trim().split(/\s+/);
  if (cmd === 'exit') break;
  if (cmd !== 'run') throw new Error(`client: unknown command ${JSON.stringify(line)}`);
  const [conc, dur, count, warm] = args.map(Number) as [number, number, number, number];
  token();
  // Warm-up before anything is measured, the same for every gateway.
  await opsPerSecondAsync(once, warm, Math.max(16, conc));
  // `go`: the parent samples the other processes' CPU time from here to the result line.
  process.stdout.write('go\n');
  const cpu0 = process.cpuUsage();
  calls = 0;
  const ops = await opsPerSecondAsync(once, dur, conc);
  const lat = count > 0 ? await latencies(once, count) : { p50: 0, p99: 0 };
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ ops, p50: lat.p50, p99: lat.p99, calls, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}
process.exit(0);

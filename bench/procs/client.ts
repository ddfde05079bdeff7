/**
 * Bench process: the gRPC client. argv: port, concurrency, durationMs, latencyCount, warmMs.
 * Calls QueryService.Query for the 1 KiB record; prints `go` when warm, then one JSON line
 * `{ "ops": calls/s, "p50": ms, "p99": ms, "calls", "cpuMs" }` (latencies of sequential calls, when latencyCount > 0).
 */
import * as grpc from '@grpc/grpc-js';
import { loadGatewayProto } from '../../src/relay/proto.js';
import { latencies, opsPerSecondAsync } from '../lib.js';

const [port, conc, dur, count, warm] = process.argv.slice(2).map(Number) as [number, number, number, number, number];
const pkg = grpc.loadPackageDefinition(loadGatewayProto().definition) as unknown as { courtbridge: { v1: Record<string, grpc.ServiceClientConstructor> } };
const client = new pkg.courtbridge.v1['QueryService']!(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as Record<string, (r: object, o: grpc.CallOptions, cb: (e: Error | null) => void) => void>;
const req = { query: { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/bench', height: { latest: {} } } };
let calls = 0;
const once = (): Promise<void> =>
  new Promise((resolve, reject) =>
    client['Query']!.call(client, req, { deadline: Date.now() + 5_000 }, (e) => {
      calls++;
      if (e) reject(e);
      else resolve();
    }),
  );
await once();
// Warm-up before anything is measured (JIT, connections, caches), the same for every gateway:
// warmMs of calls at 16 in flight or more.
await opsPerSecondAsync(once, warm, Math.max(16, conc));
// `go`: the parent samples the other processes' CPU time from here to the result line.
process.stdout.write('go\n');
const cpu0 = process.cpuUsage();
calls = 0;
const ops = await opsPerSecondAsync(once, dur, conc);
const lat = count > 0 ? await latencies(once, count) : { p50: 0, p99: 0 };
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ ops, p50: lat.p50, p99: lat.p99, calls, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
process.exit(0);

/**
 * Suite `gate`: the production gate's own CPU per call (auth/guard.ts, as gateway.ts wires it:
 * a court's cached bearer token re-checked against the registry, policy, per-caller rate and
 * concurrency limits, admission, metrics and the line per call at info, written synchronously to
 * /dev/null), in process, around a handler that answers at once: what the gate adds to every
 * call of the query suites' `query.verified` lines. The median of five runs
 * (`gate.cpu_us_per_call`), each run's CPU time over its calls.
 */
import type * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { createLogger } from '../src/log.js';
import { createRegistry } from '../src/metrics.js';
import { Authenticator } from '../src/relay/auth/authenticate.js';
import { CallGuard } from '../src/relay/auth/guard.js';
import { relayMetrics } from '../src/relay/metrics-http.js';
import { allianceFixture } from '../test/helpers/alliance-fixture.js';
import { BENCH_LIMITS } from './bench-limits.js';
import { courtAuthorization } from './bench-token.js';
import { round, type BenchSuite } from './lib.js';
import { median } from './query-harness.js';

type Gated = (call: object, cb: (e: unknown, v: unknown) => void) => void;

export const gate: BenchSuite = {
  name: 'gate',
  async run(ctx) {
    const fx = allianceFixture({ chains: ['credit'] });
    const guard = new CallGuard({
      authenticator: new Authenticator({ audience: fx.gateway.did, authority: fx.authority }),
      state: () => fx.state,
      limits: { ...BENCH_LIMITS, callsPerCaller: { limit: 1e9, windowMs: 1_000 } },
      metrics: relayMetrics(createRegistry()),
      logger: createLogger({ component: 'gateway', level: 'info', destination: pino.destination({ dest: '/dev/null', sync: true }) }),
    });
    const handlers = guard.wrap({
      QueryService: { Query: (_call: unknown, cb: grpc.sendUnaryData<object>) => cb(null, {}) },
    } as never) as unknown as { QueryService: { Query: Gated } };
    const gated = handlers.QueryService.Query;
    const metadata = courtAuthorization();
    // What the gate reads of a unary call; grpc-js's own work is the ceiling's too.
    const call = () => ({ metadata, getDeadline: () => Date.now() + 5_000, on() {} });
    let answered = 0;
    const done = (): void => {
      answered++;
    };
    const run = async (n: number): Promise<number> => {
      const c0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        gated(call(), done);
        // Let admission's slots and the timers settle as they would between calls.
        if (i % 500 === 499) await new Promise((r) => setImmediate(r));
      }
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / n;
    };
    const n = ctx.quick ? 8_000 : 100_000;
    await run(n); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(await run(n));
    if (answered !== 6 * n) throw new Error(`bench: the gate answered ${answered} of ${6 * n} calls`);
    ctx.emit({ name: 'gate.cpu_us_per_call', value: round(median(runs), 2), unit: 'µs/call' });
  },
};

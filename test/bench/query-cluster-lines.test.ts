/**
 * The cluster query bench lines exist and have the shape of the single-node ones: `npx tsx
 * bench/run.ts --quick --only=query-cluster` (the real suite: a 3-node cluster, R3 streams, gateway,
 * adapter and client processes) prints the ceiling, the verified line with `ceiling` and `ratio`
 * naming that ceiling, and the gateway's CPU time per call beside each. No speed is asserted here
 * (speed belongs in the bench's numbers); only that every line is there, positive and well formed.
 */
import { expect, it } from 'vitest';
import { runBenchLines } from './run-bench-lines.js';

it('bench --only=query-cluster prints query.verified.c64.cluster3 against ceiling.relay_min.c64.cluster3, gateway CPU per call beside each', async () => {
  const lines = await runBenchLines('query-cluster');
  const c = 'ceiling.relay_min.c64.cluster3';
  const v = 'query.verified.c64.cluster3';
  expect([...lines.keys()]).toEqual([c, `${c}.gateway_cpu_us_per_call`, v, `${v}.gateway_cpu_us_per_call`]);
  expect(lines.get(c)).toMatchObject({ unit: 'calls/s' });
  expect(lines.get(v)).toMatchObject({ unit: 'calls/s', ceiling: c });
  expect(lines.get(v)!.ratio).toBeGreaterThan(0);
  for (const name of [`${c}.gateway_cpu_us_per_call`, `${v}.gateway_cpu_us_per_call`])
    expect(lines.get(name)).toMatchObject({ unit: 'µs/call' });
  for (const l of lines.values()) expect(l.value, l.name).toBeGreaterThan(0);
}, 180_000);

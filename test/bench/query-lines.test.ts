/**
 * The query bench lines exist and are well formed: `npx tsx bench/run.ts --quick --only=query`
 * (the real suite: the gateway behind its production gate, the prebuilt 1M-record chain's
 * adapter, client and nats-server processes) prints the minimal-relay ceiling
 * (`ceiling.relay_min`), the verified lines with `ceiling` and `ratio` naming it, and the
 * gateway's CPU time per call beside each. No speed is asserted here (speed belongs in the
 * bench's numbers); a gate refusing the bench's calls would fail the suite, so this also shows
 * the production gate lets a court's token through.
 */
import { expect, it } from 'vitest';
import { runBenchLines } from './run-bench-lines.js';

it('bench --only=query prints query.verified against ceiling.relay_min, gateway CPU per call beside each', async () => {
  const lines = await runBenchLines('query');
  const c = 'ceiling.relay_min';
  const v = 'query.verified';
  const cpu = (k: string): string => `${k}.gateway_cpu_us_per_call`;
  expect([...lines.keys()]).toEqual([
    `${v}.answer_bytes`,
    `${c}.c1`,
    `${c}.c1.p50_ms`,
    `${c}.c1.p99_ms`,
    cpu(`${c}.c1`),
    `${c}.c64`,
    cpu(`${c}.c64`),
    `${v}.c1`,
    `${v}.c1.p50_ms`,
    `${v}.c1.p99_ms`,
    cpu(`${v}.c1`),
    `${v}.c64`,
    cpu(`${v}.c64`),
    `${v}.jwt_receipt.c64`,
    cpu(`${v}.jwt_receipt.c64`),
  ]);
  expect(lines.get(`${v}.c64`)).toMatchObject({ unit: 'calls/s', ceiling: `${c}.c64` });
  expect(lines.get(`${v}.c1.p50_ms`)).toMatchObject({ unit: 'ms', ceiling: `${c}.c1.p50_ms` });
  expect(lines.get(`${v}.jwt_receipt.c64`)).toMatchObject({ ceiling: `${c}.c64` });
  for (const k of [`${v}.c1`, `${v}.c64`, `${v}.c1.p50_ms`, `${v}.jwt_receipt.c64`]) expect(lines.get(k)!.ratio, k).toBeGreaterThan(0);
  for (const [name, l] of lines) if (name.endsWith('gateway_cpu_us_per_call')) expect(l.unit).toBe('µs/call');
  for (const l of lines.values()) expect(l.value, l.name).toBeGreaterThan(0);
}, 180_000);

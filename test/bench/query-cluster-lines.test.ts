/**
 * The cluster query bench lines exist and have the shape of the single-node ones: `npx tsx
 * bench/run.ts --quick --only=query-cluster` (the real suite: a 3-node cluster, R3 streams, gateway,
 * adapter and client processes) prints the ceiling, the verified line with `ceiling` and `ratio`
 * naming that ceiling, and the gateway's CPU time per call beside each. No speed is asserted here
 * (speed belongs in the bench's numbers); only that every line is there, positive and well formed.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

it('bench --only=query-cluster prints query.verified.c64.cluster3 against ceiling.relay_min.c64.cluster3, gateway CPU per call beside each', async () => {
  const stdout = await new Promise<string>((res, rej) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/run.ts'), '--quick', '--only=query-cluster'],
      { cwd: ROOT, timeout: 150_000 },
      (e, out, err) => (e === null ? res(out) : rej(new Error(`bench failed: ${e.message}\n${err}`))),
    ),
  );
  const lines = new Map(
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        const j = JSON.parse(l) as { name: string; value: number; unit: string; ceiling?: string; ratio?: number };
        return [j.name, j] as const;
      }),
  );
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

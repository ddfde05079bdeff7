/**
 * `npm run bench [-- --quick]`: runs every suite in order; ceilings first inside each suite.
 * `--quick` keeps the same line names and finishes within 60 s. `--scale` runs only the suites
 * with a scale mode (the state suite: 10M records on disk, minutes). Adjacent suites with a `start`
 * step (lib.ts) start together and are measured one after another.
 */
import type { BenchContext, BenchLine, BenchSuite, StartedSuite } from './lib.js';
import { suites } from './suites.js';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const scale = process.argv.includes('--scale');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const results = new Map<string, BenchLine>();
  const ctx: BenchContext = {
    quick,
    scale,
    durationMs: quick ? 340 : 2000,
    results,
    emit(line) {
      results.set(line.name, line);
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
    progress(msg) {
      process.stderr.write(`bench: ${msg}\n`);
    },
  };
  const wanted = only?.split(',') ?? (scale ? ['state'] : undefined);
  const selected: BenchSuite[] = wanted ? suites.filter((s) => wanted.includes(s.name)) : suites;
  const t0 = performance.now();
  for (let i = 0; i < selected.length; ) {
    // Adjacent suites with a start step start together, then measure one after another.
    let j = i;
    while (j < selected.length && selected[j]!.start !== undefined) j++;
    if (j - i > 1) {
      await runStaged(ctx, selected.slice(i, j));
      i = j;
      continue;
    }
    const s = selected[i++]!;
    const t = performance.now();
    ctx.progress(`suite ${s.name}`);
    await s.run(ctx);
    ctx.progress(`suite ${s.name} done in ${seconds(t)} s`);
  }
  ctx.progress(`all suites done in ${seconds(t0)} s`);
}

async function runStaged(ctx: BenchContext, group: BenchSuite[]): Promise<void> {
  const names = group.map((s) => s.name).join(', ');
  const t = performance.now();
  ctx.progress(`suites ${names}: starting together`);
  const starts = await Promise.allSettled(group.map((s) => s.start!(ctx)));
  const started = starts.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const closed = new Set<StartedSuite>();
  const close = async (s: StartedSuite): Promise<void> => {
    if (closed.has(s)) return;
    closed.add(s);
    await s.close();
  };
  try {
    for (const r of starts) if (r.status === 'rejected') throw r.reason;
    ctx.progress(`suites ${names}: started in ${seconds(t)} s`);
    for (const [k, s] of started.entries()) {
      const tm = performance.now();
      ctx.progress(`suite ${group[k]!.name}: measuring`);
      await s.measure();
      await close(s);
      ctx.progress(`suite ${group[k]!.name} measured in ${seconds(tm)} s`);
    }
  } finally {
    for (const s of started) await close(s);
  }
  ctx.progress(`suites ${names} done in ${seconds(t)} s`);
}

const seconds = (t: number): string => ((performance.now() - t) / 1000).toFixed(1);

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

/**
 * `npm run bench [-- --quick]`: runs every suite in order; ceilings first inside each suite.
 * `--quick` keeps the same line names and finishes within 60 s.
 */
import type { BenchContext, BenchLine, BenchSuite } from './lib.js';
import { suites } from './suites.js';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const results = new Map<string, BenchLine>();
  const ctx: BenchContext = {
    quick,
    durationMs: quick ? 400 : 2000,
    results,
    emit(line) {
      results.set(line.name, line);
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
    progress(msg) {
      process.stderr.write(`bench: ${msg}\n`);
    },
  };
  const selected: BenchSuite[] = only ? suites.filter((s) => only.split(',').includes(s.name)) : suites;
  const t0 = performance.now();
  for (const s of selected) {
    const t = performance.now();
    ctx.progress(`suite ${s.name}`);
    await s.run(ctx);
    ctx.progress(`suite ${s.name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  ctx.progress(`all suites done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

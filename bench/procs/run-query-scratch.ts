/**
 * Runs the `query` suite alone (`npx tsx bench/procs/run-query-only.ts [--quick]`), for when
 * another suite in bench/suites.ts does not load; same context as bench/run.ts.
 */
import type { BenchLine } from '../lib.js';
import { query } from '../../.scratch/query-cpu.js';

const quick = process.argv.includes('--quick');
const results = new Map<string, BenchLine>();
const started = performance.now();
await query.run({
  quick,
  durationMs: quick ? 400 : 2000,
  results,
  emit(line) {
    results.set(line.name, line);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  },
  progress(msg) {
    process.stderr.write(`[query] ${msg}\n`);
  },
});
process.stderr.write(`query suite: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

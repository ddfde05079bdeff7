/**
 * `npm run bench:table`: runs the full bench (`npm run bench`), keeps its lines in
 * bench/results/full.jsonl with where and when they were measured (full.meta.json), and rewrites
 * README's benchmark table from them. `-- --from FILE` renders from lines already measured.
 * The table is never edited by hand: test/bench/bench-table.test.ts checks README against the file.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type BenchMeta, parseBenchLines, replaceTable, renderTable } from './bench-table.js';

const root = join(import.meta.dirname, '..');
const linesFile = join(root, 'bench/results/full.jsonl');
const metaFile = join(root, 'bench/results/full.meta.json');
const readme = join(root, 'README.md');

async function runBench(): Promise<{ text: string; seconds: number }> {
  const t0 = performance.now();
  const chunks: Buffer[] = [];
  // Its own process group, ended with us: the bench starts servers of its own.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.stdout.on('data', (c: Buffer) => {
    chunks.push(c);
    process.stdout.write(c);
  });
  const code = await new Promise<number | null>((res) => child.on('exit', res));
  if (code !== 0) throw new Error(`npm run bench exited with ${code}: the table is left as it was`);
  return { text: Buffer.concat(chunks).toString('utf8'), seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const from = process.argv.find((a) => a.startsWith('--from='))?.slice('--from='.length);
  let text: string;
  let meta: BenchMeta;
  if (from !== undefined) {
    text = readFileSync(from, 'utf8');
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as BenchMeta;
  } else {
    const load = loadavg()[0]!;
    // The commit measured: read before the run, so a commit made meanwhile is not named.
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const run = await runBench();
    text = run.text;
    meta = {
      date: new Date().toISOString().slice(0, 10),
      commit,
      cpus: cpus().length,
      loadBefore: Math.round(load * 10) / 10,
      seconds: Math.round(run.seconds),
    };
    writeFileSync(linesFile, text);
    writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  }
  const lines = parseBenchLines(text);
  writeFileSync(readme, replaceTable(readFileSync(readme, 'utf8'), renderTable(lines, meta)));
  process.stderr.write(`bench:table: README's table has ${lines.length} lines (${meta.date}, ${meta.commit})\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:table failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

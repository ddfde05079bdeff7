import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface PrintedLine {
  name: string;
  value: number;
  unit: string;
  ceiling?: string;
  ratio?: number;
}

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The lines `bench/run.ts --quick --only=<suites>` prints, by name (the real suites, as `npm run bench` runs them). */
export async function runBenchLines(only: string): Promise<Map<string, PrintedLine>> {
  const stdout = await new Promise<string>((res, rej) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/run.ts'), '--quick', `--only=${only}`],
      { cwd: ROOT, timeout: 150_000 },
      (e, out, err) => (e === null ? res(out) : rej(new Error(`bench failed: ${e.message}\n${err}`))),
    ),
  );
  return new Map(
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        const j = JSON.parse(l) as PrintedLine;
        return [j.name, j] as const;
      }),
  );
}

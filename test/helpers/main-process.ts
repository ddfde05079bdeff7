/**
 * An entry script (`adapters/.../main.ts`) as a real process: `node --import tsx <script>` from the
 * repository root with only `env` (and PATH, HOME), its stdout and stderr collected for failure
 * messages, its exit code awaited. The test kills it in afterAll if it is still running.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface MainProcess {
  proc: ChildProcess;
  /** The last `n` characters it printed (stdout and stderr). */
  tail(n?: number): string;
  exited: Promise<number | null>;
}

export function spawnMain(script: string, env: Record<string, string>): MainProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, tail: (n = 2000) => out.slice(-n), exited };
}

/**
 * A partner's adapter package, laid out as a partner has it: a folder outside this repository with
 * its own package.json, `node_modules/courtbridge` (a symlink to this repository, standing in for
 * `npm install courtbridge`) and the adapter definition (partner-adapter/definition.ts), which
 * imports only `courtbridge/sdk`. Also the long-running CLI children the onboarding tests start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, ROOT } from '../cli/cli-helpers.js';

export const PARTNER_DEFINITION = join(import.meta.dirname, 'partner-adapter', 'definition.ts');

/** Lay out the partner's package in `dir`; returns the path of its definition module. */
export async function writePartnerPackage(dir: string): Promise<string> {
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'licence-registry-adapter', version: '1.0.0', private: true, type: 'module', dependencies: { courtbridge: '^0.1.0' } }, null, 2)}\n`,
  );
  await symlink(ROOT, join(dir, 'node_modules', 'courtbridge'), 'dir');
  const definition = join(dir, 'definition.ts');
  await copyFile(PARTNER_DEFINITION, definition);
  return definition;
}

/** The module specifiers a file imports (static imports and re-exports). */
export async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** A `courtbridge` child that keeps running (gateway start, adapter start), its output collected. */
export interface CliChild {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

export function spawnCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): CliChild {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
  return {
    child,
    output: () => out,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      // Kept timer: a child that ignores SIGTERM is killed instead of leaking past the test.
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/** Wait until `pattern` shows in the child's output; fails naming the output when it exits or times out first. */
export async function waitForOutput(c: CliChild, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(c.output());
    if (m !== null) return m;
    if (c.child.exitCode !== null) throw new Error(`exited ${c.child.exitCode} before ${pattern}:\n${c.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${c.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The die-with-parent preload: a child whose stdin pipe from its parent ends exits at once, even
 * while it has work scheduled; and the guard itself keeps no child alive that has finished.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const GUARD = new URL('../../src/devtools/die-with-parent.ts', import.meta.url).href;

function child(script: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--import', GUARD, '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, exited, out: () => out };
}

describe('die-with-parent', () => {
  it('exits when the pipe from the parent ends', async () => {
    const c = child('console.log("up"); setInterval(() => {}, 1000)');
    await new Promise<void>((r) => c.proc.stdout.once('data', () => r()));
    c.proc.stdin.end();
    expect(await c.exited).toBe(1);
  });

  it('does not keep a finished child alive while the pipe is open', async () => {
    const c = child('setTimeout(() => console.log("done"), 50)');
    expect(await c.exited).toBe(0);
    expect(c.out()).toContain('done');
    c.proc.stdin.destroy();
  });
});

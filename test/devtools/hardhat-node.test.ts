/**
 * The hardhat node outlives nothing: stop() ends its process group and removes its temp dir, and a
 * parent killed with SIGKILL (no exit handler runs) still takes the node with it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { processAlive, startHardhatNode } from '../../src/devtools/hardhat-node.js';
import { eventually } from '../helpers/eventually.js';

/** A parent process that starts a node, prints `<pid> <url>`, and waits to be killed. */
const PARENT = `
import { startHardhatNode } from ${JSON.stringify(new URL('../../src/devtools/hardhat-node.ts', import.meta.url).href)};
const h = await startHardhatNode();
console.log(h.pid + ' ' + h.url);
setInterval(() => {}, 1000);
`;

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(500) });
    return true;
  } catch {
    return false;
  }
}

/** Dead: no such process, or a zombie its new parent has not reaped yet (it runs nothing). */
function dead(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') === true;
  } catch {
    return true;
  }
}

describe('hardhat node harness', () => {
  it('stop() kills the node and its group and is idempotent', async () => {
    const h = await startHardhatNode({ chainId: 1337 });
    expect(h.chainId).toBe(1337);
    await Promise.all([h.stop(), h.stop()]);
    expect(processAlive(h.pid)).toBe(false);
    expect(processAlive(-h.pid)).toBe(false);
    expect(await answers(h.url)).toBe(false);
  });

  it('a parent killed with SIGKILL takes its node (and the temp dir) with it', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before starting the node`)));
    });
    const [pidText, url] = line.split(' ');
    const pid = Number(pidText);
    expect(processAlive(pid)).toBe(true);
    expect(await answers(url!)).toBe(true);
    // The node's temp dir is where its config is (`--config <dir>/hardhat.config.cjs`).
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const tempDir = dirname(args[args.indexOf('--config') + 1]!);
    expect(existsSync(tempDir)).toBe(true);
    const exited = new Promise((r) => parent.once('exit', r));
    parent.kill('SIGKILL');
    await exited;
    await eventually(async () => !(await answers(url!)), { timeoutMs: 10_000 });
    await eventually(() => dead(pid), { timeoutMs: 10_000 });
    expect(existsSync(tempDir)).toBe(false);
  });
});

/**
 * The private nats-server outlives nothing: a parent killed with SIGKILL (no exit handler runs)
 * takes its server and its JetStream store with it (the orphan watchdog); stop() and restart()
 * keep working as before, the watchdog doing nothing to a server its parent stopped itself.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { startNatsServer } from '../../src/devtools/nats-server.js';
import { eventually } from '../helpers/eventually.js';

/** A parent process that starts a server, prints `<port> <storeDir>`, and waits to be killed. */
const PARENT = `
import { startNatsServer } from ${JSON.stringify(new URL('../../src/devtools/nats-server.ts', import.meta.url).href)};
const s = await startNatsServer();
console.log(s.port + ' ' + s.storeDir);
setInterval(() => {}, 1000);
`;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/** The nats-server processes serving `storeDir` (from their command lines), zombies excluded. */
function serversOn(storeDir: string, parentPid: number): number[] {
  const out: number[] = [];
  const children = readFileSync(`/proc/${parentPid}/task/${parentPid}/children`, 'utf8').split(' ').filter(Boolean);
  for (const c of children) {
    if (readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0').includes(storeDir)) out.push(Number(c));
  }
  return out;
}

function dead(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return true;
  }
}

describe('startNatsServer', () => {
  it('a parent killed with SIGKILL takes its server (and the store) with it', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before starting the server`)));
    });
    const [portText, storeDir] = line.split(' ');
    const port = Number(portText);
    const [pid] = serversOn(storeDir!, parent.pid!);
    expect(pid).toBeDefined();
    expect(await listening(port)).toBe(true);
    expect(existsSync(storeDir!)).toBe(true);
    const exited = new Promise((r) => parent.once('exit', r));
    parent.kill('SIGKILL');
    await exited;
    await eventually(() => dead(pid!), { timeoutMs: 10_000 });
    await eventually(() => !existsSync(storeDir!), { timeoutMs: 10_000 });
    expect(await listening(port)).toBe(false);
  });

  it('restart() keeps the store; stop() removes it and leaves no server', async () => {
    const s = await startNatsServer();
    await s.restart();
    expect(await listening(s.port)).toBe(true);
    expect(existsSync(s.storeDir)).toBe(true);
    await s.stop();
    expect(await listening(s.port)).toBe(false);
    expect(existsSync(s.storeDir)).toBe(false);
  });
});

/**
 * A private hardhat node (the devDependency `hardhat` 2.29: an in-memory EVM chain that serves
 * `eth_getProof`) for tests and the demo, on a free loopback port. Modelled on nats-server.ts.
 *
 * No process outlives its parent: the node runs in its own process group, `stop()` kills the whole
 * group (SIGTERM, then SIGKILL), the parent's `exit` kills it too, and a preload in the node
 * itself kills its group when its stdin (a pipe from the parent) closes, which also covers a
 * parent that was SIGKILLed. The config and preload live in a temp dir that `stop()` removes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './nats-server.js';

export interface HardhatNodeHandle {
  /** The JSON-RPC endpoint, `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** The node's process id, which is also its process group id. */
  pid: number;
  chainId: number;
  /** Stop the node and everything in its process group (SIGTERM, then SIGKILL) and remove its temp dir. */
  stop(): Promise<void>;
}

export interface HardhatNodeOptions {
  /** The chain id the node reports (hardhat's default is 31337). */
  chainId?: number;
  /** How long to wait for the node to answer `eth_chainId`. */
  readyTimeoutMs?: number;
}

/**
 * Runs before hardhat in the child: when the parent's end of stdin closes (the parent exited or
 * was killed), remove the temp dir this file is in and kill the child's own process group.
 */
const ORPHAN_GUARD = `'use strict';
const die = () => {
  try { require('node:fs').rmSync(__dirname, { recursive: true, force: true }); } catch {}
  try { process.kill(-process.pid, 'SIGKILL'); } catch { process.exit(1); }
};
process.stdin.on('end', die);
process.stdin.on('error', die);
process.stdin.on('data', () => {});
process.stdin.resume();
`;

/** hardhat's CLI entry point, found through the project's node_modules. */
function hardhatCli(): string {
  return createRequire(import.meta.url).resolve('hardhat/internal/cli/cli.js');
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Whether a process (or group, for a negative id) still exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function chainIdAt(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { result?: unknown };
    return typeof body.result === 'string' ? Number.parseInt(body.result, 16) : undefined;
  } catch {
    return undefined;
  }
}

async function waitReady(url: string, timeoutMs: number, proc: ChildProcess, logs: () => string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`the hardhat node exited (${proc.exitCode ?? proc.signalCode}) before it was ready: ${logs()}`);
    }
    const id = await chainIdAt(url);
    if (id !== undefined) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `the hardhat node did not answer eth_chainId at ${url} within ${timeoutMs} ms; ` +
      `check that hardhat is installed (npm ci) and the machine is not overloaded: ${logs()}`,
  );
}

export async function startHardhatNode(opts: HardhatNodeOptions = {}): Promise<HardhatNodeHandle> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'courtbridge-hardhat-'));
  // A .cjs config in a dir of its own: the project is ESM, and hardhat 2 loads its config with require().
  const config = join(dir, 'hardhat.config.cjs');
  const networks = opts.chainId === undefined ? {} : { hardhat: { chainId: opts.chainId } };
  writeFileSync(config, `module.exports = ${JSON.stringify({ networks })};\n`);
  const guard = join(dir, 'orphan-guard.cjs');
  writeFileSync(guard, ORPHAN_GUARD);

  let out = '';
  const proc = spawn(
    process.execPath,
    ['--require', guard, hardhatCli(), 'node', '--config', config, '--hostname', '127.0.0.1', '--port', String(port)],
    {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', NO_COLOR: '1' },
    },
  );
  proc.on('error', (e) => (out += `\n${e.message}`));
  // Keep only the tail: the node logs every call.
  const keep = (d: Buffer): void => {
    out = (out + d.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const pid = proc.pid;
  if (pid === undefined) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start the hardhat node (${process.execPath} ${hardhatCli()}): ${out}`);
  }
  const onParentExit = (): void => killGroup(pid, 'SIGKILL');
  process.once('exit', onParentExit);

  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.removeListener('exit', onParentExit);
      if (proc.exitCode === null && proc.signalCode === null) killGroup(pid, 'SIGTERM');
      const t = setTimeout(() => killGroup(pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
      // The leader is gone; anything it left in its group goes too.
      killGroup(pid, 'SIGKILL');
      proc.stdin?.destroy();
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    const chainId = await waitReady(url, opts.readyTimeoutMs ?? 30_000, proc, () => out.slice(-2000));
    return { url, port, pid, chainId, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

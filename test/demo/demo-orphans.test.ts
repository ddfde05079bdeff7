/**
 * `npm run demo -- --keep` killed with `kill -9` (the demo itself, or the npm launching it) leaves
 * nothing behind: no adapter, notary, nats-server or hardhat node, no working directory with the
 * alliance's keys, no temp dir of the nats-server or the hardhat node. Also: `--page-port` and `--metrics-port` are the ports the gateway serves on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/nats-server.js';
import { eventually } from '../helpers/eventually.js';

/** Alive and not a zombie (an orphan's zombie lingers until whoever adopted it reaps it). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const c of children.split(' ').filter((s) => s !== '')) out.push(Number(c), ...descendants(Number(c)));
  }
  return out;
}

let started: { pids: number[]; dirs: string[] } | undefined;
afterEach(async () => {
  // A failed test must not leave its demo, or its keys, behind either.
  const left = started;
  started = undefined;
  if (left === undefined) return;
  const kill = (p: number): void => {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  kill(left.pids[0]!);
  await eventually(() => left.pids.every((p) => !running(p)), { timeoutMs: 15_000 }).catch(() => left.pids.forEach(kill));
  for (const d of left.dirs) rmSync(d, { recursive: true, force: true });
});

/** Start `cmd`, wait for the demo's tour, return the output so far and every process under it. */
async function startUntilTour(
  cmd: string,
  args: string[],
): Promise<{ proc: ChildProcess; out: () => string; pids: number[]; dirs: string[] }> {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NATS_URL: '' } });
  started = { pids: [proc.pid!], dirs: [] };
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await eventually(
    () => {
      if (proc.exitCode !== null) throw new Error(`the demo exited early (${proc.exitCode}): ${out.slice(-3000)}`);
      expect(out).toContain('keeps running');
    },
    { timeoutMs: 180_000, intervalMs: 250 },
  );
  const pids = descendants(proc.pid!);
  started.pids = [proc.pid!, ...pids];
  const work = /working directory (\S+)/.exec(out)?.[1];
  expect(work, out).toBeDefined();
  expect(existsSync(work!)).toBe(true);
  const dirs = [work!, ...tempDirsOf(pids)];
  started.dirs = dirs;
  // The working directory, the nats-server's store and the hardhat node's temp dir.
  expect(dirs.length, out).toBe(3);
  return { proc, out: () => out, pids, dirs };
}

/** The temp dirs on the processes' command lines: the nats-server's store, the hardhat node's config. */
function tempDirsOf(pids: number[]): string[] {
  const dirs = new Set<string>();
  for (const p of pids) {
    let args: string[] = [];
    try {
      args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    for (const a of args) {
      // Also inside a watchdog's JSON argument: `["/tmp/courtbridge-nats-…"]`.
      const m = /(\/[^"\s]*\/courtbridge-(?:nats|hardhat)-[^/"]+)/.exec(a);
      if (m) dirs.add(m[1]!);
    }
  }
  return [...dirs];
}

async function expectAllGone(pids: number[], dirs: string[]): Promise<void> {
  await eventually(
    () => {
      expect(pids.filter(running)).toEqual([]);
      expect(dirs.filter((d) => existsSync(d))).toEqual([]);
    },
    { timeoutMs: 20_000, intervalMs: 200 },
  );
}

describe('npm run demo, killed', () => {
  it('kill -9 of the demo: its children exit and its working directory is removed; the ports are the ones asked for', async () => {
    const [pagePort, metricsPort] = [await freePort(), await freePort()];
    const { proc, out, pids, dirs } = await startUntilTour(process.execPath, [
      '--import',
      'tsx',
      'src/cli/demo.ts',
      '--keep',
      '--records',
      '300',
      '--page-port',
      String(pagePort),
      '--metrics-port',
      String(metricsPort),
    ]);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE');
    expect((await fetch(`http://127.0.0.1:${pagePort}/`)).status).toBe(200);
    // Adapters, notaries, the nats-server, the hardhat node and the watchdogs.
    expect(pids.length, out()).toBeGreaterThanOrEqual(13);

    proc.kill('SIGKILL');
    await expectAllGone(pids, dirs);
  }, 240_000);

  it('kill -9 of the npm running it: the demo stops and nothing it started is left', async () => {
    const { proc, out, pids, dirs } = await startUntilTour('npm', ['run', 'demo', '--', '--keep', '--records', '300']);
    // npm, its script shell, tsx and the demo under it, and everything the demo started.
    expect(pids.length, out()).toBeGreaterThanOrEqual(14);

    proc.kill('SIGKILL');
    await expectAllGone(pids, dirs);
  }, 240_000);
});

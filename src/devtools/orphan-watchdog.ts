/**
 * A small process that cleans up after its parent if the parent dies without doing it (a SIGKILL,
 * a crash): when the pipe from the parent (its stdin) ends, it SIGKILLs the processes it was told
 * about (after a grace period, if given), waits for them to be gone and removes the directories it
 * was told about. Needed for what cannot carry a preload of its own (the nats-server binary) and
 * for directories that no single child owns (the demo's working directory, which holds the
 * alliance's keys).
 *
 * `stop()` kills the watchdog without any of that: the parent then cleans up itself.
 */
import { spawn } from 'node:child_process';

export interface OrphanWatchdog {
  /** Add processes to SIGKILL when the parent dies. */
  watch(pids: readonly number[]): void;
  /** Kill the watchdog; nothing is killed or removed by it. */
  stop(): void;
}

// Plain CommonJS for `node -e`: no tsx, so it starts fast in every test that starts a nats-server.
const SCRIPT = `'use strict';
const fs = require('node:fs');
const dirs = JSON.parse(process.argv[1]);
const graceMs = Number(process.argv[2]);
const pids = new Set();
let buf = '';
// A zombie counts as gone: it is dead, only not yet reaped by whoever adopted it.
const alive = (p) => {
  try { process.kill(p, 0); } catch { return false; }
  try { const s = fs.readFileSync('/proc/' + p + '/stat', 'utf8'); return s[s.lastIndexOf(')') + 2] !== 'Z'; } catch { return true; }
};
const reap = () => {
  // First a grace period for processes with guards of their own, which clean up before they exit.
  const kill = () => { for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch {} } };
  const start = Date.now();
  let killed = graceMs === 0;
  if (killed) kill();
  const tick = () => {
    if ([...pids].some(alive)) {
      if (!killed && Date.now() - start >= graceMs) { killed = true; kill(); }
      if (Date.now() - start < graceMs + 5000) return setTimeout(tick, 50);
    }
    for (const d of dirs) { try { fs.rmSync(d, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  };
  tick();
};
process.stdin.on('data', (d) => {
  buf += d.toString();
  const lines = buf.split('\\n');
  buf = lines.pop();
  for (const l of lines) if (l) for (const p of JSON.parse(l)) pids.add(p);
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
`;

export interface OrphanWatchdogOptions {
  pids?: readonly number[];
  dirs?: readonly string[];
  /** How long the processes get to exit on their own (their guards clean up) before the SIGKILL; 0 unless told. */
  graceMs?: number;
}

export function startOrphanWatchdog(opts: OrphanWatchdogOptions): OrphanWatchdog {
  // Its own process group: a Ctrl-C to the terminal's group must not take it down before it cleans up.
  const proc = spawn(process.execPath, ['-e', SCRIPT, JSON.stringify(opts.dirs ?? []), String(opts.graceMs ?? 0)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  proc.unref();
  const stdin = proc.stdin as (NodeJS.WritableStream & { unref?: () => void; destroy(): void }) | null;
  stdin?.on('error', () => {});
  stdin?.unref?.();
  const watch = (pids: readonly number[]): void => {
    if (pids.length > 0) stdin?.write(`${JSON.stringify(pids)}\n`);
  };
  watch(opts.pids ?? []);
  return {
    watch,
    stop() {
      proc.kill('SIGKILL');
      stdin?.destroy();
    },
  };
}

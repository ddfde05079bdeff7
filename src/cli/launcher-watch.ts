/**
 * `npm run demo` runs the demo under launchers (npm, its script shell, tsx), and a launcher killed
 * with SIGKILL leaves the demo running without a terminal's Ctrl-C to stop it. This watches the
 * chain of launchers above the process (Linux /proc; elsewhere only the parent) and calls `onGone`
 * once one of them is gone.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Process names that launch a script rather than being where a person typed the command. */
const LAUNCHER = /^(node|npm|npx|tsx|sh)(\s|$)/;

function parentOf(pid: number): number | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isSafeInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function isLauncher(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return LAUNCHER.test(basename(argv0.split(' ')[0] ?? '')) || LAUNCHER.test(argv0);
  } catch {
    return false;
  }
}

/** Alive and not a zombie (a SIGKILLed launcher stays a zombie until its own parent reaps it). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function watchLaunchers(onGone: () => void, intervalMs = 1000): void {
  const parent = process.ppid;
  const launchers: number[] = [];
  for (let p = parentOf(process.pid); p !== undefined && isLauncher(p); p = parentOf(p)) launchers.push(p);
  const timer = setInterval(() => {
    if (process.ppid !== parent || launchers.some((p) => !running(p))) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
}

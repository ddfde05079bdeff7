/**
 * What a command may touch of its process, passed in (so `main` runs in-process in tests and
 * nothing reads `process.*` at import time, STYLE.md 9).
 */
export interface CliIo {
  /** Write to stdout (a line terminator is the caller's). */
  out(text: string): void;
  /** Write to stderr. */
  err(text: string): void;
  /** The environment, read once by config.ts. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory relative paths resolve against. */
  readonly cwd: string;
  /** Wall clock (the CLI is a shell: it may read the clock and passes it to the core). */
  nowMs(): number;
  /** Resolves on Ctrl-C / SIGTERM (long-running commands: gateway start, adapter start). */
  untilSignal(): Promise<string>;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    nowMs: () => Date.now(),
    untilSignal: () =>
      new Promise((resolve) => {
        const on = (sig: string) => () => resolve(sig);
        process.once('SIGINT', on('SIGINT'));
        process.once('SIGTERM', on('SIGTERM'));
      }),
  };
}

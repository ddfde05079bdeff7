/** `courtbridge ...` run in-process (src/cli/main.ts `main`) in `cwd`, its output captured. */
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: {},
    cwd,
    nowMs: () => Date.now(),
    untilSignal: () => new Promise(() => undefined),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

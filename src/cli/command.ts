/**
 * A command of the `courtbridge` CLI: its words, a one-line summary, its `--help` text, and
 * `run`. One command per file under `commands/` (viem: one action per file).
 */
import type { CliIo } from './io.js';
import type { ExitCode } from './exit-codes.js';
import { UsageError } from './errors.js';

export interface Command {
  /** The first word, e.g. `keys`. */
  readonly name: string;
  /** One line for `courtbridge --help`. */
  readonly summary: string;
  /** Full help: usage, options, examples (printed by `--help`). */
  help(): string;
  /**
   * Run with the words after `name`. Returns the exit code; throws for failures
   * (main.ts turns any error into one line and its exit code).
   */
  run(argv: readonly string[], io: CliIo): Promise<ExitCode>;
}

/** Help text layout shared by every command. */
export function helpText(parts: { usage: string[]; description: string; options: string; examples: string[]; notes?: string }): string {
  return `${[
    `Usage:\n${parts.usage.map((u) => `  ${u}`).join('\n')}`,
    parts.description,
    parts.options,
    ...(parts.notes !== undefined ? [parts.notes] : []),
    `Examples:\n${parts.examples.map((e) => `  ${e}`).join('\n')}`,
  ].join('\n\n')}\n`;
}

/**
 * Dispatch `<name> <sub> ...` to one of `subs`; bare `<name>` prints help and exits 2,
 * `<name> --help` prints help and exits 0.
 */
export async function dispatchSubcommand(
  name: string,
  argv: readonly string[],
  io: CliIo,
  help: () => string,
  subs: Readonly<Record<string, (rest: readonly string[]) => Promise<ExitCode>>>,
): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    (sub === undefined ? io.err : io.out)(help());
    return sub === undefined ? 2 : 0;
  }
  const run = subs[sub];
  if (run === undefined) throw new UsageError(`unknown subcommand '${name} ${sub}' (expected: ${Object.keys(subs).join(', ')})`, name);
  return run(rest);
}

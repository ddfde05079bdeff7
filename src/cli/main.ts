/**
 * The `courtbridge` command: the command table and `main(argv)`. Nothing runs on import
 * (STYLE.md 9): bin/courtbridge.mjs calls `main` explicitly.
 */
import { actionCommand } from './commands/action.js';
import { adapterCommand } from './commands/adapter.js';
import { allianceCommand } from './commands/alliance.js';
import { conformanceCommand } from './commands/conformance.js';
import { mobileCommand } from './commands/mobile.js';
import { didCommand } from './commands/did.js';
import { evidenceCommand } from './commands/evidence.js';
import { filingsCommand } from './commands/filings.js';
import { gatewayCommand } from './commands/gateway.js';
import { investigateCommand } from './commands/investigate.js';
import { keysCommand } from './commands/keys.js';
import { natsConfigCommand } from './commands/nats-config.js';
import { queryCommand } from './commands/query.js';
import { seedCommand } from './commands/seed.js';
import { statusCommand } from './commands/status.js';
import { tallyCommand } from './commands/tally.js';
import { tokenCommand } from './commands/token.js';
import { trustCommand } from './commands/trust.js';
import { verifyCommand } from './commands/verify.js';
import { workflowsCommand } from './commands/workflows.js';
import type { Command } from './command.js';
import { describeError, UsageError } from './errors.js';
import { EXIT_CODE_HELP, ExitCode } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';

/** Every command, in the order `--help` lists them. Duplicate names throw (STYLE.md 3: registries throw on duplicates). */
export const COMMANDS: readonly Command[] = [
  keysCommand,
  didCommand,
  tokenCommand,
  allianceCommand,
  gatewayCommand,
  workflowsCommand,
  adapterCommand,
  seedCommand,
  queryCommand,
  investigateCommand,
  actionCommand,
  evidenceCommand,
  filingsCommand,
  verifyCommand,
  tallyCommand,
  trustCommand,
  natsConfigCommand,
  statusCommand,
  conformanceCommand,
  mobileCommand,
];

function commandTable(): Map<string, Command> {
  const table = new Map<string, Command>();
  for (const c of COMMANDS) {
    if (table.has(c.name)) throw new Error(`duplicate command ${c.name}`);
    table.set(c.name, c);
  }
  return table;
}

/** `courtbridge --help`. */
export function mainHelp(): string {
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n');
  return `courtbridge: the command line of the judicial blockchain alliance gateway

Usage:
  courtbridge <command> [subcommand] [options]
  courtbridge <command> --help

Commands:
${rows}

Global options (every command):
  --json              machine-readable JSON on stdout
  --config FILE       config file (JSON); default $COURTBRIDGE_CONFIG
  --gateway HOST:PORT gateway address; default $COURTBRIDGE_GATEWAY or 127.0.0.1:50051
  --gateway-did DID   the gateway's DID (token audience); default $COURTBRIDGE_GATEWAY_DID, else the gateway names it
  --nats URL          NATS URL; default $NATS_URL or nats://127.0.0.1:4222
  --timeout DURATION  deadline per call (default 10s)

Environment:
  COURTBRIDGE_CONFIG, COURTBRIDGE_GATEWAY, COURTBRIDGE_GATEWAY_DID, NATS_URL, COURTBRIDGE_KEY,
  COURTBRIDGE_ALLIANCE_SALT (hex), COURTBRIDGE_DATA_DIR, COURTBRIDGE_DEBUG=1 (stack traces)
  Precedence: flags > environment > config file > defaults.

${EXIT_CODE_HELP}

Docs: docs/cli.md
`;
}

/**
 * Run the CLI. Returns the exit code (never calls process.exit: the caller does).
 * @param argv the words after `courtbridge`
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const debug = io.env.COURTBRIDGE_DEBUG === '1';
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.err(mainHelp());
      return ExitCode.Usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const cmd = topic === undefined ? undefined : commandTable().get(topic);
      io.out(cmd === undefined ? mainHelp() : cmd.help());
      return ExitCode.Ok;
    }
    if (name === '--version') {
      io.out('courtbridge 0.1.0\n');
      return ExitCode.Ok;
    }
    const cmd = commandTable().get(name);
    if (cmd === undefined) throw new UsageError(`unknown command '${name}'`);
    return await cmd.run(rest, io);
  } catch (e) {
    const { line, exitCode } = describeError(e);
    io.err(`${line}\n`);
    if (debug && e instanceof Error && e.stack !== undefined) io.err(`${e.stack}\n`);
    return exitCode;
  }
}

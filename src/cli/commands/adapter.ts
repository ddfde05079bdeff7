/**
 * `courtbridge adapter start --chain X`: run a chain's adapter (adapters/<chain>/main.ts, the
 * runtime entry of adapters/sdk) as a child process in the foreground, forwarding Ctrl-C /
 * SIGTERM so the runtime drains (issue 4: graceful drain on SIGTERM).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { findModule, repoRoot } from '../optional-module.js';

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'judicial, ip, property, credit, finance, or an example (lawyer)' },
  key: { type: 'string', value: 'FILE', description: "the adapter's key file (passed as $COURTBRIDGE_KEY)" },
  'data-dir': { type: 'string', value: 'DIR', description: 'dev-ledger data directory (default $COURTBRIDGE_DATA_DIR/<chain>)' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge adapter start --chain CHAIN [--nats URL] [--key FILE] [--data-dir DIR] [-- RUNTIME_ARGS...]'],
    description:
      "Starts the adapter of one chain in the foreground (adapters/<chain>/main.ts): it connects to NATS\nwith its DID key, announces itself, answers queries, publishes headers and executes actions.\nStops (drains) on Ctrl-C. Run it several times for replicas.",
    options: formatOptions(OPTIONS),
    examples: ['courtbridge adapter start --chain credit --nats nats://127.0.0.1:4222 --key credit-adapter.key', 'courtbridge adapter start --chain lawyer'],
  });

export const adapterCommand: Command = {
  name: 'adapter',
  summary: 'adapter start --chain X: run a chain adapter in the foreground',
  help,
  run: (argv, io) =>
    dispatchSubcommand('adapter', argv, io, help, {
      async start(rest) {
        const dash = rest.indexOf('--');
        const own = dash < 0 ? rest : rest.slice(0, dash);
        const passThrough = dash < 0 ? [] : rest.slice(dash + 1);
        const args = parseCommandArgs(own, OPTIONS, 'adapter start');
        if (args.flag('help')) return (io.out(help()), ExitCode.Ok);
        const config = loadCliConfig(args, io, 'adapter start');
        const chain = args.required('chain');
        if (!/^[a-z][a-z0-9-]{0,31}$/.test(chain)) throw new UsageError(`--chain: '${chain}' is not a chain id`, 'adapter start');
        const entry = findModule([`adapters/${chain}/main.ts`, `adapters/examples/${chain}/main.ts`]);
        if (entry === undefined) {
          throw new CourtbridgeError(ErrorCode.Unimplemented, 'module_unavailable', `no adapter for chain '${chain}' in this build (adapters/${chain}/main.ts)`);
        }
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;
        env.NATS_URL = config.natsUrl;
        env.COURTBRIDGE_DATA_DIR = args.string('data-dir') ?? join(config.dataDir, chain);
        const key = args.string('key');
        if (key !== undefined) env.COURTBRIDGE_KEY = key;
        const child = spawn(process.execPath, ['--import', 'tsx', entry, ...passThrough], { cwd: repoRoot(), env, stdio: 'inherit' });
        const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
        const onInt = forward('SIGINT');
        const onTerm = forward('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
        try {
          const code = await new Promise<number>((res, rej) => {
            child.once('error', rej);
            child.once('exit', (c, sig) => res(c ?? (sig !== null ? 0 : 1)));
          });
          return code === 0 ? ExitCode.Ok : ExitCode.Failure;
        } finally {
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
        }
      },
    }),
};

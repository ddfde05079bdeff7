/**
 * `courtbridge gateway start`: run the gateway node (src/node/gateway-node.ts `startGatewayNode`:
 * the relay with the judicial workflows and the alliance's chain catalog) in the foreground
 * until Ctrl-C / SIGTERM, then drain it.
 */
import { resolve } from 'node:path';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { loadFunction } from '../optional-module.js';
import { emit } from '../output.js';
import { natsAuthFlags } from '../config.js';

const OPTIONS: OptionSpecs = {
  listen: {
    type: 'string',
    value: 'HOST:PORT',
    description: 'gRPC listen address (overrides the config file; 127.0.0.1:0 picks a free port)',
  },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge gateway start [--config gateway.json] [--listen HOST:PORT] [--nats URL]'],
    description:
      'Starts the gateway in the foreground: gRPC (with reflection and health), NATS, light clients,\n' +
      'metrics. Configuration: the gateway config file (--config or $COURTBRIDGE_CONFIG) and\n' +
      'COURTBRIDGE_* variables (see README "Configuration"); flags override. Stops cleanly on Ctrl-C.',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge gateway start --config gateway.json',
      'NATS_URL=nats://10.0.0.5:4222 courtbridge gateway start --listen 0.0.0.0:50051',
    ],
  });

interface GatewayHandle {
  address?: string;
  did?: string;
  shutdown(): Promise<unknown>;
}

export const gatewayCommand: Command = {
  name: 'gateway',
  summary: 'gateway start: run the gateway in the foreground',
  help,
  run: (argv, io) =>
    dispatchSubcommand('gateway', argv, io, help, {
      async start(rest) {
        const args = parseCommandArgs(rest, OPTIONS, 'gateway start');
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const loadGatewayConfig = await loadFunction('the gateway configuration', ['src/config/gateway-config.ts'], 'loadGatewayConfig');
        const startGatewayNode = await loadFunction('the gateway', ['src/node/gateway-node.ts'], 'startGatewayNode');
        const file = args.string('config') ?? io.env.COURTBRIDGE_CONFIG;
        const overrides: Record<string, unknown> = {};
        const listen = args.string('listen');
        if (listen !== undefined) overrides.listen = listen;
        const nats = args.string('nats');
        if (nats !== undefined) overrides.natsServers = nats.split(',');
        const natsAuth = natsAuthFlags(args, io);
        if (natsAuth !== undefined) overrides.natsAuth = natsAuth;
        const config = loadGatewayConfig({
          ...(file !== undefined && file !== '' ? { file: resolve(io.cwd, file) } : {}),
          env: io.env,
          overrides,
        });
        const gateway = (await startGatewayNode(config)) as GatewayHandle;
        // Listen for Ctrl-C / SIGTERM before saying it is up: a stop sent on reading that line drains it.
        const stopped = io.untilSignal();
        emit(io, args.flag('json'), { event: 'started', address: gateway.address, did: gateway.did }, () => [
          `gateway ${gateway.did ?? ''} listening on ${gateway.address ?? '?'} (Ctrl-C to stop)`,
        ]);
        const signal = await stopped;
        io.err(`${signal}: draining gateway...\n`);
        await gateway.shutdown();
        return ExitCode.Ok;
      },
    }),
};

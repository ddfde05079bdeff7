/**
 * `courtbridge status`: the gateway's chains and the state of their light clients
 * (ChainService.ListChains + GetChainStatus).
 */
import type { ChainStatus__Output } from '../../generated/courtbridge/v1/ChainStatus.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { readConnection } from '../session.js';

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'only this chain' },
  as: { type: 'string', value: 'KEYFILE', description: 'a member key file (default $COURTBRIDGE_KEY; every call needs one)' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge status --as KEYFILE [--chain CHAIN] [--json]'],
    description:
      "Lists the gateway's chains with their light-client status (active, frozen, expired), trusted\n" +
      'height, lag, trust time left, adapter replicas and circuit breaker. Exit 0 when every chain is\n' +
      'active, 1 when one is frozen or expired.',
    options: formatOptions(OPTIONS),
    examples: ['courtbridge status --as court.key', 'courtbridge status --chain credit --json --as court.key'],
  });

const short = (s: string, prefix: string): string => s.replace(prefix, '').toLowerCase();

function statusLine(s: ChainStatus__Output): string {
  const left = s.trustTimeLeftMs > 0 ? `, trust left ${Math.round(s.trustTimeLeftMs / 3_600_000)}h` : '';
  return `${s.chainId.padEnd(10)} ${short(s.status, 'CLIENT_STATUS_').padEnd(8)} height ${s.trustedHeight}, lag ${s.lagMs} ms${left}, ${s.replicas.length} replica(s), breaker ${short(s.breaker, 'BREAKER_STATE_')}${s.reason !== '' ? ` (${s.reason})` : ''}`;
}

export const statusCommand: Command = {
  name: 'status',
  summary: "the gateway's chains and their light-client status",
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'status');
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const config = loadCliConfig(args, io, 'status');
    const conn = await readConnection(config, args.string('as') ?? config.keyFile, io, 'status');
    try {
      const chainsSvc = conn.client('ChainService');
      const only = args.string('chain');
      const ids = only !== undefined ? [only] : (await conn.unary(chainsSvc, 'listChains', {})).chains.map((c) => c.chainId);
      const statuses: ChainStatus__Output[] = [];
      for (const chainId of ids) statuses.push(await conn.unary(chainsSvc, 'getChainStatus', { chainId }));
      emit(io, args.flag('json'), { gateway: config.gateway, chains: statuses }, () => [
        `gateway ${config.gateway}: ${statuses.length} chain(s)`,
        ...statuses.map(statusLine),
      ]);
      return statuses.every((s) => s.status === 'CLIENT_STATUS_ACTIVE') ? ExitCode.Ok : ExitCode.Failure;
    } finally {
      conn.close();
    }
  },
};

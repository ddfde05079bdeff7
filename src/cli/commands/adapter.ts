/**
 * `courtbridge adapter start --chain X`: run a chain's adapter (adapters/<chain>/main.ts, the
 * runtime entry of adapters/sdk) as a child process in the foreground, forwarding Ctrl-C /
 * SIGTERM so the runtime drains (graceful drain on SIGTERM). `--module FILE` runs a partner's
 * adapter kept outside this repository instead (adapters/sdk/module-entry.ts).
 *
 * `courtbridge adapter judicial-anchor`: print the trusted judicial header an adapter that
 * executes actions starts its judicial light client from (`CB_JUDICIAL_HEIGHT`,
 * `CB_JUDICIAL_HASH`), read from the alliance gateway's own judicial light client
 * (ChainService.GetChainStatus): a header the gateway verified, not one any adapter announced.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { findModule, moduleUnavailable, repoRoot } from '../optional-module.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { toHex } from '../../encoding/bytes.js';
import type { ChainStatus__Output } from '../../generated/courtbridge/v1/ChainStatus.js';
import { emit } from '../output.js';
import { readConnection } from '../session.js';

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'judicial, ip, property, credit, finance, or an example (lawyer)' },
  module: {
    type: 'string',
    value: 'FILE',
    description: "a partner's adapter module outside this repository (exports its definition; imports 'courtbridge/sdk')",
  },
  key: { type: 'string', value: 'FILE', description: "the adapter's key file (passed as $COURTBRIDGE_KEY)" },
  'data-dir': { type: 'string', value: 'DIR', description: 'dev-ledger data directory (default $COURTBRIDGE_DATA_DIR/<chain>)' },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file (default $CB_GENESIS_FILE)' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the genesis file's pinned sha256 (default $CB_GENESIS_HASH)" },
  'judicial-height': {
    type: 'string',
    value: 'N',
    description: 'trusted judicial header height (chains with actions; default $CB_JUDICIAL_HEIGHT)',
  },
  'judicial-hash': {
    type: 'string',
    value: 'HEX',
    description: 'trusted judicial header hash (chains with actions; default $CB_JUDICIAL_HASH)',
  },
  'replica-id': { type: 'string', value: 'ID', description: "this replica's id (default host-pid)" },
};

const ANCHOR_OPTIONS: OptionSpecs = {
  'judicial-chain': { type: 'string', value: 'CHAIN', description: "the judicial chain's id (default judicial)" },
  as: { type: 'string', value: 'KEYFILE', description: 'authenticate as this key (default $COURTBRIDGE_KEY)' },
};

/** The judicial anchor an adapter is configured with, as the gateway's light client trusts it. */
export interface JudicialAnchor {
  chainId: string;
  height: number;
  /** 64 hex, lower case. */
  headerHash: string;
  gateway: string;
  /** The trusted header's block time, unix ms. */
  headerTimeMs: number;
}

/**
 * The anchor in a gateway's chain status; refused unless its light client is active.
 * @throws CourtbridgeError FAILED_PRECONDITION `judicial_anchor_unavailable`
 */
export function judicialAnchorOf(status: ChainStatus__Output, gateway: string): JudicialAnchor {
  const height = Number(status.trustedHeight);
  const state = status.status.replace('CLIENT_STATUS_', '').toLowerCase();
  if (status.status !== 'CLIENT_STATUS_ACTIVE' || height < 1 || status.trustedHeaderHash.length !== 32) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'judicial_anchor_unavailable',
      `网关 ${gateway} 的司法链 ${status.chainId} 轻客户端不可信 the gateway's light client of ${status.chainId} is ${state} at height ${height}` +
        `${status.reason !== '' ? ` (${status.reason})` : ''}; no trusted anchor to print. Check it: courtbridge status --chain ${status.chainId}`,
    );
  }
  return {
    chainId: status.chainId,
    height,
    headerHash: toHex(status.trustedHeaderHash),
    gateway,
    headerTimeMs: Number(status.lastHeaderTimeMs),
  };
}

const anchorLines = (a: JudicialAnchor): string[] => [
  `# 司法链可信锚点，来自网关 ${a.gateway} 的轻客户端 judicial trust anchor from the light client of gateway ${a.gateway} (${new Date(a.headerTimeMs).toISOString()})`,
  ...(a.chainId === 'judicial' ? [] : [`CB_JUDICIAL_CHAIN=${a.chainId}`]),
  `CB_JUDICIAL_HEIGHT=${a.height}`,
  `CB_JUDICIAL_HASH=${a.headerHash}`,
];

const help = (): string =>
  helpText({
    usage: [
      'courtbridge adapter judicial-anchor [--gateway HOST:PORT] [--judicial-chain CHAIN] [--as KEYFILE] [--json]',
      'courtbridge adapter start --chain CHAIN --key FILE --genesis FILE --genesis-hash HEX [--nats URL] [--data-dir DIR]\n' +
        '      [--judicial-height N --judicial-hash HEX] [--replica-id ID] [-- RUNTIME_ARGS...]',
      'courtbridge adapter start --module FILE --data-dir DIR --key FILE --genesis FILE --genesis-hash HEX [...]',
    ],
    description:
      'Starts the adapter of one chain in the foreground (adapters/<chain>/main.ts): it connects to NATS\n' +
      'with its DID key, announces itself, answers queries, publishes headers and executes actions.\n' +
      'Stops (drains) on Ctrl-C. Run it several times for replicas. --module runs an adapter kept in a\n' +
      'package of its own (adapters/sdk/README.md "Write your own adapter"): the module exports its definition.\n\n' +
      'judicial-anchor 打印适配器的司法链可信锚点 prints the trusted judicial header an adapter with actions\n' +
      "starts from (CB_JUDICIAL_HEIGHT, CB_JUDICIAL_HASH), read from the gateway's judicial light client\n" +
      '(GetChainStatus); refused unless that client is active. Output is shell assignments (eval-able).',
    options: `start: ${formatOptions(OPTIONS, false)}\n\njudicial-anchor: ${formatOptions(ANCHOR_OPTIONS, false)}\n\n${formatOptions({})}`,
    examples: [
      'ANCHOR=$(courtbridge adapter judicial-anchor --gateway 127.0.0.1:50051 --as court.key) && eval "$ANCHOR" && export CB_JUDICIAL_HEIGHT CB_JUDICIAL_HASH',
      'courtbridge adapter start --chain credit --nats nats://127.0.0.1:4222 --key credit-adapter.key --genesis genesis.json --genesis-hash 5f3c...',
      'courtbridge adapter start --chain lawyer --key lawyer.key --genesis genesis.json --genesis-hash 5f3c... --judicial-height 12 --judicial-hash 9a0b...',
      'courtbridge adapter start --module ./my-adapter/definition.ts --data-dir ./my-chain --key partner.key --genesis genesis.json --genesis-hash 5f3c...',
    ],
  });

export const adapterCommand: Command = {
  name: 'adapter',
  summary: 'adapter start --chain X: run a chain adapter in the foreground; adapter judicial-anchor: its judicial trust anchor',
  help,
  run: (argv, io) =>
    dispatchSubcommand('adapter', argv, io, help, {
      async 'judicial-anchor'(rest) {
        const command = 'adapter judicial-anchor';
        const args = parseCommandArgs(rest, ANCHOR_OPTIONS, command);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const chainId = args.string('judicial-chain') ?? 'judicial';
        const conn = await readConnection(config, args.string('as') ?? config.keyFile, io);
        try {
          const status = await conn.unary(conn.client('ChainService'), 'getChainStatus', { chainId });
          const anchor = judicialAnchorOf(status, config.gateway);
          emit(io, args.flag('json'), anchor, () => anchorLines(anchor));
          return ExitCode.Ok;
        } finally {
          conn.close();
        }
      },
      async start(rest) {
        const dash = rest.indexOf('--');
        const own = dash < 0 ? rest : rest.slice(0, dash);
        const passThrough = dash < 0 ? [] : rest.slice(dash + 1);
        const args = parseCommandArgs(own, OPTIONS, 'adapter start');
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, 'adapter start');
        const moduleFile = args.string('module');
        const chain = moduleFile === undefined ? args.required('chain') : args.string('chain');
        if (chain !== undefined && !/^[a-z][a-z0-9-]{0,31}$/.test(chain))
          throw new UsageError(`--chain: '${chain}' is not a chain id`, 'adapter start');
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;
        let entry: string | undefined;
        if (moduleFile !== undefined) {
          const path = resolve(io.cwd, moduleFile);
          if (!existsSync(path))
            throw new UsageError(
              `--module ${moduleFile}: 找不到文件 no such file (the partner adapter's definition module)`,
              'adapter start',
            );
          entry = findModule(['adapters/sdk/module-entry.ts']);
          if (entry === undefined)
            throw moduleUnavailable('running an adapter module is not part of this build (adapters/sdk/module-entry.ts)');
          env.CB_ADAPTER_MODULE = path;
        } else {
          entry = findModule([`adapters/${chain}/main.ts`, `adapters/examples/${chain}/main.ts`]);
          if (entry === undefined) throw moduleUnavailable(`no adapter for chain '${chain}' in this build (adapters/${chain}/main.ts)`);
        }
        const dataDir = args.string('data-dir') ?? (chain === undefined ? undefined : join(config.dataDir, chain));
        if (dataDir === undefined)
          throw new UsageError('missing --data-dir DIR (where the adapter module keeps its chain)', 'adapter start');
        // The runtime entry reads CB_* (adapters/sdk/main-entry.ts); paths resolve against OUR
        // working directory, since the child runs in the repository root.
        env.CB_NATS_URL = config.natsUrl;
        if (config.natsAuth?.nkeySeedFile !== undefined) env.CB_NATS_NKEY_FILE = config.natsAuth.nkeySeedFile;
        if (config.natsAuth?.caFile !== undefined) env.CB_NATS_CA_FILE = config.natsAuth.caFile;
        env.CB_DATA_DIR = resolve(io.cwd, dataDir);
        const key = args.string('key') ?? config.keyFile;
        if (key !== undefined) env.CB_KEY_FILE = resolve(io.cwd, key);
        const genesis = args.string('genesis');
        if (genesis !== undefined) env.CB_GENESIS_FILE = resolve(io.cwd, genesis);
        const pass: Array<[string, string]> = [
          ['genesis-hash', 'CB_GENESIS_HASH'],
          ['judicial-height', 'CB_JUDICIAL_HEIGHT'],
          ['judicial-hash', 'CB_JUDICIAL_HASH'],
          ['replica-id', 'CB_REPLICA_ID'],
        ];
        for (const [flag, name] of pass) {
          const v = args.string(flag);
          if (v !== undefined) env[name] = v;
        }
        for (const name of ['CB_KEY_FILE', 'CB_GENESIS_FILE', 'CB_GENESIS_HASH']) {
          if (env[name] === undefined || env[name] === '')
            throw new UsageError(
              `missing --${name === 'CB_KEY_FILE' ? 'key' : name === 'CB_GENESIS_FILE' ? 'genesis' : 'genesis-hash'} (or $${name})`,
              'adapter start',
            );
        }
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

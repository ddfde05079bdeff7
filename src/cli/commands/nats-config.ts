import { resolve } from 'node:path';
import { writeBusSecurity } from '../../bus/bus-security-files.js';
import type { NatsServerCluster, NatsServerTls } from '../../bus/nats-server-config.js';
import { loadTrust, trustFileOf } from '../../identity/trust-file.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';
import { readRegistryFiles } from './trust.js';

const OPTIONS: OptionSpecs = {
  genesis: { type: 'string', value: 'FILE', description: 'the registry genesis file' },
  'genesis-hash': { type: 'string', value: 'HEX', description: 'its pinned sha256 (64 hex)' },
  updates: { type: 'string', value: 'FILE', description: 'registry updates, JSON lines or a JSON array (with --genesis)' },
  registry: { type: 'string', value: 'DIR', description: 'a registry file store: DIR/genesis.json and DIR/updates.jsonl' },
  out: { type: 'string', value: 'DIR', description: 'where the seeds (<participant>.nk, 0600) and nats-server.conf go' },
  'config-file': { type: 'string', value: 'FILE', description: 'write the server config here instead of DIR/nats-server.conf' },
  listen: { type: 'string', value: 'HOST:PORT', description: 'client listen address (default: nats-server’s, 0.0.0.0:4222)' },
  'store-dir': { type: 'string', value: 'DIR', description: 'JetStream store directory' },
  'server-name': { type: 'string', value: 'NAME', description: 'this node’s name (required in a cluster)' },
  'tls-cert': { type: 'string', value: 'FILE', description: 'server certificate (PEM): turns TLS on' },
  'tls-key': { type: 'string', value: 'FILE', description: 'server private key (PEM)' },
  'tls-ca': { type: 'string', value: 'FILE', description: 'CA of client certificates' },
  'tls-verify': { type: 'boolean', description: 'require a client certificate signed by --tls-ca' },
  'cluster-name': { type: 'string', value: 'NAME', description: 'cluster name: adds a cluster block' },
  'cluster-listen': { type: 'string', value: 'HOST:PORT', description: 'route listen address (default 0.0.0.0:6222)' },
  routes: { type: 'string', value: 'URLS', description: 'the other nodes, comma separated, e.g. nats://n2:6222,nats://n3:6222' },
  'judicial-chain': { type: 'string', value: 'ID', description: 'the judicial chain (default judicial)' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge nats-config --genesis FILE --genesis-hash HEX [--updates FILE] --out DIR [--tls-cert FILE --tls-key FILE] [--cluster-name NAME --routes URLS]',
      'courtbridge nats-config --registry DIR --genesis-hash HEX --out DIR',
    ],
    description:
      '从联盟注册表生成 NATS 的最小权限配置：每个参与方一个 nkey 用户（网关、适配器、公证人、机构、政法机关、工作流服务、运维），\n' +
      '只许其收发自己角色与链所需的主题、流和 KV 桶；每个参与方一个种子文件（0600）。重新运行保留已有种子。\n' +
      'Generates least-privilege NATS config from the alliance registry: one nkey user per participant\n' +
      '(gateway-<org>, adapter-<org>, notary-<org>, agency-<org>, organ-<org>, workflows, operator), each allowed only the\n' +
      'subjects, streams and KV buckets of its role and chains, and one seed file per participant (0600).\n' +
      'Re-running keeps existing seeds. Give each process its own seed: CB_NATS_NKEY_FILE (adapters,\n' +
      'notaries, CLI), natsAuth.nkeySeedFile (gateway, workflow service). Start the server with\n' +
      '`nats-server -c DIR/nats-server.conf`.',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge nats-config --genesis genesis.json --genesis-hash 5f3c... --out /etc/courtbridge/nats',
      'courtbridge nats-config --registry /var/lib/courtbridge/registry --genesis-hash 5f3c... --out nats --tls-cert server.pem --tls-key server.key',
      'courtbridge nats-config --genesis genesis.json --genesis-hash 5f3c... --out n1 --server-name n1 --cluster-name cb --routes nats://n2:6222,nats://n3:6222',
    ],
  });

function hostPort(v: string, flag: string): string {
  if (!/^[^\s:]+:\d{1,5}$/.test(v)) throw new UsageError(`${flag}: expected HOST:PORT, got '${v}'`, 'nats-config');
  return v;
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const command = 'nats-config';
  const args = parseCommandArgs([...argv], OPTIONS, command);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const genesisHash = args.string('genesis-hash');
  if (genesisHash === undefined || !/^[0-9a-fA-F]{64}$/.test(genesisHash))
    throw new UsageError('--genesis-hash: expected 64 hex characters (sha256 of the genesis file)', command);
  const out = args.string('out');
  if (out === undefined) throw new UsageError('--out DIR: where to write the seeds and the server config', command);
  const files = await readRegistryFiles(args, io, command, 'give --genesis FILE (with --updates FILE), or --registry DIR');
  const genesisBytes = files.genesisBytes;
  const updates = files.updates ?? [];
  const nowMs = io.nowMs();
  // Every update is checked as a gateway checks it (admin quorum, order): a forged file changes nothing.
  const { state } = loadTrust(trustFileOf(genesisBytes, updates), genesisHash.toLowerCase(), nowMs);

  const tlsCert = args.string('tls-cert');
  const tlsKey = args.string('tls-key');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together', command);
  const tlsCa = args.string('tls-ca');
  if (args.flag('tls-verify') && tlsCa === undefined)
    throw new UsageError('--tls-verify needs --tls-ca (the CA of client certificates)', command);
  const tls: NatsServerTls | undefined =
    tlsCert === undefined
      ? undefined
      : {
          certFile: resolve(io.cwd, tlsCert),
          keyFile: resolve(io.cwd, tlsKey!),
          ...(tlsCa === undefined ? {} : { caFile: resolve(io.cwd, tlsCa) }),
          ...(args.flag('tls-verify') ? { verify: true } : {}),
        };
  const clusterName = args.string('cluster-name');
  const routes = args.string('routes');
  if (clusterName === undefined && (routes !== undefined || args.string('cluster-listen') !== undefined))
    throw new UsageError('--routes and --cluster-listen need --cluster-name', command);
  const cluster: NatsServerCluster | undefined =
    clusterName === undefined
      ? undefined
      : {
          name: clusterName,
          listen: hostPort(args.string('cluster-listen') ?? '0.0.0.0:6222', '--cluster-listen'),
          routes:
            routes === undefined
              ? []
              : routes
                  .split(',')
                  .map((r) => r.trim())
                  .filter((r) => r !== ''),
        };
  if (cluster !== undefined && args.string('server-name') === undefined)
    throw new UsageError('--server-name NAME: every node of a JetStream cluster needs its own name', command);
  const listen = args.string('listen');
  const storeDir = args.string('store-dir');
  const serverName = args.string('server-name');
  const configFile = args.string('config-file');
  const judicialChain = args.string('judicial-chain');
  const outDir = resolve(io.cwd, out);
  const written = writeBusSecurity({
    state,
    atMs: nowMs,
    outDir,
    ...(configFile === undefined ? {} : { configFile: resolve(io.cwd, configFile) }),
    ...(listen === undefined ? {} : { listen: hostPort(listen, '--listen') }),
    ...(storeDir === undefined ? {} : { storeDir: resolve(io.cwd, storeDir) }),
    ...(serverName === undefined ? {} : { serverName }),
    ...(tls === undefined ? {} : { tls }),
    ...(cluster === undefined ? {} : { cluster }),
    ...(judicialChain === undefined ? {} : { judicialChain }),
  });
  const report = {
    configFile: written.configFile,
    registryVersion: state.sequence,
    tls: tls !== undefined,
    cluster: cluster?.name,
    participants: written.participants.map((p) => ({
      user: p.user,
      kind: p.kind,
      ...(p.did === undefined ? {} : { did: p.did }),
      chains: p.chains,
      nkey: p.nkey,
      seedFile: written.seedFile(p.user),
    })),
    created: written.seeds.created,
    kept: written.seeds.kept,
    removed: written.seeds.removed,
  };
  emit(io, args.flag('json'), report, () => [
    `已写入 NATS 服务器配置 nats-server config written: ${written.configFile}（注册表版本 registry version ${state.sequence}）`,
    `  启动 Start: nats-server -c ${written.configFile}`,
    `  种子文件（每个进程只拿自己的一份）Seed files (each process gets its own only):`,
    ...written.participants.map(
      (p) =>
        `    ${written.seedFile(p.user)}  ${p.kind}${p.did === undefined ? '' : ` ${p.did}`}${p.chains.length > 0 ? ` [${p.chains.join(', ')}]` : ''}`,
    ),
    `  新建 created ${written.seeds.created.length}，保留 kept ${written.seeds.kept.length}，删除 removed ${written.seeds.removed.length}${written.seeds.removed.length > 0 ? `: ${written.seeds.removed.join(', ')}` : ''}`,
    '  适配器/公证人/CLI：CB_NATS_NKEY_FILE=<seed>；网关/工作流服务：配置 natsAuth.nkeySeedFile / adapters, notaries, CLI: CB_NATS_NKEY_FILE=<seed>; gateway, workflow service: natsAuth.nkeySeedFile',
  ]);
  return ExitCode.Ok;
}

export const natsConfigCommand: Command = {
  name: 'nats-config',
  summary: 'write the NATS server config and nkey seeds from the alliance registry (least privilege)',
  help,
  run: (argv, io) => run(argv, io),
};

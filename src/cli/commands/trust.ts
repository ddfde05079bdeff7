/**
 * `courtbridge trust export --out FILE`: write the trust file (src/identity/trust-file.ts), the
 * genesis bytes plus every registry update applied since, so that `courtbridge verify --trust`
 * verifies bundles offline from the pinned genesis hash alone.
 *
 * Where the updates come from:
 *   - the gateway's view: the alliance registry stream `CB_REGISTRY` on NATS (the stream every
 *     gateway replica follows; no RPC lists applied updates), replayed through the same follower
 *     and rules as a gateway, so what a gateway dropped is left out here too;
 *   - or files, for a party without NATS access: `--registry DIR` (a registry file store:
 *     genesis.json + updates.jsonl) or `--genesis FILE` with `--updates FILE` (JSON lines or a
 *     JSON array of updates).
 * Before writing, the file is loaded back exactly as a verifier would (`loadTrust`), so an export
 * that would not verify is refused with the update's named reason.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { NatsConnection } from 'nats';
import { connectNats } from '../../bus/connection.js';
import { REGISTRY_STREAM, RegistryFollower } from '../../bus/registry-follower.js';
import { fromUtf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { AllianceAuthority } from '../../identity/alliance-authority.js';
import { AllianceRegistry } from '../../identity/alliance-registry.js';
import { MemoryRegistryStore } from '../../identity/registry-store.js';
import { registryUpdateFromJson, type RegistryUpdate } from '../../identity/registry-update.js';
import { loadTrust, trustFileOf } from '../../identity/trust-file.js';
import { silentLogger } from '../../log.js';
import { formatOptions, parseCommandArgs, type OptionSpecs, type ParsedArgs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';

const EXPORT_OPTIONS: OptionSpecs = {
  out: { type: 'string', value: 'FILE', description: 'where to write the trust file (required)' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the alliance genesis file's pinned sha256 (required)" },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file (exact bytes)' },
  updates: { type: 'string', value: 'FILE', description: 'registry updates, JSON lines or a JSON array (offline; with --genesis)' },
  registry: { type: 'string', value: 'DIR', description: 'a registry file store: DIR/genesis.json and DIR/updates.jsonl (offline)' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge trust export --out FILE --genesis FILE --genesis-hash HEX [--nats URL]',
      'courtbridge trust export --out FILE --genesis FILE --updates FILE --genesis-hash HEX',
      'courtbridge trust export --out FILE --registry DIR --genesis-hash HEX',
    ],
    description:
      '导出信任文件：联盟创世文件加上此后已生效的全部注册表更新，供 `courtbridge verify --trust` 离线核验证明包，\n' +
      '只需固定的创世哈希。Exports the trust file: the alliance genesis file plus every registry update applied\n' +
      'since, so `courtbridge verify --trust` checks bundles offline from the pinned genesis hash alone.\n' +
      'Without --updates or --registry the updates are read from the registry stream on NATS (what the\n' +
      'gateways follow), each re-checked as a gateway does. The file is loaded back and checked before it is\n' +
      'written; it trusts nothing by itself: every verifier re-checks the genesis hash and every update.',
    options: formatOptions(EXPORT_OPTIONS),
    examples: [
      'courtbridge trust export --out trust.json --genesis genesis.json --genesis-hash 5f3c... --nats nats://10.0.0.5:4222',
      'courtbridge trust export --out trust.json --registry /var/lib/courtbridge/registry --genesis-hash 5f3c...',
      'courtbridge verify bundle.json --trust trust.json --genesis-hash 5f3c...',
    ],
  });

/**
 * The registry a command is pointed at: `--registry DIR` (a file store: genesis.json and
 * updates.jsonl) or `--genesis FILE` with `--updates FILE`. `updates` is undefined when only the
 * genesis is given (the caller decides: read them from NATS, or none).
 */
export async function readRegistryFiles(
  args: ParsedArgs,
  io: CliIo,
  command: string,
  noSourceHint: string,
): Promise<{ genesisBytes: Uint8Array; updates: RegistryUpdate[] | undefined; source: string | undefined }> {
  const registryDir = args.string('registry');
  const genesisFlag = args.string('genesis');
  const updatesFlag = args.string('updates');
  if (registryDir !== undefined && (genesisFlag !== undefined || updatesFlag !== undefined))
    throw new UsageError('--registry DIR already holds the genesis and the updates: give it alone', command);
  if (registryDir === undefined && genesisFlag === undefined) throw new UsageError(noSourceHint, command);
  const genesisPath = registryDir !== undefined ? join(resolve(io.cwd, registryDir), 'genesis.json') : resolve(io.cwd, genesisFlag!);
  const genesisBytes = new Uint8Array(await readFile(genesisPath));
  if (registryDir === undefined && updatesFlag === undefined) return { genesisBytes, updates: undefined, source: undefined };
  const path = updatesFlag !== undefined ? resolve(io.cwd, updatesFlag) : join(resolve(io.cwd, registryDir!), 'updates.jsonl');
  let text = '';
  try {
    text = fromUtf8(new Uint8Array(await readFile(path)));
  } catch (e) {
    // A store that never applied an update has no updates file yet.
    if (!(registryDir !== undefined && (e as NodeJS.ErrnoException).code === 'ENOENT')) throw e;
  }
  return { genesisBytes, updates: parseUpdatesText(text, path), source: path };
}

/** Updates from a file: JSON lines (a registry file store's updates.jsonl) or one JSON array. */
export function parseUpdatesText(text: string, path: string): RegistryUpdate[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const items: Array<{ json: unknown; at: string }> = [];
  if (trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(trimmed);
    } catch (e) {
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_update', `${path}: not JSON`, { cause: e });
    }
    for (const [i, json] of (arr as unknown[]).entries()) items.push({ json, at: `${path}[${i}]` });
  } else {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        items.push({ json: JSON.parse(line), at: `${path}:${i + 1}` });
      } catch (e) {
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_update', `${path}:${i + 1}: not JSON`, { cause: e });
      }
    });
  }
  return items.map(({ json, at }) => {
    try {
      return registryUpdateFromJson(json);
    } catch (e) {
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_update', `${at}: ${(e as Error).message}`, { cause: e });
    }
  });
}

/**
 * The updates a gateway applied, read from the registry stream: every message is checked and
 * applied by the gateway's own follower code on a registry opened from the pinned genesis.
 */
async function updatesFromStream(
  nc: NatsConnection,
  genesisBytes: Uint8Array,
  genesisHash: string,
  nowMs: number,
  timeoutMs: number,
): Promise<{ updates: RegistryUpdate[]; dropped: Array<{ seq: number; reason: string }> }> {
  const store = new MemoryRegistryStore(genesisBytes);
  const registry = await AllianceRegistry.open(store, genesisHash, nowMs);
  const follower = new RegistryFollower({
    nc,
    registry,
    authority: new AllianceAuthority(() => registry.state),
    logger: silentLogger(),
    now: () => nowMs,
  });
  const jsm = await nc.jetstreamManager();
  let last: number;
  try {
    last = (await jsm.streams.info(REGISTRY_STREAM.name)).state.last_seq;
  } catch (e) {
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'registry_stream_missing',
      `NATS holds no ${REGISTRY_STREAM.name} stream: no gateway of this alliance has run against this server`,
      { cause: e },
    );
  }
  const dropped: Array<{ seq: number; reason: string }> = [];
  if (last > 0) {
    // An ordered consumer reads the stream from its first message without leaving state behind.
    const messages = await (await nc.jetstream().consumers.get(REGISTRY_STREAM.name)).consume();
    const timer = setTimeout(() => void messages.close(), timeoutMs);
    let readTo = 0;
    try {
      for await (const m of messages) {
        readTo = m.seq;
        const outcome = await follower.apply(m.data, m.seq);
        if (outcome.kind === 'dropped') dropped.push({ seq: outcome.seq, reason: outcome.reason });
        if (m.seq >= last) break;
      }
    } finally {
      clearTimeout(timer);
      await messages.close();
    }
    if (readTo < last) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'registry_not_synced',
        `read ${readTo} of ${last} registry messages within ${timeoutMs} ms`,
      );
    }
  }
  return { updates: await store.loadUpdates(), dropped };
}

async function exportTrust(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const command = 'trust export';
  const args = parseCommandArgs(argv, EXPORT_OPTIONS, command);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const out = args.string('out');
  if (out === undefined) throw new UsageError('--out FILE: where to write the trust file', command);
  const genesisHash = args.string('genesis-hash');
  if (genesisHash === undefined || !/^[0-9a-fA-F]{64}$/.test(genesisHash))
    throw new UsageError(
      '--genesis-hash: expected 64 hex characters (sha256 of the genesis file); the export is checked against the pin',
      command,
    );
  const nowMs = io.nowMs();
  const hash = genesisHash.toLowerCase();
  const files = await readRegistryFiles(
    args,
    io,
    command,
    'give --genesis FILE (with --updates FILE, or the updates are read from NATS), or --registry DIR',
  );
  const genesisBytes = files.genesisBytes;
  let updates: RegistryUpdate[];
  let source: string;
  let dropped: Array<{ seq: number; reason: string }> = [];
  if (files.updates !== undefined) {
    updates = files.updates;
    source = files.source!;
  } else {
    const config = loadCliConfig(args, io, command);
    const nc = await connectNats(
      { servers: config.natsUrl.split(','), name: 'courtbridge-trust-export', timeout: config.timeoutMs },
      config.natsAuth,
    );
    try {
      ({ updates, dropped } = await updatesFromStream(nc, genesisBytes, hash, nowMs, config.timeoutMs));
    } finally {
      await nc.close();
    }
    source = `${config.natsUrl} ${REGISTRY_STREAM.name}`;
  }

  const bytes = trustFileOf(genesisBytes, updates);
  // Refuse to hand out a file its readers would refuse: same check, same clock.
  const loaded = loadTrust(bytes, hash, nowMs);
  const outPath = resolve(io.cwd, out);
  await writeFile(outPath, bytes, { mode: 0o644 });
  const chains = [...loaded.state.chains.values()].filter((c) => c.removedAtMs === undefined).map((c) => c.chainId);
  const report = {
    file: out,
    source,
    genesisHash: hash,
    registryVersion: loaded.state.sequence,
    updates: updates.length,
    stateHash: loaded.state.stateHash,
    chains,
    dropped,
  };
  emit(io, args.flag('json'), report, () => [
    `已写入信任文件 Trust file written: ${out}`,
    `  来源 Source: ${source}`,
    `  创世哈希 Genesis hash: ${hash}`,
    `  注册表版本 Registry version: ${loaded.state.sequence}（${updates.length} 条更新 updates）`,
    `  链 Chains: ${chains.length > 0 ? chains.join(', ') : '（无 none）'}`,
    ...dropped.map((d) => `  已跳过 Skipped stream message ${d.seq}: ${d.reason}（网关同样未采用 the gateways did not apply it either）`),
    `核验 Verify: courtbridge verify BUNDLE.json --trust ${out} --genesis-hash ${hash}`,
  ]);
  return ExitCode.Ok;
}

export const trustCommand: Command = {
  name: 'trust',
  summary: 'export the trust file (genesis + registry updates) for offline verification',
  help,
  run(argv, io) {
    return dispatchSubcommand('trust', argv, io, help, { export: (rest) => exportTrust(rest, io) });
  },
};

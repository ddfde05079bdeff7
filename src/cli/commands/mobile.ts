/**
 * `courtbridge mobile ...`: an enforcement officer's device (移动执行, adapters/mobile/README.md).
 *   init     generate (or show) the device key: its did:key is what the court delegates
 *   capture  sign an on-site record now and queue it (works offline)
 *   flush    submit the queued records to the chain's intake over NATS
 *   status   what is pending, delivered, refused
 * Everything lives in one directory (`--dir`): the key file and the queue file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectNats } from '../../bus/connection.js';
import { sha256 } from '../../crypto/hash.js';
import { toHex } from '../../encoding/bytes.js';
import { loadOrCreateDeviceKey } from '../../mobile/device-key.js';
import { submitOnsite } from '../../mobile/intake-client.js';
import { OfflineQueue } from '../../mobile/offline-queue.js';
import { ONSITE_ACTION_CODES, ONSITE_ACTIONS, type OnsiteAction } from '../../mobile/onsite-record.js';
import type { Signer } from '../../identity/signer.js';
import { formatOptions, parseCommandArgs, type OptionSpecs, type ParsedArgs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';

const DIR_OPTIONS: OptionSpecs = {
  dir: { type: 'string', value: 'DIR', description: 'the device directory (key file and queue)' },
  chain: { type: 'string', value: 'CHAIN', description: 'the mobile enforcement chain (default mobile)' },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of the device key file is in $VAR' },
};
const CAPTURE_OPTIONS: OptionSpecs = {
  ...DIR_OPTIONS,
  case: { type: 'string', value: 'ID', description: 'case number, e.g. (2026)京0101执1号' },
  place: { type: 'string', value: 'TEXT', description: 'address or geo cell of the site' },
  action: { type: 'string', value: 'CODE', description: `what was done: ${ONSITE_ACTION_CODES.join(', ')}` },
  media: { type: 'string', multiple: true, value: 'FILE', description: 'a photo or video file (its sha256 is recorded), repeatable' },
  'media-hash': { type: 'string', multiple: true, value: 'HEX', description: 'a media file’s sha256 (hex), repeatable' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge mobile init --dir DIR [--passphrase-env VAR]',
      'courtbridge mobile capture --dir DIR --case ID --place TEXT --action CODE (--media FILE | --media-hash HEX)...',
      'courtbridge mobile flush --dir DIR [--nats URL] [--nats-nkey FILE]',
      'courtbridge mobile status --dir DIR',
    ],
    description: [
      '执法终端（移动执行）An enforcement officer’s device: its own did:key (delegated by a court order on the',
      'mobile chain), on-site records signed at capture and queued on disk while offline, then submitted',
      'in order; records the chain refuses are kept with the reason and never retried.',
      `Action codes: ${ONSITE_ACTION_CODES.map((c) => `${c} ${ONSITE_ACTIONS[c][0]}`).join(', ')}.`,
    ].join('\n'),
    options: formatOptions(CAPTURE_OPTIONS),
    examples: [
      'courtbridge mobile init --dir ./device',
      'courtbridge mobile capture --dir ./device --case "(2026)京0101执1号" --place "北京市东城区某街1号" --action seal --media photo1.jpg',
      'courtbridge mobile flush --dir ./device --nats nats://court-bureau:4222 --nats-nkey intake-mobile.nk',
      'courtbridge mobile status --dir ./device --json',
    ],
  });

export const mobileCommand: Command = {
  name: 'mobile',
  summary: 'mobile init|capture|flush|status: an officer device’s signed on-site records (移动执行)',
  help,
  run(argv, io) {
    return dispatchSubcommand('mobile', argv, io, help, {
      init: (rest) => withDevice('mobile init', rest, io, DIR_OPTIONS, init),
      capture: (rest) => withDevice('mobile capture', rest, io, CAPTURE_OPTIONS, capture),
      flush: (rest) => withDevice('mobile flush', rest, io, DIR_OPTIONS, flush),
      status: (rest) => withDevice('mobile status', rest, io, DIR_OPTIONS, status),
    });
  },
};

interface DeviceCtx {
  args: ParsedArgs;
  io: CliIo;
  device: Signer;
  queue: OfflineQueue;
  chain: string;
}

async function withDevice(
  words: string,
  rest: readonly string[],
  io: CliIo,
  options: OptionSpecs,
  run: (c: DeviceCtx) => Promise<ExitCode>,
): Promise<ExitCode> {
  const args = parseCommandArgs(rest, options, words);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const dir = resolve(io.cwd, args.required('dir'));
  const envName = args.string('passphrase-env');
  const passphrase = envName === undefined ? undefined : io.env[envName];
  if (envName !== undefined && !passphrase) throw new UsageError(`passphrase variable ${envName} is empty or unset`, words);
  const device = await loadOrCreateDeviceKey(join(dir, 'device-key.json'), passphrase === undefined ? {} : { passphrase });
  const chain = args.string('chain') ?? 'mobile';
  const queue = OfflineQueue.open(join(dir, 'queue.log'), device, chain);
  try {
    return await run({ args, io, device, queue, chain });
  } finally {
    queue.close();
  }
}

async function init({ args, io, device, queue }: DeviceCtx): Promise<ExitCode> {
  const out = { did: device.did, kid: device.kid, publicKeyHex: toHex(device.publicKey), pending: queue.pending().length };
  emit(io, args.flag('json'), out, () => [
    `执法终端 DID device DID: ${out.did}`,
    '  请法院以 delegate 命令授权此 DID  have the court delegate this DID (order kind delegate)',
  ]);
  return ExitCode.Ok;
}

async function capture({ args, io, queue }: DeviceCtx): Promise<ExitCode> {
  const action = args.required('action');
  if (!(ONSITE_ACTION_CODES as string[]).includes(action))
    throw new UsageError(`--action: expected one of ${ONSITE_ACTION_CODES.join(', ')}`, 'mobile capture');
  const mediaHashes = [
    ...args.strings('media').map((f) => toHex(sha256(new Uint8Array(readFileSync(resolve(io.cwd, f)))))),
    ...args.strings('media-hash').map((h) => h.toLowerCase()),
  ];
  if (mediaHashes.length === 0) throw new UsageError('give at least one --media FILE or --media-hash HEX', 'mobile capture');
  const record = queue.capture(
    { caseId: args.required('case'), place: args.required('place'), action: action as OnsiteAction, mediaHashes },
    io.nowMs(),
  );
  emit(io, args.flag('json'), record, () => [
    `已签名并入队 signed and queued: ${record.recordId} (序号 seq ${record.seq})`,
    `  签名时间 signed at: ${new Date(record.signedAtMs).toISOString()}`,
    `  待提交 pending: ${queue.pending().length}`,
  ]);
  return ExitCode.Ok;
}

async function flush({ args, io, queue, chain }: DeviceCtx): Promise<ExitCode> {
  const config = loadCliConfig(args, io, 'mobile flush');
  let nc: Awaited<ReturnType<typeof connectNats>>;
  try {
    nc = await connectNats({ servers: config.natsUrl.split(','), name: 'courtbridge-mobile-device', reconnect: false }, config.natsAuth);
  } catch (e) {
    const out = {
      delivered: [],
      refused: [],
      pending: queue.pending().length,
      stoppedBy: (e as { reason?: string }).reason ?? 'nats_unreachable',
    };
    emit(io, args.flag('json'), out, () => [
      `离线，记录保留在队列中 offline: ${out.pending} record(s) kept in the queue (${out.stoppedBy})`,
    ]);
    return ExitCode.Unreachable;
  }
  try {
    const report = await queue.flush((r) => submitOnsite(nc, chain, r, config.timeoutMs));
    emit(io, args.flag('json'), report, () => [
      `已上链 delivered: ${report.delivered.length}`,
      ...report.delivered.map((d) => `  ${d.recordId} 区块 height ${d.height}`),
      `被拒绝 refused: ${report.refused.length}`,
      ...report.refused.map((r) => `  ${r.recordId} [${r.reason}] ${r.message}`),
      `待提交 pending: ${report.pending}${report.stoppedBy === undefined ? '' : ` (stopped: ${report.stoppedBy})`}`,
    ]);
    // Refused records are a negative answer; records left pending mean the intake could not be reached.
    return report.refused.length > 0 ? ExitCode.Failure : report.pending > 0 ? ExitCode.Unreachable : ExitCode.Ok;
  } finally {
    await nc.close();
  }
}

async function status({ args, io, device, queue }: DeviceCtx): Promise<ExitCode> {
  const out = { did: device.did, pending: queue.pending(), delivered: queue.delivered(), refused: queue.refused() };
  emit(io, args.flag('json'), out, () => [
    `执法终端 device: ${out.did}`,
    `待提交 pending: ${out.pending.length}`,
    ...out.pending.map((r) => `  ${r.recordId} ${ONSITE_ACTIONS[r.action][0]} ${new Date(r.signedAtMs).toISOString()}`),
    `已上链 delivered: ${out.delivered.length}`,
    `被拒绝 refused: ${out.refused.length}`,
    ...out.refused.map((r) => `  ${r.recordId} [${r.reason}] ${r.message}`),
  ]);
  return ExitCode.Ok;
}

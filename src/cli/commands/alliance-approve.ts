/**
 * Approvals from admins whose keys are on different machines: `alliance prepare` writes the
 * update a partner's admission request asks for (register or admit-chain) over the registry head
 * the gateway reports now; each admin runs `alliance approve FILE --admin-key KEY` on its own
 * machine, offline, which rebuilds the exact sign bytes from the file, shows what is approved and
 * adds its signature; `alliance submit FILE` sends the update with the approvals gathered. The
 * gateway checks the quorum, as for `register --admin-key ...`; an update on a registry that has
 * moved on meanwhile is refused (`registry_version_mismatch`): prepare it again.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fromHex, toHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import {
  admissionRequestFromJson,
  admissionRequestToJson,
  verifyAdmissionRequest,
  type AdmissionRequest,
} from '../../identity/admission-request.js';
import { approveRegistryUpdate } from '../../identity/registry-update.js';
import { parseCommandArgs, type OptionSpecs } from '../args.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';
import { keyFileOf, loadSigner, readConnection, authenticatedConnection } from '../session.js';
import { readAdmissionRequest } from './alliance-request.js';
import {
  admitChainUpdateOf,
  checkAdmissionAlliance,
  registerUpdateOf,
  registryHeadOf,
  registryUpdateBodyOf,
  submitUpdate,
  type RegistryHead,
} from './alliance.js';

const PENDING_TYPE = 'courtbridge/pending-registry-update/v1';

export const PREPARE_OPTIONS: OptionSpecs = {
  request: { type: 'string', value: 'FILE', description: "the partner's admission request (courtbridge alliance request)" },
  out: { type: 'string', short: 'o', value: 'FILE', description: 'the update to pass round for approvals; never overwritten' },
  as: { type: 'string', value: 'KEYFILE', description: 'a member key to read the registry head with (default $COURTBRIDGE_KEY)' },
  'effective-at': { type: 'string', value: 'UNIX_MS', description: 'when it takes effect (default now)' },
};
export const APPROVE_OPTIONS: OptionSpecs = {
  'admin-key': { type: 'string', value: 'FILE', description: 'your admin key file (signs, offline)' },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of an encrypted key file is in $VAR' },
};
export const SUBMIT_OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: 'authenticate the call as this key (default $COURTBRIDGE_KEY)' },
};

export const APPROVE_USAGE = [
  'courtbridge alliance prepare register|admit-chain --request FILE --out pending.json [--as KEYFILE]',
  'courtbridge alliance approve pending.json --admin-key FILE',
  'courtbridge alliance submit pending.json [--as KEYFILE]',
];

type PendingKind = 'register' | 'admit-chain';

interface PendingUpdate {
  type: typeof PENDING_TYPE;
  kind: PendingKind;
  request: ReturnType<typeof admissionRequestToJson>;
  nonceHex: string;
  effectiveAtMs: number;
  head: { allianceId: string; version: number; stateHashHex: string };
  approvals: Array<{ adminDid: string; kid: string; signatureHex: string }>;
}

const bad = (file: string, why: string): UsageError => new UsageError(`${file}: ${why}`, 'alliance approve');

async function readPending(file: string): Promise<{ pending: PendingUpdate; request: AdmissionRequest; head: RegistryHead }> {
  let pending: PendingUpdate;
  try {
    pending = JSON.parse(await readFile(file, 'utf8')) as PendingUpdate;
  } catch (e) {
    throw bad(file, e instanceof Error ? e.message : String(e));
  }
  if (pending?.type !== PENDING_TYPE || (pending.kind !== 'register' && pending.kind !== 'admit-chain'))
    throw bad(file, `not a pending registry update (courtbridge alliance prepare)`);
  if (!/^[0-9a-f]{32}$/.test(pending.nonceHex) || !/^[0-9a-f]{64}$/.test(pending.head?.stateHashHex ?? ''))
    throw bad(file, 'nonceHex or head.stateHashHex is malformed');
  // The partner's signature is checked again on every machine: nobody signs on someone else's word.
  const request = verifyAdmissionRequest(admissionRequestFromJson(pending.request));
  const head = { allianceId: pending.head.allianceId, version: pending.head.version, stateHash: fromHex(pending.head.stateHashHex) };
  checkAdmissionAlliance(request, head);
  return { pending, request, head };
}

function updateOf(pending: PendingUpdate, request: AdmissionRequest) {
  const nonce = fromHex(pending.nonceHex);
  const update =
    pending.kind === 'register'
      ? registerUpdateOf(request, pending.effectiveAtMs, nonce)
      : admitChainUpdateOf(request, pending.effectiveAtMs, nonce);
  return { ...update, baseRegistryVersion: pending.head.version };
}

export async function alliancePrepare(rest: readonly string[], io: CliIo, help: () => string): Promise<ExitCode> {
  const command = 'alliance prepare';
  const args = parseCommandArgs(rest, PREPARE_OPTIONS, command, 1);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const kind = args.positionals[0];
  if (kind !== 'register' && kind !== 'admit-chain')
    throw new UsageError('expected what to prepare: courtbridge alliance prepare register|admit-chain --request FILE', command);
  const config = loadCliConfig(args, io, command);
  const request = await readAdmissionRequest(args.required('request'), command);
  const out = resolve(io.cwd, args.required('out'));
  const effective = args.string('effective-at');
  if (effective !== undefined && !/^\d+$/.test(effective)) throw new UsageError('--effective-at: expected unix milliseconds', command);
  const conn = await readConnection(config, args.string('as') ?? config.keyFile, io);
  let head: RegistryHead;
  try {
    head = await registryHeadOf(conn);
  } finally {
    conn.close();
  }
  checkAdmissionAlliance(request, head);
  const pending: PendingUpdate = {
    type: PENDING_TYPE,
    kind,
    request: admissionRequestToJson(request),
    nonceHex: toHex(randomBytes(16)),
    effectiveAtMs: effective === undefined ? io.nowMs() : Number(effective),
    head: { allianceId: head.allianceId, version: head.version, stateHashHex: toHex(head.stateHash) },
    approvals: [],
  };
  updateOf(pending, request); // a request that cannot become this update is refused now, not on the admins' machines
  await writeFile(out, `${JSON.stringify(pending, null, 2)}\n`, { flag: 'wx' }).catch((e: unknown) => {
    throw (e as NodeJS.ErrnoException).code === 'EEXIST'
      ? new UsageError(`${out} 已存在，不覆盖 exists; choose another --out`, command)
      : e;
  });
  emit(io, args.flag('json'), { file: out, kind, did: request.did, registryVersion: head.version }, () => [
    `已准备待批准的更新 prepared the ${kind} of ${request.did} on registry version ${head.version}: ${out}`,
    `下一步 next: 每位管理员 each admin, on its own machine: courtbridge alliance approve ${out} --admin-key ADMIN.key`,
    `  然后 then: courtbridge alliance submit ${out}`,
  ]);
  return ExitCode.Ok;
}

export async function allianceApprove(rest: readonly string[], io: CliIo, help: () => string): Promise<ExitCode> {
  const command = 'alliance approve';
  const args = parseCommandArgs(rest, APPROVE_OPTIONS, command, 1);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError('expected the pending update: courtbridge alliance approve FILE --admin-key KEY', command);
  const config = loadCliConfig(args, io, command);
  const path = resolve(io.cwd, file);
  const { pending, request, head } = await readPending(path);
  const admin = await loadSigner(args.required('admin-key'), args.string('passphrase-env') ?? config.passphraseEnv, io);
  const ap = approveRegistryUpdate(registryUpdateBodyOf(updateOf(pending, request), head), admin);
  pending.approvals = [
    ...pending.approvals.filter((a) => a.adminDid !== ap.adminDid),
    { adminDid: ap.adminDid, kid: ap.kid, signatureHex: toHex(ap.signature) },
  ];
  await writeFile(path, `${JSON.stringify(pending, null, 2)}\n`);
  const what =
    pending.kind === 'register'
      ? `注册成员 register ${request.did} (${request.org}) as ${request.roles.join(', ')}${request.chains.length > 0 ? ` for ${request.chains.join(', ')}` : ''}, key ${toHex(request.publicKey)}`
      : `准入链 admit chain ${request.chain?.chainId} served by ${request.chain?.servers.join(', ')}, anchor height ${request.chain?.anchor.height}`;
  emit(io, args.flag('json'), { file: path, adminDid: ap.adminDid, approvals: pending.approvals.length }, () => [
    `已批准 ${admin.did} approved: ${what}`,
    `  注册表版本 on registry version ${head.version}; ${pending.approvals.length} 份批准 approval(s) in ${path}`,
  ]);
  return ExitCode.Ok;
}

export async function allianceSubmit(rest: readonly string[], io: CliIo, help: () => string): Promise<ExitCode> {
  const command = 'alliance submit';
  const args = parseCommandArgs(rest, SUBMIT_OPTIONS, command, 1);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError('expected the pending update: courtbridge alliance submit FILE', command);
  const config = loadCliConfig(args, io, command);
  const { pending, request, head } = await readPending(resolve(io.cwd, file));
  if (pending.approvals.length === 0)
    throw new UsageError(`${file}: no approvals yet (courtbridge alliance approve ${file} --admin-key ADMIN.key)`, command);
  const { conn } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, command), io);
  try {
    const now = await registryHeadOf(conn);
    if (now.version !== head.version)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'registry_version_mismatch',
        `the approvals sign registry version ${head.version}, the registry is at ${now.version}; prepare the update again (courtbridge alliance prepare)`,
      );
    const approvals = pending.approvals.map((a) => ({ adminDid: a.adminDid, kid: a.kid, signature: fromHex(a.signatureHex) }));
    return await submitUpdate(pending.kind, updateOf(pending, request), approvals, conn, args.flag('json'), io);
  } finally {
    conn.close();
  }
}

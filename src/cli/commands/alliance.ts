/**
 * `courtbridge alliance list|resolve|register|revoke|rotate|chains|admit-chain|update-chain|remove-chain`:
 * read the alliance registry, and build a registry update, collect admin approvals from key files,
 * and send it (AllianceService). `alliance init` (alliance-init.ts) writes a fresh alliance's
 * genesis; `alliance request` (alliance-request.ts) a partner's signed admission request, which
 * `register --request` and `admit-chain --request` check and turn into the update. A chain entry is given as the JSON of a genesis file's `chains`
 * (src/identity/chain-entry.ts `chainEntryFromJson`), checked here before anyone approves it.
 *
 * Approvals sign exactly what the gateway verifies: `signingInput(SignTag.RegistryUpdate,
 * registryUpdateSignBytes(body))` over identity's fixed layout (src/identity/registry-update.ts),
 * where the body is what src/relay/registry-sync.ts `registryUpdateFromProto` derives
 * from the request: the alliance id, sequence = version + 1 and prevStateHash = the state hash of
 * the registry version the update applies on (both asked of the gateway: ListMembers), updateId =
 * hex(nonce). A race with another update is refused `registry_version_mismatch` by the gateway.
 */
import { isValidPublicKey } from '../../crypto/signature-suite.js';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chainEntryFromProto, chainEntryToProto } from '../../bus/chain-entry-proto.js';
import type { ChainEntry__Output } from '../../generated/courtbridge/v1/ChainEntry.js';
import { chainEntryFromJson } from '../../identity/chain-entry.js';
import { fromHex, toHex } from '../../encoding/bytes.js';
import type { Member__Output } from '../../generated/courtbridge/v1/Member.js';
import type { MemberRole } from '../../generated/courtbridge/v1/MemberRole.js';
import type { RegistryUpdate } from '../../generated/courtbridge/v1/RegistryUpdate.js';
import type { AdminApproval } from '../../generated/courtbridge/v1/AdminApproval.js';
import type { Role } from '../../identity/authority.js';
import { approveRegistryUpdate, type RegistryOp, type RegistryUpdateBody } from '../../identity/registry-update.js';
// CLI role names are the registry's (src/identity/authority.ts Role); ROLE_ENUM maps them to proto MemberRole.
import { ROLE_ENUM } from '../../bus/registry-follower.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig, type CliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';
import { keyFileOf, loadSigner, readConnection, authenticatedConnection } from '../session.js';
import type { GatewayConnection } from '../../client/gateway-client.js';
import type { AdmissionRequest } from '../../identity/admission-request.js';
import { allianceInit, INIT_OPTIONS, INIT_USAGE } from './alliance-init.js';
import { allianceRequest, readAdmissionRequest, REQUEST_OPTIONS, REQUEST_USAGE } from './alliance-request.js';
import {
  allianceApprove,
  alliancePrepare,
  allianceSubmit,
  APPROVE_OPTIONS,
  APPROVE_USAGE,
  PREPARE_OPTIONS,
  SUBMIT_OPTIONS,
} from './alliance-approve.js';

const LIST_OPTIONS: OptionSpecs = {
  role: { type: 'string', value: 'ROLE', description: `only members with this role (${Object.keys(ROLE_ENUM).join(', ')})` },
  status: { type: 'string', value: 'STATUS', description: 'only active or revoked members' },
  as: {
    type: 'string',
    value: 'KEYFILE',
    description: 'authenticate as this key (default $COURTBRIDGE_KEY); reads too need an active member key',
  },
};
const RESOLVE_OPTIONS: OptionSpecs = {
  at: { type: 'string', value: 'UNIX_MS', description: 'resolve the document as it was at this time (default now)' },
  as: LIST_OPTIONS.as!,
};
const UPDATE_OPTIONS: OptionSpecs = {
  'admin-key': {
    type: 'string',
    multiple: true,
    value: 'FILE',
    description: 'an admin key file approving the update (repeat until the quorum)',
  },
  as: { type: 'string', value: 'KEYFILE', description: 'authenticate the call as this key (default: the first --admin-key)' },
  'effective-at': { type: 'string', value: 'UNIX_MS', description: 'when it takes effect (default now)' },
  'base-version': {
    type: 'string',
    value: 'N',
    description: 'registry version it applies on (default: the current one, asked of the gateway)',
  },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of encrypted key files is in $VAR' },
};
const REQUEST_FILE_OPTION: OptionSpecs = {
  request: {
    type: 'string',
    value: 'FILE',
    description: "a partner's admission request (courtbridge alliance request); its signature is checked first",
  },
};
const REGISTER_OPTIONS: OptionSpecs = {
  ...UPDATE_OPTIONS,
  ...REQUEST_FILE_OPTION,
  did: { type: 'string', value: 'DID', description: 'the new member, did:alliance:ORG' },
  org: { type: 'string', value: 'NAME', description: 'organisation name' },
  role: { type: 'string', multiple: true, value: 'ROLE', description: 'a role it holds' },
  chain: { type: 'string', multiple: true, value: 'CHAIN', description: 'a chain it may speak for (adapters, validators, agencies)' },
  'public-key': { type: 'string', value: 'HEX', description: 'its compressed public key (`courtbridge did show --json`)' },
  kid: { type: 'string', value: 'FRAGMENT', description: 'key fragment (default key-1)' },
};
const REVOKE_OPTIONS: OptionSpecs = {
  ...UPDATE_OPTIONS,
  reason: { type: 'string', value: 'TEXT', description: 'why, in words (recorded)' },
};
const ROTATE_OPTIONS: OptionSpecs = {
  ...UPDATE_OPTIONS,
  'new-kid': { type: 'string', value: 'FRAGMENT', description: 'the new key fragment, e.g. key-2 (the next number)' },
  'new-public-key': { type: 'string', value: 'HEX', description: 'the new compressed public key (`courtbridge did show --json`)' },
};

const CHAIN_ENTRY_OPTIONS: OptionSpecs = {
  ...UPDATE_OPTIONS,
  ...REQUEST_FILE_OPTION,
  entry: {
    type: 'string',
    value: 'FILE',
    description: 'the chain entry as JSON (chainId, kind, displayName, anchor {height, headerHash, validatorsHash}, servers, attestation?)',
  },
};
const CHAINS_OPTIONS: OptionSpecs = { as: LIST_OPTIONS.as! };

const help = (): string =>
  helpText({
    usage: [
      INIT_USAGE,
      REQUEST_USAGE,
      'courtbridge alliance register --request FILE --admin-key FILE...',
      'courtbridge alliance admit-chain --request FILE --admin-key FILE...',
      ...APPROVE_USAGE,
      'courtbridge alliance list [--role ROLE] [--status active|revoked] [--json]',
      'courtbridge alliance resolve DID [--at UNIX_MS] [--json]',
      'courtbridge alliance register --did DID --org NAME --role ROLE... [--chain CHAIN...] --public-key HEX --admin-key FILE...',
      'courtbridge alliance revoke DID --reason TEXT --admin-key FILE...',
      'courtbridge alliance rotate DID --new-kid key-N --new-public-key HEX --admin-key FILE...',
      'courtbridge alliance chains [--json]',
      'courtbridge alliance admit-chain --entry FILE --admin-key FILE...',
      'courtbridge alliance update-chain --entry FILE --admin-key FILE...',
      'courtbridge alliance remove-chain CHAIN --admin-key FILE...',
    ],
    description:
      'Reads the alliance registry through the gateway, or changes it: the update is built here, approved\n' +
      'by each --admin-key (a quorum of alliance admins) over the registry version the gateway reports, and\n' +
      'sent to AllianceService. A revocation or rotation takes effect on every gateway and adapter without restart;\n' +
      'an admitted chain is served, a removed one refused (chain_removed), by every running gateway.\n' +
      "init writes a fresh alliance's genesis file and prints its pinned sha256 (--genesis-hash); request\n" +
      "writes a partner's admission request signed by its own key, which register/admit-chain --request check.\n" +
      'Admins on different machines: prepare writes the update over the current registry head, each admin\n' +
      'approves it offline (approve FILE --admin-key KEY), submit sends it with the approvals gathered.',
    options: `init: ${formatOptions(INIT_OPTIONS, false)}\n\nrequest: ${formatOptions(REQUEST_OPTIONS, false)}\n\nprepare: ${formatOptions(PREPARE_OPTIONS, false)}\n\napprove: ${formatOptions(APPROVE_OPTIONS, false)}\n\nsubmit: ${formatOptions(SUBMIT_OPTIONS, false)}\n\nlist: ${formatOptions(LIST_OPTIONS, false)}\n\nresolve: ${formatOptions(RESOLVE_OPTIONS, false)}\n\nregister: ${formatOptions(REGISTER_OPTIONS, false)}\n\nrevoke: ${formatOptions(REVOKE_OPTIONS, false)}\n\nrotate: ${formatOptions(ROTATE_OPTIONS, false)}\n\nchains: ${formatOptions(CHAINS_OPTIONS, false)}\n\nadmit-chain, update-chain, remove-chain: ${formatOptions(CHAIN_ENTRY_OPTIONS, false)}\n\n${formatOptions({})}`,
    examples: [
      'courtbridge alliance init --alliance-id my-alliance --admin admin1.key --admin admin2.key --quorum 2 --member court=court.key --member gateway=gateway.key',
      'courtbridge alliance request --key partner.key --genesis genesis.json --genesis-hash 5f3c... --org "Lawyers Association" \\\n' +
        '    --role adapter --chain lawyer-registry --chain-data-dir ./lawyer-data --module ./my-adapter/definition.ts --out request.json',
      'courtbridge alliance register --request request.json --admin-key admin1.key --admin-key admin2.key',
      'courtbridge alliance list --role court',
      'courtbridge alliance resolve did:alliance:court-bj-01 --json',
      'courtbridge alliance register --did did:alliance:court-sh-02 --org "Shanghai No.2 Intermediate Court" --role court \\\n' +
        '    --public-key 02ab... --admin-key admin1.key --admin-key admin2.key',
      // A political-legal organ: its role is chain-scoped, so the grant names the chains it acts for.
      'courtbridge alliance register --did did:alliance:procuratorate-bj-dc --org "北京市东城区人民检察院" --role procuratorate \\\n' +
        '    --chain collab --public-key 02ab... --admin-key admin1.key --admin-key admin2.key',
      'courtbridge alliance revoke did:alliance:court-sh-02 --reason "key compromised" --admin-key admin1.key --admin-key admin2.key',
      'courtbridge alliance rotate did:alliance:court-sh-02 --new-kid key-2 --new-public-key 03cd... --admin-key admin1.key --admin-key admin2.key',
      'courtbridge alliance admit-chain --entry property-chain.json --admin-key admin1.key --admin-key admin2.key',
      'courtbridge alliance remove-chain property --admin-key admin1.key --admin-key admin2.key',
    ],
  });

function memberLines(m: Member__Output): string[] {
  return [
    `${m.did}  ${m.status.replace('MEMBER_STATUS_', '').toLowerCase()}  ${m.organisation}`,
    `  roles:  ${m.roles.map((r) => r.replace('MEMBER_ROLE_', '').toLowerCase()).join(', ')}${m.chains.length > 0 ? `   chains: ${m.chains.join(', ')}` : ''}`,
    ...m.keys.map(
      (k) => `  key ${k.kid}: ${toHex(k.publicKey)}${k.validUntilMs > 0 ? ` (retired ${new Date(k.validUntilMs).toISOString()})` : ''}`,
    ),
  ];
}

/** A chain entry for people: zh-CN first, English after. */
function chainLines(e: ChainEntry__Output, status?: string, served?: { servedHere: boolean; notServedReason: string }): string[] {
  const a = e.anchor;
  const zh = status === 'removed' ? '已移除' : '已准入';
  return [
    `${e.chainId}  ${status === undefined ? '' : `${zh} ${status}  `}${e.displayName}  (${e.kind})`,
    `  信任锚 anchor: 高度 height ${a?.height ?? 0}, header ${toHex(a?.headerHash ?? new Uint8Array(0))}, validators ${toHex(a?.validatorsHash ?? new Uint8Array(0))}`,
    `  服务方 servers: ${e.servers.join(', ')}`,
    ...(e.attestation !== null && e.attestation.attesters.length > 0
      ? [`  背书 attestation: ${e.attestation.threshold} / ${e.attestation.attesters.join(', ')}`]
      : []),
    ...(served === undefined
      ? []
      : [
          served.servedHere
            ? '  本网关已服务 served by this gateway'
            : `  本网关未服务 not served here${served.notServedReason === '' ? '' : `: ${served.notServedReason}`}`,
        ]),
  ];
}

async function chainEntryArg(args: ReturnType<typeof parseCommandArgs>, command: string): Promise<RegistryUpdate['chain']> {
  const file = args.required('entry');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await readFile(file)));
  } catch (e) {
    throw new UsageError(`--entry ${file}: ${e instanceof Error ? e.message : String(e)}`, command);
  }
  // Checked before any admin approves it (the gateway checks again).
  return chainEntryToProto(chainEntryFromJson(json, 'entry'));
}

function roleEnum(role: string, command: string): string {
  const e = (ROLE_ENUM as Record<string, string | undefined>)[role.toLowerCase()];
  if (e === undefined)
    throw new UsageError(`--role: unknown role '${role}' (expected one of ${Object.keys(ROLE_ENUM).join(', ')})`, command);
  return e;
}

function unixMs(value: string | undefined, title: string, fallback: number, command: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`${title}: expected unix milliseconds`, command);
  return Number(value);
}

function publicKeyArg(value: string, flag: string, command: string): Uint8Array {
  let publicKey: Uint8Array;
  try {
    publicKey = fromHex(value, flag);
  } catch {
    throw new UsageError(`${flag}: expected hex (66 characters for secp256k1, 70 starting 8624 for SM2)`, command);
  }
  if (!isValidPublicKey(publicKey))
    throw new UsageError(
      `${flag}: expected a secp256k1 key (33 bytes, 66 hex) or an SM2 key (35 bytes, 8624 + 66 hex) on its curve`,
      command,
    );
  return publicKey;
}

/** Proto MemberRole -> CLI role (the inverse of ROLE_ENUM). */
function roleOf(e: string): Role {
  const found = (Object.keys(ROLE_ENUM) as Role[]).find((r) => ROLE_ENUM[r] === e);
  if (found === undefined) throw new UsageError(`--role: ${e} is not a role`);
  return found;
}

/** The registry op an update carries (what registryUpdateFromProto derives from it). */
export function registryOpOf(update: RegistryUpdate): RegistryOp {
  switch (update.operation) {
    case 'REGISTRY_OPERATION_REGISTER': {
      const m = update.member!;
      return {
        kind: 'register_member',
        did: update.did!,
        org: m.organisation!,
        roles: (m.roles ?? []).map((r) => roleOf(String(r))),
        chains: [...(m.chains ?? [])],
        keys: (m.keys ?? []).map((k) => ({ kid: k.kid!, publicKey: k.publicKey as Uint8Array })),
      };
    }
    case 'REGISTRY_OPERATION_ADMIT_CHAIN':
    case 'REGISTRY_OPERATION_UPDATE_CHAIN':
      return {
        kind: update.operation === 'REGISTRY_OPERATION_ADMIT_CHAIN' ? 'admit_chain' : 'update_chain',
        chain: chainEntryFromProto({ attestation: null, ...update.chain } as ChainEntry__Output, 'entry'),
      };
    case 'REGISTRY_OPERATION_REMOVE_CHAIN':
      return { kind: 'remove_chain', chainId: update.chainId! };
    case 'REGISTRY_OPERATION_ROTATE_KEY':
      return { kind: 'rotate_key', did: update.did!, newKid: update.newKey!.kid!, newPublicKey: update.newKey!.publicKey as Uint8Array };
    default:
      return { kind: 'revoke_member', did: update.did! };
  }
}

/** The registry as the gateway reports it: what an update's sign bytes start with. */
export interface RegistryHead {
  allianceId: string;
  version: number;
  stateHash: Uint8Array;
}

/** The signed body of `update` applied on `head` (registry-sync.ts `registryUpdateFromProto`, field for field). */
export function registryUpdateBodyOf(update: RegistryUpdate, head: RegistryHead): RegistryUpdateBody {
  return {
    allianceId: head.allianceId,
    sequence: head.version + 1,
    prevStateHash: head.stateHash,
    updateId: toHex(update.nonce as Uint8Array),
    effectiveAtMs: Number(update.effectiveAtMs),
    op: registryOpOf(update),
  };
}

/** The registry head the gateway reports (ListMembers): what every approval signs over. */
export async function registryHeadOf(conn: GatewayConnection): Promise<RegistryHead> {
  const current = await conn.unary(conn.client('AllianceService'), 'listMembers', { page: { pageSize: 1 } });
  if (current.registryStateHash.length !== 32 || current.allianceId === '') {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'registry_head_unavailable',
      'the gateway does not report its registry state hash (ListMembersResponse.registry_state_hash); upgrade it',
    );
  }
  return { allianceId: current.allianceId, version: current.registryVersion, stateHash: new Uint8Array(current.registryStateHash) };
}

/** A request for another alliance is refused before anyone signs. */
export function checkAdmissionAlliance(admission: AdmissionRequest | undefined, head: RegistryHead): void {
  if (admission !== undefined && admission.allianceId !== head.allianceId) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'wrong_alliance',
      `the admission request of ${admission.did} is for alliance ${admission.allianceId}, this gateway serves ${head.allianceId}; ask the partner for a request made with this alliance's genesis`,
    );
  }
}

export type UpdateKind = 'register' | 'revoke' | 'rotate' | 'admit-chain' | 'update-chain' | 'remove-chain';

/** Send an approved update to AllianceService and say what it did. */
export async function submitUpdate(
  kind: UpdateKind,
  update: RegistryUpdate,
  approvals: AdminApproval[],
  conn: GatewayConnection,
  json: boolean,
  io: CliIo,
): Promise<ExitCode> {
  const METHOD = {
    register: 'registerMember',
    revoke: 'revokeMember',
    rotate: 'rotateKey',
    'admit-chain': 'admitChain',
    'update-chain': 'updateChain',
    'remove-chain': 'removeChain',
  } as const;
  const result = await conn.unary(conn.client('AllianceService'), METHOD[kind], { update, approvals });
  if (result.chain !== null) {
    const verb =
      kind === 'admit-chain' ? '已准入链 admitted chain' : kind === 'update-chain' ? '已更新链 updated chain' : '已移除链 removed chain';
    emit(io, json, result, () => [
      `${verb} ${result.chain!.chainId}, 注册表版本 registry version ${result.registryVersion}`,
      ...chainLines(result.chain!),
    ]);
    return ExitCode.Ok;
  }
  const verb = kind === 'register' ? 'registered' : kind === 'revoke' ? 'revoked' : 'rotated the key of';
  emit(io, json, result, () => [
    `${verb} ${update.did} at registry version ${result.registryVersion}`,
    ...(result.member !== null ? memberLines(result.member) : []),
  ]);
  return ExitCode.Ok;
}

async function sendUpdate(
  kind: UpdateKind,
  update: RegistryUpdate,
  args: ReturnType<typeof parseCommandArgs>,
  config: CliConfig,
  io: CliIo,
  admission?: AdmissionRequest,
): Promise<ExitCode> {
  const command = `alliance ${kind}`;
  const adminKeys = args.strings('admin-key');
  if (adminKeys.length === 0) throw new UsageError('missing --admin-key FILE (one per approving admin)', command);
  const passEnv = args.string('passphrase-env') ?? config.passphraseEnv;
  const admins = [];
  for (const f of adminKeys) admins.push(await loadSigner(f, passEnv, io));
  const { conn } = await authenticatedConnection(config, keyFileOf(args.string('as') ?? adminKeys[0], config, command), io);
  try {
    // The sign bytes start with the alliance id, the next sequence and the current state hash:
    // ask the gateway for its registry head (ListMembers), then approve that exact body.
    const head = await registryHeadOf(conn);
    checkAdmissionAlliance(admission, head);
    if (update.baseRegistryVersion !== undefined && Number(update.baseRegistryVersion) !== head.version) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'registry_version_mismatch',
        `--base-version ${update.baseRegistryVersion}, the registry is at ${head.version}; approvals sign the current state hash, so approve on the current version`,
      );
    }
    update.baseRegistryVersion = head.version;
    const body = registryUpdateBodyOf(update, head);
    const approvals: AdminApproval[] = admins.map((a) => {
      const ap = approveRegistryUpdate(body, a);
      return { adminDid: ap.adminDid, kid: ap.kid, signature: ap.signature };
    });
    return await submitUpdate(kind, update, approvals, conn, args.flag('json'), io);
  } finally {
    conn.close();
  }
}

/** The registration a partner's admission request asks for. */
export function registerUpdateOf(
  request: AdmissionRequest,
  effectiveAtMs: number,
  nonce: Uint8Array,
  command = 'alliance register',
): RegistryUpdate {
  return {
    operation: 'REGISTRY_OPERATION_REGISTER',
    did: request.did,
    member: {
      did: request.did,
      organisation: request.org,
      roles: request.roles.map((r) => roleEnum(r, command)) as Member__Output['roles'],
      chains: [...request.chains],
      status: 'MEMBER_STATUS_ACTIVE',
      keys: [{ kid: request.kid, publicKey: request.publicKey, validFromMs: effectiveAtMs, validUntilMs: 0 }],
      revokedAtMs: 0,
    },
    effectiveAtMs,
    nonce,
  };
}

/** The admission of the chain a partner's request brings. */
export function admitChainUpdateOf(
  request: AdmissionRequest,
  effectiveAtMs: number,
  nonce: Uint8Array,
  command = 'alliance admit-chain',
): RegistryUpdate {
  if (request.chain === undefined) throw new UsageError(`the request of ${request.did} brings no chain (nothing to admit)`, command);
  return { operation: 'REGISTRY_OPERATION_ADMIT_CHAIN', chain: chainEntryToProto(request.chain), effectiveAtMs, nonce };
}

/** `admit-chain` / `update-chain`: the entry from --entry, approved by each --admin-key. */
async function chainUpdate(kind: 'admit-chain' | 'update-chain', rest: readonly string[], io: CliIo): Promise<ExitCode> {
  const command = `alliance ${kind}`;
  const args = parseCommandArgs(rest, CHAIN_ENTRY_OPTIONS, command);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const config = loadCliConfig(args, io, command);
  const base = args.string('base-version');
  const requestFile = args.string('request');
  let request: AdmissionRequest | undefined;
  let chain: RegistryUpdate['chain'];
  if (requestFile !== undefined) {
    if (args.string('entry') !== undefined) throw new UsageError('give --request or --entry, not both', command);
    request = await readAdmissionRequest(requestFile, command);
    if (request.chain === undefined)
      throw new UsageError(`--request ${requestFile}: the request of ${request.did} brings no chain (nothing to admit)`, command);
    chain = chainEntryToProto(request.chain);
  } else {
    chain = await chainEntryArg(args, command);
  }
  const update: RegistryUpdate = {
    operation: kind === 'admit-chain' ? 'REGISTRY_OPERATION_ADMIT_CHAIN' : 'REGISTRY_OPERATION_UPDATE_CHAIN',
    ...(chain === undefined ? {} : { chain }),
    effectiveAtMs: unixMs(args.string('effective-at'), '--effective-at', io.nowMs(), command),
    nonce: randomBytes(16),
    ...(base !== undefined ? { baseRegistryVersion: unixMs(base, '--base-version', 0, command) } : {}),
  };
  return sendUpdate(kind, update, args, config, io, request);
}

export const allianceCommand: Command = {
  name: 'alliance',
  summary:
    'alliance init|request|prepare|approve|submit|list|resolve|register|revoke|rotate|chains|admit-chain|update-chain|remove-chain: the registry of members and chains',
  help,
  run: (argv, io) =>
    dispatchSubcommand('alliance', argv, io, help, {
      init: (rest) => allianceInit(rest, io, help),
      request: (rest) => allianceRequest(rest, io, help),
      prepare: (rest) => alliancePrepare(rest, io, help),
      approve: (rest) => allianceApprove(rest, io, help),
      submit: (rest) => allianceSubmit(rest, io, help),
      async list(rest) {
        const args = parseCommandArgs(rest, LIST_OPTIONS, 'alliance list');
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, 'alliance list');
        const role = args.string('role');
        const status = args.string('status');
        if (status !== undefined && status !== 'active' && status !== 'revoked')
          throw new UsageError('--status: expected active or revoked', 'alliance list');
        const conn = await readConnection(config, args.string('as') ?? config.keyFile, io);
        try {
          const members: Member__Output[] = [];
          let pageToken = '';
          let version = 0;
          do {
            const res = await conn.unary(conn.client('AllianceService'), 'listMembers', {
              role: (role === undefined ? 'MEMBER_ROLE_UNSPECIFIED' : roleEnum(role, 'alliance list')) as MemberRole,
              status:
                status === undefined ? 'MEMBER_STATUS_UNSPECIFIED' : status === 'active' ? 'MEMBER_STATUS_ACTIVE' : 'MEMBER_STATUS_REVOKED',
              page: { pageToken, pageSize: 200 },
            });
            members.push(...res.members);
            pageToken = res.nextPageToken;
            version = res.registryVersion;
          } while (pageToken !== '');
          emit(io, args.flag('json'), { registryVersion: version, members }, () => [
            `registry version ${version}, ${members.length} member(s)`,
            ...members.flatMap(memberLines),
          ]);
          return ExitCode.Ok;
        } finally {
          conn.close();
        }
      },
      async resolve(rest) {
        const args = parseCommandArgs(rest, RESOLVE_OPTIONS, 'alliance resolve', 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const did = args.positionals[0];
        if (did === undefined || !did.startsWith('did:'))
          throw new UsageError('expected a DID: courtbridge alliance resolve DID', 'alliance resolve');
        const config = loadCliConfig(args, io, 'alliance resolve');
        const conn = await readConnection(config, args.string('as') ?? config.keyFile, io);
        try {
          const res = await conn.unary(conn.client('AllianceService'), 'resolveDid', {
            did,
            versionTimeMs: unixMs(args.string('at'), '--at', 0, 'alliance resolve'),
          });
          emit(io, args.flag('json'), res, () =>
            res.member === null ? [] : [...memberLines(res.member), `  registry version ${res.registryVersion}`],
          );
          return ExitCode.Ok;
        } finally {
          conn.close();
        }
      },
      async register(rest) {
        const command = 'alliance register';
        const args = parseCommandArgs(rest, REGISTER_OPTIONS, command);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const requestFile = args.string('request');
        let request: AdmissionRequest | undefined;
        if (requestFile !== undefined) {
          for (const flag of ['did', 'org', 'public-key', 'kid'])
            if (args.string(flag) !== undefined) throw new UsageError(`--${flag}: the request file says it; give --request alone`, command);
          if (args.strings('role').length > 0 || args.strings('chain').length > 0)
            throw new UsageError('--role/--chain: the request file says them; give --request alone', command);
          // The partner's own signature first: nobody approves a key its holder did not sign with.
          request = await readAdmissionRequest(requestFile, command);
        }
        const did = request?.did ?? args.required('did');
        if (!did.startsWith('did:alliance:')) throw new UsageError('--did: expected did:alliance:ORG', command);
        const roles = request?.roles ?? args.strings('role');
        if (roles.length === 0) throw new UsageError(`missing --role (one of ${Object.keys(ROLE_ENUM).join(', ')})`, command);
        const publicKey = request?.publicKey ?? publicKeyArg(args.required('public-key'), '--public-key', command);
        const effectiveAtMs = unixMs(args.string('effective-at'), '--effective-at', io.nowMs(), command);
        const base = args.string('base-version');
        const update: RegistryUpdate = {
          operation: 'REGISTRY_OPERATION_REGISTER',
          did,
          member: {
            did,
            organisation: request?.org ?? args.required('org'),
            roles: roles.map((r) => roleEnum(r, command)) as Member__Output['roles'],
            chains: request?.chains ?? args.strings('chain'),
            status: 'MEMBER_STATUS_ACTIVE',
            keys: [{ kid: request?.kid ?? `#${args.string('kid') ?? 'key-1'}`, publicKey, validFromMs: effectiveAtMs, validUntilMs: 0 }],
            revokedAtMs: 0,
          },
          effectiveAtMs,
          nonce: randomBytes(16),
          ...(base !== undefined ? { baseRegistryVersion: unixMs(base, '--base-version', 0, command) } : {}),
        };
        return sendUpdate('register', update, args, config, io, request);
      },
      async revoke(rest) {
        const command = 'alliance revoke';
        const args = parseCommandArgs(rest, REVOKE_OPTIONS, command, 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const did = args.positionals[0];
        if (did === undefined || !did.startsWith('did:alliance:'))
          throw new UsageError('expected the DID to revoke: courtbridge alliance revoke did:alliance:ORG', command);
        const base = args.string('base-version');
        const update: RegistryUpdate = {
          operation: 'REGISTRY_OPERATION_REVOKE',
          did,
          reason: args.required('reason'),
          effectiveAtMs: unixMs(args.string('effective-at'), '--effective-at', io.nowMs(), command),
          nonce: randomBytes(16),
          ...(base !== undefined ? { baseRegistryVersion: unixMs(base, '--base-version', 0, command) } : {}),
        };
        return sendUpdate('revoke', update, args, config, io);
      },
      async rotate(rest) {
        const command = 'alliance rotate';
        const args = parseCommandArgs(rest, ROTATE_OPTIONS, command, 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const did = args.positionals[0];
        if (did === undefined || !did.startsWith('did:alliance:'))
          throw new UsageError('expected the DID whose key rotates: courtbridge alliance rotate did:alliance:ORG', command);
        const kid = args.required('new-kid').replace(/^#/, '');
        if (!/^key-[1-9][0-9]{0,5}$/.test(kid)) throw new UsageError('--new-kid: expected key-N (the next key number)', command);
        const publicKey = publicKeyArg(args.required('new-public-key'), '--new-public-key', command);
        const effectiveAtMs = unixMs(args.string('effective-at'), '--effective-at', io.nowMs(), command);
        const base = args.string('base-version');
        const update: RegistryUpdate = {
          operation: 'REGISTRY_OPERATION_ROTATE_KEY',
          did,
          newKey: { kid: `#${kid}`, publicKey, validFromMs: effectiveAtMs, validUntilMs: 0 },
          effectiveAtMs,
          nonce: randomBytes(16),
          ...(base !== undefined ? { baseRegistryVersion: unixMs(base, '--base-version', 0, command) } : {}),
        };
        return sendUpdate('rotate', update, args, config, io);
      },
      async chains(rest) {
        const args = parseCommandArgs(rest, CHAINS_OPTIONS, 'alliance chains');
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, 'alliance chains');
        const conn = await readConnection(config, args.string('as') ?? config.keyFile, io);
        try {
          const res = await conn.unary(conn.client('AllianceService'), 'listChains', {});
          emit(io, args.flag('json'), res, () => [
            `注册表版本 registry version ${res.registryVersion}, ${res.chains.length} 条链 chain(s)`,
            ...res.chains.flatMap((c) =>
              c.entry === null ? [] : chainLines(c.entry, c.status === 'CHAIN_ENTRY_STATUS_REMOVED' ? 'removed' : 'admitted', c),
            ),
          ]);
          return ExitCode.Ok;
        } finally {
          conn.close();
        }
      },
      'admit-chain': (rest) => chainUpdate('admit-chain', rest, io),
      'update-chain': (rest) => chainUpdate('update-chain', rest, io),
      async 'remove-chain'(rest) {
        const command = 'alliance remove-chain';
        const args = parseCommandArgs(rest, UPDATE_OPTIONS, command, 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const chainId = args.positionals[0];
        if (chainId === undefined || chainId === '')
          throw new UsageError('expected the chain to remove: courtbridge alliance remove-chain CHAIN', command);
        const base = args.string('base-version');
        const update: RegistryUpdate = {
          operation: 'REGISTRY_OPERATION_REMOVE_CHAIN',
          chainId,
          effectiveAtMs: unixMs(args.string('effective-at'), '--effective-at', io.nowMs(), command),
          nonce: randomBytes(16),
          ...(base !== undefined ? { baseRegistryVersion: unixMs(base, '--base-version', 0, command) } : {}),
        };
        return sendUpdate('remove-chain', update, args, config, io);
      },
    }),
};

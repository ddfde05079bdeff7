/**
 * `courtbridge alliance init`: the genesis file of a fresh alliance (src/identity/genesis.ts) from
 * the public halves of key files made by `courtbridge keys new` (or their `--json` output), and
 * its pinned SHA-256, the `--genesis-hash` every gateway, adapter and verifier passes.
 *
 * The judicial chain can be admitted from the start: from a chain entry file (a production chain,
 * its anchor vouched for out of band) or from a dev ledger's data directory (its head is pinned).
 * The alliance salt for keyed hashes of personal identifiers is written to a file of its own
 * (mode 0600): the genesis travels to verifiers outside the alliance, the salt must not.
 * Nothing is overwritten: an existing genesis or salt file is refused.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { judicial } from '../../../adapters/judicial/definition.js';
import { contractsOf } from '../../../adapters/sdk/definition.js';
import { headerHash } from '../../chain/header.js';
import { DevLedger } from '../../chain/ledger/ledger.js';
import { toHex, utf8 } from '../../encoding/bytes.js';
import { Roles, type Role } from '../../identity/authority.js';
import { chainEntryFromJson, chainEntryToJson, type ChainEntry } from '../../identity/chain-entry.js';
import { isAllianceDid } from '../../identity/did-url.js';
import { genesisHashHex, validateGenesis, type GenesisMember } from '../../identity/genesis.js';
import { parseCommandArgs, type OptionSpecs } from '../args.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';

const COMMAND = 'alliance init';

export const INIT_OPTIONS: OptionSpecs = {
  'alliance-id': { type: 'string', value: 'ID', description: 'the alliance id, [a-z0-9-]{1,63}' },
  admin: { type: 'string', multiple: true, value: 'FILE', description: "an admin's key file (or its `keys new --json` output); repeat" },
  quorum: { type: 'string', value: 'N', description: 'admin approvals every registry update needs (default: a majority of the admins)' },
  member: {
    type: 'string',
    multiple: true,
    value: 'ROLES[@CHAINS]=FILE',
    description: 'another first member, e.g. court=court.key, gateway=gw.key, adapter@judicial=judicial.key',
  },
  'chain-entry': { type: 'string', multiple: true, value: 'FILE', description: 'a chain admitted from the start (chain entry JSON)' },
  'judicial-data-dir': {
    type: 'string',
    value: 'DIR',
    description: "admit the judicial chain with this dev ledger's head as its anchor (created when empty)",
  },
  'judicial-adapter': { type: 'string', value: 'FILE', description: "the judicial adapter's key file (serves the judicial chain)" },
  out: { type: 'string', short: 'o', value: 'FILE', description: 'the genesis file to write (default genesis.json); never overwritten' },
  'salt-out': {
    type: 'string',
    value: 'FILE',
    description: 'the alliance salt file to write (default alliance-salt.hex beside the genesis, mode 600)',
  },
};

export const INIT_USAGE =
  'courtbridge alliance init --alliance-id ID --admin FILE... [--quorum N] [--member ROLES[@CHAINS]=FILE]...\n' +
  '      [--judicial-data-dir DIR --judicial-adapter FILE] [--chain-entry FILE]... [--out genesis.json] [--salt-out FILE]';

const exists = (file: string): UsageError =>
  new UsageError(`${file} 已存在，不覆盖 exists; refusing to overwrite an alliance's file (choose another --out / --salt-out)`, COMMAND);

/** DID and public key of a key file or of `keys new --json` / `did show --json` output: never the private key. */
export async function readPublicCard(file: string, flag: string): Promise<{ did: string; kid: string; publicKeyHex: string }> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await readFile(file)));
  } catch (e) {
    throw new UsageError(`${flag} ${file}: ${e instanceof Error ? e.message : String(e)}`, COMMAND);
  }
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (!isAllianceDid(o.did))
    throw new UsageError(
      `${flag} ${file}: 需要联盟 DID 的密钥 expected a key of a did:alliance:ORG (courtbridge keys new --did-alliance ORG)`,
      COMMAND,
    );
  if (typeof o.publicKeyHex !== 'string' || !/^0[23][0-9a-f]{64}$/.test(o.publicKeyHex))
    throw new UsageError(`${flag} ${file}: no publicKeyHex (a key file, or the --json output of courtbridge keys new)`, COMMAND);
  const kid = typeof o.kid === 'string' && o.kid.startsWith(`${o.did}#`) ? o.kid.slice(o.did.length) : '#key-1';
  if (kid !== '#key-1') throw new UsageError(`${flag} ${file}: a genesis key is #key-1, this one is ${kid}`, COMMAND);
  return { did: o.did, kid, publicKeyHex: o.publicKeyHex };
}

/** `ROLES[@CHAINS]=FILE` -> roles, chains, file. */
function parseMemberFlag(value: string): { roles: Role[]; chains: string[]; file: string } {
  const m = /^([a-z,]+)(?:@([a-z0-9,-]+))?=(.+)$/.exec(value);
  if (m === null)
    throw new UsageError(`--member: expected ROLES[@CHAINS]=FILE, e.g. adapter@judicial=judicial.key, got '${value}'`, COMMAND);
  const roles = m[1]!.split(',');
  for (const r of roles)
    if (!(Roles as readonly string[]).includes(r))
      throw new UsageError(`--member: unknown role '${r}' (expected one of ${Roles.join(', ')})`, COMMAND);
  return { roles: roles as Role[], chains: m[2] === undefined ? [] : m[2].split(','), file: m[3]! };
}

/** The judicial chain's entry with the head of the dev ledger in `dataDir` as its anchor. */
function judicialEntryFromLedger(dataDir: string, server: string): ChainEntry {
  mkdirSync(dataDir, { recursive: true });
  const ledger = DevLedger.open({ chainId: judicial.chainId, contracts: contractsOf(judicial), dataDir });
  try {
    const h = ledger.latest().signedHeader.header;
    return {
      chainId: judicial.chainId,
      kind: 'bft-smt',
      displayName: '司法链 Judicial chain',
      hashSuite: 'sha256',
      signatureSuite: 'secp256k1',
      anchor: { height: h.height, headerHash: headerHash(h), validatorsHash: h.validatorsHash },
      servers: [server],
    };
  } finally {
    ledger.close();
  }
}

export async function allianceInit(rest: readonly string[], io: CliIo, help: () => string): Promise<ExitCode> {
  const args = parseCommandArgs(rest, INIT_OPTIONS, COMMAND);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const allianceId = args.required('alliance-id');
  const out = resolve(io.cwd, args.string('out') ?? 'genesis.json');
  const saltOut = resolve(io.cwd, args.string('salt-out') ?? join(dirname(out), 'alliance-salt.hex'));
  // Checked before anything is written (a judicial ledger included); the 'wx' writes below close the race.
  for (const f of [out, saltOut]) if (existsSync(f)) throw exists(f);
  const adminFiles = args.strings('admin');
  if (adminFiles.length === 0)
    throw new UsageError('missing --admin FILE (one per admin: courtbridge keys new --did-alliance ORG)', COMMAND);

  const members = new Map<string, GenesisMember>();
  const add = async (file: string, flag: string, roles: Role[], chains: string[]): Promise<string> => {
    const card = await readPublicCard(resolve(io.cwd, file), flag);
    const had = members.get(card.did);
    if (had !== undefined) {
      // One DID, several flags: its roles and chains add up (an admin that is also a court).
      if (had.keys[0]!.publicKeyHex !== card.publicKeyHex) throw new UsageError(`${card.did} is given with two different keys`, COMMAND);
      for (const r of roles) if (!had.roles.includes(r)) had.roles.push(r);
      for (const c of chains) if (!had.chains.includes(c)) had.chains.push(c);
      return card.did;
    }
    members.set(card.did, {
      did: card.did,
      org: card.did.slice('did:alliance:'.length),
      roles: [...roles],
      chains: [...chains],
      keys: [{ kid: card.kid, publicKeyHex: card.publicKeyHex, validFromMs: 0 }],
    });
    return card.did;
  };
  for (const f of adminFiles) await add(f, '--admin', ['admin'], []);
  for (const v of args.strings('member')) {
    const m = parseMemberFlag(v);
    await add(m.file, '--member', m.roles, m.chains);
  }

  const chains: ChainEntry[] = [];
  for (const f of args.strings('chain-entry')) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(await readFile(resolve(io.cwd, f))));
    } catch (e) {
      throw new UsageError(`--chain-entry ${f}: ${e instanceof Error ? e.message : String(e)}`, COMMAND);
    }
    chains.push(chainEntryFromJson(json, `--chain-entry ${f}`));
  }
  const judicialDir = args.string('judicial-data-dir');
  const judicialKey = args.string('judicial-adapter');
  if ((judicialDir === undefined) !== (judicialKey === undefined))
    throw new UsageError('--judicial-data-dir and --judicial-adapter go together (the ledger and the adapter that serves it)', COMMAND);
  let judicialAnchor: { height: number; headerHash: string } | undefined;
  if (judicialDir !== undefined && judicialKey !== undefined) {
    const server = await add(judicialKey, '--judicial-adapter', ['adapter'], [judicial.chainId]);
    const entry = judicialEntryFromLedger(resolve(io.cwd, judicialDir), server);
    chains.push(entry);
    judicialAnchor = { height: entry.anchor.height, headerHash: toHex(entry.anchor.headerHash) };
  }

  const admins = [...members.values()].filter((m) => m.roles.includes('admin')).length;
  const quorumFlag = args.string('quorum');
  const quorum = quorumFlag === undefined ? Math.floor(admins / 2) + 1 : Number(quorumFlag);
  if (!Number.isSafeInteger(quorum) || quorum < 1 || quorum > admins)
    throw new UsageError(`--quorum: expected an integer in 1..${admins} (the number of admins)`, COMMAND);

  const json = {
    allianceId,
    quorum,
    members: [...members.values()],
    ...(chains.length > 0 ? { chains: chains.map(chainEntryToJson) } : {}),
  };
  validateGenesis(JSON.parse(JSON.stringify(json))); // every genesis rule, naming the field, before anything is written
  const bytes = utf8(`${JSON.stringify(json, null, 2)}\n`);
  const hash = genesisHashHex(bytes);
  mkdirSync(dirname(out), { recursive: true });
  mkdirSync(dirname(saltOut), { recursive: true });
  const refuse =
    (file: string) =>
    (e: unknown): never => {
      throw (e as NodeJS.ErrnoException).code === 'EEXIST' ? exists(file) : e;
    };
  // 'wx': fails when the file exists, so two runs never race to replace a pinned genesis.
  await writeFile(saltOut, `${toHex(randomBytes(32))}\n`, { flag: 'wx', mode: 0o600 }).catch(refuse(saltOut));
  await writeFile(out, bytes, { flag: 'wx' }).catch(refuse(out));

  const result = {
    allianceId,
    genesisFile: out,
    genesisHash: hash,
    quorum,
    members: [...members.values()].map((m) => ({ did: m.did, roles: m.roles, chains: m.chains })),
    chains: chains.map((c) => c.chainId),
    saltFile: saltOut,
    ...(judicialAnchor === undefined ? {} : { judicial: judicialAnchor }),
  };
  emit(io, args.flag('json'), result, () => [
    `已创建联盟创世文件 created the genesis of alliance ${allianceId}: ${out}`,
    `  固定哈希 pinned hash (--genesis-hash): ${hash}`,
    `  管理员 admins: ${admins}, 法定人数 quorum: ${quorum}`,
    ...result.members.map((m) => `  成员 member ${m.did}  ${m.roles.join(',')}${m.chains.length > 0 ? `  @${m.chains.join(',')}` : ''}`),
    ...chains.map((c) => `  链 chain ${c.chainId} (${c.kind}), 信任锚 anchor height ${c.anchor.height} ${toHex(c.anchor.headerHash)}`),
    ...(judicialAnchor === undefined
      ? []
      : [`  司法链信任头 judicial trust: --judicial-height ${judicialAnchor.height} --judicial-hash ${judicialAnchor.headerHash}`]),
    `  联盟盐 alliance salt: ${saltOut} (mode 600; 仅分发给成员 give it to members only, as $COURTBRIDGE_ALLIANCE_SALT)`,
    '下一步 next: courtbridge gateway start (COURTBRIDGE_GENESIS_FILE, COURTBRIDGE_GENESIS_HASH)',
  ]);
  return ExitCode.Ok;
}

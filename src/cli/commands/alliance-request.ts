/**
 * `courtbridge alliance request`: the partner's side of admission. Writes an admission request
 * (src/identity/admission-request.ts) signed by the partner's own key: its DID, organisation,
 * roles, chains and public key, and for a chain of its own the registry entry admitting it, the
 * anchor being its dev ledger's head (or an entry file). Admins then approve it with a quorum:
 * `courtbridge alliance register --request FILE` and `alliance admit-chain --request FILE`,
 * which check the partner's signature before anyone signs.
 */
import { signatureSuiteOfSet } from '../../chain/validator-set.js';
import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadAdapterModule } from '../../../adapters/sdk/adapter-module.js';
import { chainSchemaOf, contractsOf, isDevLedgerDefinition } from '../../../adapters/sdk/definition.js';
import { headerHash } from '../../chain/header.js';
import { ContractRegistry } from '../../chain/ledger/contract.js';
import { DevLedger } from '../../chain/ledger/ledger.js';
import { toHex } from '../../encoding/bytes.js';
import {
  admissionRequestFromJson,
  admissionRequestToJson,
  signAdmissionRequest,
  verifyAdmissionRequest,
  type AdmissionRequest,
} from '../../identity/admission-request.js';
import type { Role } from '../../identity/authority.js';
import { chainEntryFromJson, type ChainEntry, type ChainSchema } from '../../identity/chain-entry.js';
import { loadGenesis } from '../../identity/genesis.js';
import { parseCommandArgs, type OptionSpecs } from '../args.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';
import { loadSigner } from '../session.js';

const COMMAND = 'alliance request';

export const REQUEST_OPTIONS: OptionSpecs = {
  key: { type: 'string', value: 'FILE', description: 'your key file (courtbridge keys new --did-alliance ORG); signs the request' },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the genesis file's pinned sha256" },
  org: { type: 'string', value: 'NAME', description: 'your organisation name' },
  role: {
    type: 'string',
    multiple: true,
    value: 'ROLE',
    description: 'a role you ask for (adapter, agency, court, validator, procuratorate, police, justice, ...)',
  },
  chain: { type: 'string', multiple: true, value: 'CHAIN', description: 'a chain you speak for' },
  'chain-data-dir': {
    type: 'string',
    value: 'DIR',
    description: "bring your own chain: its dev ledger here (created when empty); its head is the entry's anchor",
  },
  module: {
    type: 'string',
    value: 'FILE',
    description: "your adapter module: its definition's record types and actions go into the entry (gateways serve your chain from them)",
  },
  'display-name': { type: 'string', value: 'NAME', description: "your chain's name for people (default the chain id)" },
  gm: {
    type: 'boolean',
    description: 'with --chain-data-dir: a chain on national cryptography (SM2 validators, SM3 headers and trees) 国密链',
  },
  entry: { type: 'string', value: 'FILE', description: 'bring your own chain: its entry as JSON (instead of --chain-data-dir)' },
  out: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'where to write the request (default admission-request.json); never overwritten',
  },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of an encrypted key file is in $VAR' },
};

export const REQUEST_USAGE =
  'courtbridge alliance request --key FILE --genesis FILE --genesis-hash HEX --org NAME --role ROLE... [--chain CHAIN...]\n' +
  '      [--chain-data-dir DIR [--module FILE] [--display-name NAME] [--gm] | --entry FILE] [--out FILE]';

async function readJson(file: string, flag: string, command: string): Promise<unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(await readFile(file)));
  } catch (e) {
    throw new UsageError(`${flag} ${file}: ${e instanceof Error ? e.message : String(e)}`, command);
  }
}

/** The entry of the partner's dev ledger chain, its head pinned as the anchor. */
async function devChainEntry(
  chainId: string,
  dataDir: string,
  moduleFile: string | undefined,
  displayName: string,
  server: string,
  gm: boolean,
): Promise<ChainEntry> {
  let contracts = new ContractRegistry();
  let schema: ChainSchema | undefined;
  if (moduleFile !== undefined) {
    const { definition } = await loadAdapterModule(moduleFile);
    if (definition.chainId !== chainId)
      throw new UsageError(`--module ${moduleFile}: its definition is chain ${definition.chainId}, not --chain ${chainId}`, COMMAND);
    if (isDevLedgerDefinition(definition)) contracts = contractsOf(definition);
    schema = chainSchemaOf(definition);
  }
  mkdirSync(dataDir, { recursive: true });
  // A ledger keeps the suites it was made with (its block log and validator key file say them).
  const ledger = DevLedger.open({
    chainId,
    contracts,
    dataDir,
    ...(gm ? { hashSuite: 'sm3' as const, signatureSuite: 'sm2' as const } : {}),
  });
  try {
    const h = ledger.latest().signedHeader.header;
    const signatureSuite = signatureSuiteOfSet(ledger.latest().validatorSet);
    if (signatureSuite === 'mixed') throw new UsageError(`--chain-data-dir ${dataDir}: its validators hold keys of both suites`, COMMAND);
    return {
      chainId,
      kind: 'bft-smt',
      displayName,
      hashSuite: ledger.hashSuite,
      signatureSuite,
      anchor: { height: h.height, headerHash: headerHash(h, ledger.hashSuite), validatorsHash: h.validatorsHash },
      servers: [server],
      ...(schema === undefined ? {} : { schema }),
    };
  } finally {
    ledger.close();
  }
}

export async function allianceRequest(rest: readonly string[], io: CliIo, help: () => string): Promise<ExitCode> {
  const args = parseCommandArgs(rest, REQUEST_OPTIONS, COMMAND);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const config = loadCliConfig(args, io, COMMAND);
  const out = resolve(io.cwd, args.string('out') ?? 'admission-request.json');
  const signer = await loadSigner(args.required('key'), args.string('passphrase-env') ?? config.passphraseEnv, io);
  const genesisFile = resolve(io.cwd, args.required('genesis'));
  const { genesis } = loadGenesis(new Uint8Array(await readFile(genesisFile)), args.required('genesis-hash').toLowerCase());
  const roles = args.strings('role');
  if (roles.length === 0) throw new UsageError('missing --role (the roles you ask for, e.g. adapter)', COMMAND);
  const chains = args.strings('chain');
  const dataDir = args.string('chain-data-dir');
  const entryFile = args.string('entry');
  if (dataDir !== undefined && entryFile !== undefined) throw new UsageError('give --chain-data-dir or --entry, not both', COMMAND);
  let chain: ChainEntry | undefined;
  if (entryFile !== undefined) {
    chain = chainEntryFromJson(await readJson(resolve(io.cwd, entryFile), '--entry', COMMAND), 'entry');
  } else if (dataDir !== undefined) {
    if (chains.length !== 1) throw new UsageError('--chain-data-dir: name your chain with exactly one --chain', COMMAND);
    const moduleFile = args.string('module');
    chain = await devChainEntry(
      chains[0]!,
      resolve(io.cwd, dataDir),
      moduleFile === undefined ? undefined : resolve(io.cwd, moduleFile),
      args.string('display-name') ?? chains[0]!,
      signer.did,
      args.flag('gm'),
    );
  }
  if (chain !== undefined && genesis.chains?.some((c) => c.chainId === chain.chainId))
    throw new UsageError(`chain ${chain.chainId} is in the genesis already; choose another chain id`, COMMAND);
  const request = signAdmissionRequest(
    {
      allianceId: genesis.allianceId,
      org: args.required('org'),
      roles: roles as Role[],
      chains,
      ...(chain === undefined ? {} : { chain }),
      createdAtMs: io.nowMs(),
    },
    signer,
  );
  mkdirSync(resolve(out, '..'), { recursive: true });
  await writeFile(out, `${JSON.stringify(admissionRequestToJson(request), null, 2)}\n`, { flag: 'wx' }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${out} 已存在，不覆盖 exists; choose another --out`, COMMAND);
    throw e;
  });
  const admins = `--admin-key ADMIN1.key --admin-key ADMIN2.key`;
  emit(io, args.flag('json'), { file: out, ...admissionRequestToJson(request) }, () => [
    `已写入入盟申请 wrote the admission request of ${request.did}: ${out}`,
    `  联盟 alliance: ${request.allianceId}, 角色 roles: ${request.roles.join(', ')}${request.chains.length > 0 ? `, 链 chains: ${request.chains.join(', ')}` : ''}`,
    `  公钥 public key: ${toHex(request.publicKey)}`,
    ...(chain === undefined
      ? []
      : [
          `  新链 new chain ${chain.chainId} (${chain.kind}), 信任锚 anchor height ${chain.anchor.height} ${toHex(chain.anchor.headerHash)}`,
        ]),
    '下一步 next: 交给联盟管理员 hand it to the alliance admins, who approve with a quorum:',
    `  courtbridge alliance register --request ${out} ${admins}`,
    ...(chain === undefined ? [] : [`  courtbridge alliance admit-chain --request ${out} ${admins}`]),
  ]);
  return ExitCode.Ok;
}

/** Read and check an admission request file: its shape and the partner's own signature. */
export async function readAdmissionRequest(file: string, command: string): Promise<AdmissionRequest> {
  const json = await readJson(file, '--request', command);
  return verifyAdmissionRequest(admissionRequestFromJson(json));
}

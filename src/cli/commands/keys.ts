/**
 * `courtbridge keys new`: a fresh secp256k1 or SM2 key in a 0600 key file (src/identity/keystore.ts),
 * for a `did:key` (tests, throwaway) or an alliance DID `did:alliance:<org>` (its document is
 * registered separately with `courtbridge alliance register`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatePrivateKey, isSignatureSuite, publicKeyFor } from '../../crypto/signature-suite.js';
import { toHex } from '../../encoding/bytes.js';
import { allianceDidOf } from '../../identity/did-url.js';
import { didKeyKid, didKeyOf } from '../../identity/did-key.js';
import { writeKeyFile } from '../../identity/keystore.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';

const OPTIONS: OptionSpecs = {
  out: { type: 'string', short: 'o', value: 'FILE', description: 'where to write the key file (default courtbridge.key)' },
  'passphrase-env': {
    type: 'string',
    value: 'VAR',
    description: 'encrypt the private key under the passphrase in $VAR (scrypt + AES-256-GCM)',
  },
  'did-alliance': { type: 'string', value: 'ORG', description: 'make it did:alliance:ORG#key-1 instead of a did:key' },
  kid: { type: 'string', value: 'FRAGMENT', description: 'key fragment for --did-alliance (default key-1; e.g. key-2 for a rotation)' },
  suite: {
    type: 'string',
    value: 'SUITE',
    description: 'secp256k1 (default) or sm2 (GB/T 32918 SM2 with SM3, for national-cryptography deployments)',
  },
  force: { type: 'boolean', description: 'overwrite an existing file' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge keys new [--out FILE] [--passphrase-env VAR] [--did-alliance ORG] [--suite secp256k1|sm2] [--json]'],
    description:
      'Generates a secp256k1 (or, with --suite sm2, an SM2) key and writes it to a key file readable only by you (mode 0600).\n' +
      'Prints the DID, the key id and the public key (never the private key).',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge keys new --out court.key --did-alliance court-bj-01',
      'COURT_PASS=... courtbridge keys new --out court.key --passphrase-env COURT_PASS',
      'courtbridge keys new --out throwaway.key --json',
      'courtbridge keys new --out court-sm2.key --did-alliance court-bj-01 --suite sm2',
    ],
  });

export const keysCommand: Command = {
  name: 'keys',
  summary: 'keys new: generate a key file (0600) and print its DID',
  help,
  run(argv, io) {
    return dispatchSubcommand('keys', argv, io, help, { new: (rest) => keysNew(rest, io) });
  },
};

/** `keysNew`: the subcommand itself (options parsed here, where input enters). */
async function keysNew(rest: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(rest, OPTIONS, 'keys new');
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const out = resolve(io.cwd, args.string('out') ?? 'courtbridge.key');
  if (existsSync(out) && !args.flag('force')) throw new UsageError(`${out} exists; pass --force to overwrite it`, 'keys new');
  let passphrase: string | undefined;
  const passEnv = args.string('passphrase-env');
  if (passEnv !== undefined) {
    passphrase = io.env[passEnv];
    if (passphrase === undefined || passphrase === '')
      throw new UsageError(`--passphrase-env ${passEnv}: the variable is empty or unset`, 'keys new');
  }
  const suite = args.string('suite') ?? 'secp256k1';
  if (!isSignatureSuite(suite)) throw new UsageError(`--suite: expected secp256k1 or sm2, got '${suite}'`, 'keys new');
  const sk = generatePrivateKey(suite);
  const pk = publicKeyFor(suite, sk);
  let did: string;
  let kid: string;
  const org = args.string('did-alliance');
  if (org !== undefined) {
    try {
      did = allianceDidOf(org);
    } catch (e) {
      throw new UsageError(`--did-alliance: ${e instanceof Error ? e.message : String(e)}`, 'keys new');
    }
    const fragment = args.string('kid') ?? 'key-1';
    if (!/^key-\d+$/.test(fragment)) throw new UsageError(`--kid: expected key-N, got '${fragment}'`, 'keys new');
    kid = `${did}#${fragment}`;
  } else {
    if (args.string('kid') !== undefined) throw new UsageError('--kid needs --did-alliance (a did:key has one fixed key id)', 'keys new');
    did = didKeyOf(pk);
    kid = didKeyKid(did);
  }
  try {
    await writeKeyFile(out, { did, kid, privateKey: sk, suite }, passphrase === undefined ? {} : { passphrase });
  } finally {
    sk.fill(0);
  }
  const result = { did, kid, suite, publicKeyHex: toHex(pk), file: out, encrypted: passphrase !== undefined };
  emit(io, args.flag('json'), result, () => [
    did,
    `  kid:        ${kid}`,
    `  suite:      ${suite}`,
    `  public key: ${result.publicKeyHex}`,
    `  file:       ${out} (mode 600${result.encrypted ? ', encrypted' : ''})`,
  ]);
  return ExitCode.Ok;
}

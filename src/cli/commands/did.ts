/**
 * `courtbridge did show --key FILE`: the DID, key id and public key of a key file.
 */
import { toHex } from '../../encoding/bytes.js';
import { uncompressPublicKey } from '../../crypto/secp256k1.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { loadSigner } from '../session.js';

const OPTIONS: OptionSpecs = {
  key: { type: 'string', short: 'k', value: 'FILE', description: 'key file (default $COURTBRIDGE_KEY)' },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of an encrypted key file is in $VAR' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge did show --key FILE [--passphrase-env VAR] [--json]'],
    description: 'Shows the DID, the key id (full DID URL) and the public key of a key file.',
    options: formatOptions(OPTIONS),
    examples: ['courtbridge did show --key court.key', 'courtbridge did show --key court.key --json | jq -r .did'],
  });

export const didCommand: Command = {
  name: 'did',
  summary: 'did show: the DID, key id and public key of a key file',
  help,
  run(argv, io) {
    return dispatchSubcommand('did', argv, io, help, { show: (rest) => didShow(rest, io) });
  },
};

/** `didShow`: the subcommand itself (options parsed here, where input enters). */
async function didShow(rest: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(rest, OPTIONS, 'did show');
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const config = loadCliConfig(args, io, 'did show');
  const file = args.string('key') ?? config.keyFile;
  if (file === undefined) throw new UsageError('missing --key FILE (or $COURTBRIDGE_KEY)', 'did show');
  const signer = await loadSigner(file, args.string('passphrase-env') ?? config.passphraseEnv, io);
  const result = {
    did: signer.did,
    kid: signer.kid,
    suite: signer.suite,
    publicKeyHex: toHex(signer.publicKey),
    // A secp256k1 JWK wants the uncompressed point; an SM2 key is published as its multibase (resolver.ts).
    ...(signer.suite === 'secp256k1' ? { publicKeyUncompressedHex: toHex(uncompressPublicKey(signer.publicKey)) } : {}),
  };
  emit(io, args.flag('json'), result, () => [
    result.did,
    `  kid:        ${result.kid}`,
    `  suite:      ${result.suite}`,
    `  public key: ${result.publicKeyHex}`,
  ]);
  return ExitCode.Ok;
}

/**
 * `courtbridge token --as KEYFILE`: a bearer JWT (ES256K, or SM2SM3 for an SM2 key; purpose `auth`) for the gateway,
 * for grpcurl and scripts ("Calls": audience = the gateway's DID, short expiry, a jti).
 */
import { DEFAULT_MAX_LIFETIME_MS } from '../../identity/jwt.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { parseDurationMs } from '../duration.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { connectGateway } from '../../client/gateway-client.js';
import { emit } from '../output.js';
import { DEFAULT_TOKEN_TTL_MS, gatewayDidOf, keyFileOf, loadSigner, mintAuthToken } from '../session.js';

const OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: 'key file of the caller (default $COURTBRIDGE_KEY)' },
  aud: {
    type: 'string',
    value: 'GATEWAY_DID',
    description: 'audience: the gateway DID (same as --gateway-did; default $COURTBRIDGE_GATEWAY_DID, else the gateway names it)',
  },
  ttl: { type: 'string', value: 'DURATION', description: 'lifetime, at most 10m (default 5m)' },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of an encrypted key file is in $VAR' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge token --as KEYFILE [--aud GATEWAY_DID] [--ttl 5m] [--json]'],
    description:
      'Prints a bearer token (a JWT, ES256K or SM2SM3 by the key\'s suite, purpose "auth", audience the gateway DID, a fresh jti) signed\n' +
      'with the key file, for the `authorization: Bearer` header of any gateway call.',
    options: formatOptions(OPTIONS),
    examples: [
      'grpcurl -plaintext -H "authorization: Bearer $(courtbridge token --as court.key)" 127.0.0.1:50051 courtbridge.v1.ChainService/ListChains',
      'courtbridge token --as court.key --aud did:alliance:gateway-1 --ttl 2m',
    ],
  });

export const tokenCommand: Command = {
  name: 'token',
  summary: 'print a bearer JWT (purpose auth) for grpcurl',
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'token');
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const config = loadCliConfig(args, io, 'token');
    const ttlFlag = args.string('ttl');
    const ttlMs = ttlFlag === undefined ? DEFAULT_TOKEN_TTL_MS : parseDurationMs(ttlFlag, '--ttl', 'token');
    // The gateway refuses tokens living longer than this (jwt.ts DEFAULT_MAX_LIFETIME_MS.auth).
    if (ttlMs < 1000 || ttlMs > DEFAULT_MAX_LIFETIME_MS.auth) {
      throw new UsageError(`--ttl: expected 1s to ${DEFAULT_MAX_LIFETIME_MS.auth / 60_000}m`, 'token');
    }
    const signer = await loadSigner(
      keyFileOf(args.string('as'), config, 'token'),
      args.string('passphrase-env') ?? config.passphraseEnv,
      io,
    );
    let audience = args.string('aud');
    if (audience === undefined) {
      const conn = connectGateway({ address: config.gateway, timeoutMs: config.timeoutMs });
      try {
        audience = await gatewayDidOf(config, conn);
      } finally {
        conn.close();
      }
    }
    if (!audience.startsWith('did:')) throw new UsageError(`--aud: expected a DID, got '${audience}'`, 'token');
    const nowMs = io.nowMs();
    const token = mintAuthToken(signer, audience, nowMs, ttlMs);
    emit(
      io,
      args.flag('json'),
      { token, issuer: signer.did, audience, expiresAtMs: (Math.floor(nowMs / 1000) + Math.floor(ttlMs / 1000)) * 1000 },
      () => [token],
    );
    return ExitCode.Ok;
  },
};

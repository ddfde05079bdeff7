/**
 * What commands that talk to the gateway share: loading the caller's key, finding the
 * gateway's DID, minting a short bearer token (purpose `auth`), and a connection using it.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { readKeyFile } from '../identity/keystore.js';
import { signJwtNative } from '../identity/jwt.js';
import type { Signer } from '../identity/signer.js';
import { AUDIENCE_TRAILER } from '../relay/host/grpc-status.js';
import type { CliConfig } from './config.js';
import { UsageError } from './errors.js';
import { connectGateway, type GatewayConnection } from '../client/gateway-client.js';
import type { CliIo } from './io.js';

/** Default lifetime of a bearer token: short ("short expiry (minutes)"). */
export const DEFAULT_TOKEN_TTL_MS = 5 * 60_000;

/**
 * Read a key file, taking its passphrase from the environment variable named by
 * `--passphrase-env` or the config (never from a flag: flags show in `ps`).
 */
export async function loadSigner(path: string, passphraseEnv: string | undefined, io: Pick<CliIo, 'env'>): Promise<Signer> {
  let passphrase: string | undefined;
  if (passphraseEnv !== undefined) {
    passphrase = io.env[passphraseEnv];
    if (passphrase === undefined || passphrase === '') throw new UsageError(`passphrase variable ${passphraseEnv} is empty or unset`);
  }
  return readKeyFile(path, passphrase === undefined ? {} : { passphrase });
}

/** The key file to sign with: `--as`, else $COURTBRIDGE_KEY / config `key`. */
export function keyFileOf(asFlag: string | undefined, config: CliConfig, command: string): string {
  const f = asFlag ?? config.keyFile;
  if (f === undefined) throw new UsageError('missing --as KEYFILE (or $COURTBRIDGE_KEY)', command);
  return f;
}

/** A bearer JWT (purpose `auth`) for the gateway `audience`. */
export function mintAuthToken(signer: Signer, audience: string, nowMs: number, ttlMs: number = DEFAULT_TOKEN_TTL_MS): string {
  return signJwtNative(signer, { audience, purpose: 'auth', nowMs, lifetimeMs: ttlMs, jti: `cli-${toHex(randomBytes(12))}` });
}

/**
 * The gateway's DID: the config (`gatewayDid`, $COURTBRIDGE_GATEWAY_DID), else asked of the
 * gateway with a call that carries no token: a courtbridge gateway refuses it UNAUTHENTICATED and
 * names its DID in the `courtbridge-audience` trailer; a server that answers ListMembers instead
 * must list exactly one active gateway.
 */
export async function gatewayDidOf(config: CliConfig, conn: GatewayConnection): Promise<string> {
  if (config.gatewayDid !== undefined) return config.gatewayDid;
  let res: Awaited<ReturnType<typeof listGateways>>;
  try {
    res = await listGateways(conn);
  } catch (e) {
    const named = (e as Partial<grpc.ServiceError>).metadata?.get(AUDIENCE_TRAILER)[0];
    if ((e as Partial<grpc.ServiceError>).code === grpc.status.UNAUTHENTICATED && typeof named === 'string' && named.startsWith('did:'))
      return named;
    throw e;
  }
  const dids = res.members.map((m) => m.did);
  if (dids.length !== 1) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'gateway_did_ambiguous',
      `the alliance lists ${dids.length} gateways; give the audience with --aud DID or $COURTBRIDGE_GATEWAY_DID`,
    );
  }
  return dids[0]!;
}

const listGateways = (conn: GatewayConnection) =>
  conn.unary(conn.client('AllianceService'), 'listMembers', { role: 'MEMBER_ROLE_GATEWAY', status: 'MEMBER_STATUS_ACTIVE' });

/** A connection authenticated as the key in `keyFile` (token minted locally, audience looked up if needed). */
export async function authenticatedConnection(
  config: CliConfig,
  keyFile: string,
  io: CliIo,
): Promise<{ conn: GatewayConnection; signer: Signer }> {
  const signer = await loadSigner(keyFile, config.passphraseEnv, io);
  const conn = connectGateway({ address: config.gateway, timeoutMs: config.timeoutMs });
  try {
    const aud = await gatewayDidOf(config, conn);
    conn.setBearer(mintAuthToken(signer, aud, io.nowMs()));
    return { conn, signer };
  } catch (e) {
    conn.close();
    throw e;
  }
}

/** A connection with a bearer when a key is configured; without one, a courtbridge gateway refuses every call but Health and reflection. */
export async function readConnection(config: CliConfig, keyFile: string | undefined, io: CliIo): Promise<GatewayConnection> {
  if (keyFile !== undefined) return (await authenticatedConnection(config, keyFile, io)).conn;
  return connectGateway({ address: config.gateway, timeoutMs: config.timeoutMs });
}

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

/**
 * Why a command without a key cannot run, and what to run next (zh-CN first, English after).
 * Every courtbridge method needs a member's token (src/relay/policy.ts), reads included.
 */
export function missingKeyMessage(command: string): string {
  return (
    `缺少签名密钥：请加 --as KEYFILE（或设置 $COURTBRIDGE_KEY）；还没有密钥文件时先运行 courtbridge keys new --out court.key --did-alliance ORG，再请联盟管理员登记该 DID / ` +
    `no key to sign with: add --as KEYFILE (or set $COURTBRIDGE_KEY)${command === '' ? '' : ` to \`courtbridge ${command}\``}; without a key file, run courtbridge keys new --out court.key --did-alliance ORG first and have the alliance admins register its DID`
  );
}

/** The key file to sign with: `--as`, else $COURTBRIDGE_KEY / config `key`. */
export function keyFileOf(asFlag: string | undefined, config: CliConfig, command: string): string {
  const f = asFlag ?? config.keyFile;
  if (f === undefined) throw new UsageError(missingKeyMessage(command), command);
  return f;
}

/** A bearer JWT (purpose `auth`) for the gateway `audience`. */
export function mintAuthToken(signer: Signer, audience: string, nowMs: number, ttlMs: number = DEFAULT_TOKEN_TTL_MS): string {
  return signJwtNative(signer, { audience, purpose: 'auth', nowMs, lifetimeMs: ttlMs, jti: `cli-${toHex(randomBytes(12))}` });
}

/**
 * The gateway's DID (the audience of tokens): `--gateway-did`, $COURTBRIDGE_GATEWAY_DID or the
 * config's `gatewayDid`; else learnt from the gateway without any token: a courtbridge gateway
 * refuses a tokenless call UNAUTHENTICATED and names its DID in the `courtbridge-audience`
 * trailer (the DID is public in the registry). A server that answers the tokenless ListMembers
 * instead must list exactly one active gateway. Never a call that itself needs a token.
 */
export async function gatewayDidOf(config: CliConfig, conn: GatewayConnection): Promise<string> {
  if (config.gatewayDid !== undefined) return config.gatewayDid;
  let res: Awaited<ReturnType<typeof listGateways>>;
  try {
    res = await listGateways(conn);
  } catch (e) {
    const err = e as Partial<grpc.ServiceError>;
    const named = err.metadata?.get(AUDIENCE_TRAILER)[0];
    if (err.code === grpc.status.UNAUTHENTICATED && typeof named === 'string' && named.startsWith('did:')) return named;
    if (err.code === grpc.status.UNAUTHENTICATED)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'gateway_did_unknown',
        `网关 ${config.gateway} 未告知其 DID：请加 --gateway-did DID（或设置 $COURTBRIDGE_GATEWAY_DID）/ ` +
          `the gateway at ${config.gateway} did not name its DID: add --gateway-did DID (or set $COURTBRIDGE_GATEWAY_DID); ` +
          'the DID is in the genesis file (members with role gateway)',
      );
    throw e;
  }
  const dids = res.members.map((m) => m.did);
  if (dids.length !== 1) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'gateway_did_ambiguous',
      `联盟有 ${dids.length} 个网关，请用 --gateway-did DID 指定 / the alliance lists ${dids.length} gateways; give the audience with --gateway-did DID or $COURTBRIDGE_GATEWAY_DID`,
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

/**
 * A connection for a read. Reads need a member's token too (a courtbridge gateway refuses every
 * call but Health and reflection without one), so no key is refused here, before any call, with
 * the next command to run. `command` names the command for that message.
 */
export async function readConnection(config: CliConfig, keyFile: string | undefined, io: CliIo, command = ''): Promise<GatewayConnection> {
  if (keyFile === undefined) throw new UsageError(missingKeyMessage(command), command);
  return (await authenticatedConnection(config, keyFile, io)).conn;
}

/**
 * The CLI's configuration, parsed once into a typed object (STYLE.md 9; weaver's
 * "process.env read everywhere" avoided). Precedence: flags > environment > config file >
 * defaults. The file is JSON:
 * ```json
 * { "gateway": "127.0.0.1:50051", "gatewayDid": "did:alliance:gateway-1", "nats": "nats://127.0.0.1:4222",
 *   "key": "court.key", "passphraseEnv": "COURT_KEY_PASSPHRASE", "allianceSaltHex": "...", "dataDir": ".courtbridge",
 *   "timeoutMs": 10000, "gatewayConfig": "gateway.json" }
 * ```
 * (or the same fields inside a `"cli"` object, when the file also configures the gateway).
 * Relative paths in the file resolve against the file's directory; unknown fields are ignored.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fromHex } from '../encoding/bytes.js';
import type { NatsClientAuth } from '../bus/connection.js';
import type { ParsedArgs } from './args.js';
import { parseDurationMs } from './duration.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

export interface CliConfig {
  /** Gateway gRPC address `host:port`. */
  readonly gateway: string;
  /** The gateway's DID (audience of bearer tokens); looked up from the gateway when absent. */
  readonly gatewayDid: string | undefined;
  /** NATS server URL(s), comma separated. */
  readonly natsUrl: string;
  /** Credentials on a secured NATS (`--nats-nkey`, `--nats-ca`); undefined on an open bus. */
  readonly natsAuth: NatsClientAuth | undefined;
  /** Default key file for commands that sign (`--as` overrides). */
  readonly keyFile: string | undefined;
  /** Name of the environment variable holding the key file's passphrase. */
  readonly passphraseEnv: string | undefined;
  /** Alliance-wide salt for keyed hashes of personal identifiers (secret; never printed). */
  readonly allianceSalt: Uint8Array | undefined;
  /** Dev-ledger data directory (`seed`, `adapter start`). */
  readonly dataDir: string;
  /** Deadline per gRPC call / NATS request. */
  readonly timeoutMs: number;
  /** Gateway config file handed to `startGatewayNode` (`gateway start`). */
  readonly gatewayConfig: string | undefined;
  /** Where the values came from, for `--json` diagnostics: the config file path, if any. */
  readonly configFile: string | undefined;
}

export const DEFAULT_GATEWAY = '127.0.0.1:50051';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_TIMEOUT_MS = 10_000;

interface FileConfig {
  gateway?: string;
  gatewayDid?: string;
  nats?: string;
  natsNkey?: string;
  natsCa?: string;
  key?: string;
  passphraseEnv?: string;
  allianceSaltHex?: string;
  dataDir?: string;
  timeoutMs?: number;
  gatewayConfig?: string;
}

const FILE_FIELDS: Record<keyof FileConfig, 'string' | 'number'> = {
  gateway: 'string',
  gatewayDid: 'string',
  nats: 'string',
  natsNkey: 'string',
  natsCa: 'string',
  key: 'string',
  passphraseEnv: 'string',
  allianceSaltHex: 'string',
  dataDir: 'string',
  timeoutMs: 'number',
  gatewayConfig: 'string',
};

function readConfigFile(path: string): FileConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not valid JSON';
    throw new UsageError(`--config ${path}: ${why}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`--config ${path}: expected a JSON object`);
  // One file may serve the gateway too (src/config): the CLI reads its own `cli` section when
  // there is one, else the top level, and ignores fields it does not know (they are the gateway's).
  const section = (json as Record<string, unknown>).cli;
  const source =
    typeof section === 'object' && section !== null && !Array.isArray(section)
      ? (section as Record<string, unknown>)
      : (json as Record<string, unknown>);
  const prefix = source === json ? '' : 'cli.';
  const out: Record<string, unknown> = {};
  for (const [k, want] of Object.entries(FILE_FIELDS)) {
    const v = source[k];
    if (v === undefined) continue;
    if (typeof v !== want) throw new UsageError(`--config ${path}: field '${prefix}${k}' must be a ${want}`);
    out[k] = v;
  }
  const base = dirname(path);
  const f = out as FileConfig;
  for (const k of ['key', 'dataDir', 'gatewayConfig', 'natsNkey', 'natsCa'] as const) {
    if (f[k] !== undefined) f[k] = resolve(base, f[k]);
  }
  return f;
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/**
 * Build the config from the parsed flags, the environment and the config file.
 * @throws UsageError naming the field or variable that is wrong
 */
export function loadCliConfig(args: ParsedArgs, io: Pick<CliIo, 'env' | 'cwd'>, command = ''): CliConfig {
  const env = io.env;
  const configPath = nonEmpty(args.string('config')) ?? nonEmpty(env.COURTBRIDGE_CONFIG);
  const configFile = configPath === undefined ? undefined : resolve(io.cwd, configPath);
  const file: FileConfig = configFile === undefined ? {} : readConfigFile(configFile);

  const timeoutFlag = nonEmpty(args.string('timeout'));
  const timeoutMs = timeoutFlag !== undefined ? parseDurationMs(timeoutFlag, '--timeout', command) : (file.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new UsageError('timeout: expected a positive duration', command);

  const saltHex = nonEmpty(env.COURTBRIDGE_ALLIANCE_SALT) ?? file.allianceSaltHex;
  let allianceSalt: Uint8Array | undefined;
  if (saltHex !== undefined) {
    try {
      allianceSalt = fromHex(saltHex, 'allianceSalt');
    } catch {
      throw new UsageError('alliance salt ($COURTBRIDGE_ALLIANCE_SALT or allianceSaltHex): expected hex', command);
    }
  }
  const keyEnv = nonEmpty(env.COURTBRIDGE_KEY);
  const gateway = nonEmpty(args.string('gateway')) ?? nonEmpty(env.COURTBRIDGE_GATEWAY) ?? file.gateway ?? DEFAULT_GATEWAY;
  if (!/^[^\s:]+:\d{1,5}$/.test(gateway) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(gateway)) {
    throw new UsageError(`gateway address: expected HOST:PORT, got '${gateway}'`, command);
  }
  const nkey = nonEmpty(args.string('nats-nkey')) ?? nonEmpty(env.CB_NATS_NKEY_FILE);
  const ca = nonEmpty(args.string('nats-ca')) ?? nonEmpty(env.CB_NATS_CA_FILE);
  const nkeySeedFile = nkey === undefined ? file.natsNkey : resolve(io.cwd, nkey);
  const caFile = ca === undefined ? file.natsCa : resolve(io.cwd, ca);
  const natsAuth =
    nkeySeedFile === undefined && caFile === undefined
      ? undefined
      : { ...(nkeySeedFile === undefined ? {} : { nkeySeedFile }), ...(caFile === undefined ? {} : { caFile }) };
  return {
    gateway,
    natsAuth,
    gatewayDid: nonEmpty(args.string('gateway-did')) ?? nonEmpty(env.COURTBRIDGE_GATEWAY_DID) ?? file.gatewayDid,
    natsUrl: nonEmpty(args.string('nats')) ?? nonEmpty(env.NATS_URL) ?? file.nats ?? DEFAULT_NATS_URL,
    keyFile: keyEnv !== undefined ? resolve(io.cwd, keyEnv) : file.key,
    passphraseEnv: nonEmpty(env.COURTBRIDGE_PASSPHRASE_ENV) ?? file.passphraseEnv,
    allianceSalt,
    dataDir: resolve(io.cwd, nonEmpty(env.COURTBRIDGE_DATA_DIR) ?? file.dataDir ?? '.courtbridge'),
    timeoutMs,
    gatewayConfig: file.gatewayConfig,
    configFile,
  };
}

/**
 * `--nats-nkey` / `--nats-ca` as a service's `natsAuth` override (`gateway start`, `workflows
 * start`), paths resolved against the caller's directory; undefined when neither is given.
 */
export function natsAuthFlags(args: ParsedArgs, io: Pick<CliIo, 'cwd'>): NatsClientAuth | undefined {
  const nkey = nonEmpty(args.string('nats-nkey'));
  const ca = nonEmpty(args.string('nats-ca'));
  if (nkey === undefined && ca === undefined) return undefined;
  return {
    ...(nkey === undefined ? {} : { nkeySeedFile: resolve(io.cwd, nkey) }),
    ...(ca === undefined ? {} : { caFile: resolve(io.cwd, ca) }),
  };
}

/**
 * An adapter process's configuration: one typed object, parsed once at the edge (STYLE.md 9),
 * the way the gateway reads its own (src/config/gateway-config.ts). Sources, later wins:
 *   1. the defaults below (`DEFAULT_ADAPTER_CONFIG`),
 *   2. a JSON file (`--config FILE`, else `CB_CONFIG`), its keys the field names,
 *   3. environment variables `CB_*` (table in `ADAPTER_FIELDS`),
 *   4. command-line flags (`--metrics-port 9464`; same table).
 * Every value is checked where it is read, so a bad one is reported with the source that gave
 * it even when a later source would override it: INVALID_ARGUMENT `invalid_config` naming the
 * field and the source, e.g. `CB_METRICS_PORT: "abc" is not a port (0-65535)`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { builtinBackends } from './backend-factory.js';
import { JUDICIAL_ANCHOR_COMMAND } from './judicial-trust.js';

/** The trusted judicial header an adapter that executes actions starts from. */
export interface AdapterJudicialTrust {
  readonly chainId: string;
  readonly height: number;
  /** 64 hex, lower case. */
  readonly headerHashHex: string;
}

export interface AdapterProcessConfig {
  /** Which `ChainBackend` implementation serves the chain (backend-factory.ts). */
  readonly backend: string;
  /** NATS URLs. */
  readonly natsServers: readonly string[];
  /** The adapter's DID key file (mode 600, src/identity/keystore.ts). */
  readonly keyFile: string;
  /** The alliance genesis JSON and its pinned sha256 (64 hex, lower case). */
  readonly genesisFile: string;
  readonly genesisHash: string;
  /** The backend's data directory (the dev ledger's block log, snapshots, validator keys). */
  readonly dataDir: string | undefined;
  /** This replica's id; `<host>-<pid>` when absent. */
  readonly replicaId: string | undefined;
  /** The judicial chain's id. */
  readonly judicialChain: string;
  /** Trusted judicial header height and hash; both or neither. */
  readonly judicialHeight: number | undefined;
  readonly judicialHash: string | undefined;
  /** Serve Prometheus metrics on this port (0 picks a free one); off when absent. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /** `evm` backend: the chain node's JSON-RPC URL (http or https). */
  readonly evmRpcUrl: string | undefined;
  /** `evm` backend: the contract holding the chain's records (0x + 40 hex, the registry entry's `evmContract`). */
  readonly evmContract: string | undefined;
  /** `evm` backend: the adapter's Ethereum signing key (a 32-byte secp256k1 key as hex; mode 600). */
  readonly evmKeyFile: string | undefined;
  /** `evm` backend: blocks on top of an action's block before its effect counts as final (>= 0). */
  readonly evmConfirmations: number | undefined;
  /**
   * Replicas of the streams and buckets the adapter creates or raises (CB_HEADERS, CB_ACTIONS,
   * CB_RESULTS, its order replay bucket `cb_orders_<chain>`): 1 on one server, 3 on a cluster.
   */
  readonly jetstreamReplicas: number;
}

/** Documented defaults (adapters/sdk/README.md "Configuration"). */
export const DEFAULT_ADAPTER_CONFIG: AdapterProcessConfig = Object.freeze({
  backend: 'dev-ledger',
  natsServers: Object.freeze(['nats://127.0.0.1:4222']),
  keyFile: '',
  genesisFile: '',
  genesisHash: '',
  dataDir: undefined,
  replicaId: undefined,
  judicialChain: 'judicial',
  judicialHeight: undefined,
  judicialHash: undefined,
  metricsPort: undefined,
  metricsHost: '127.0.0.1',
  evmRpcUrl: undefined,
  evmContract: undefined,
  evmKeyFile: undefined,
  evmConfirmations: undefined,
  jetstreamReplicas: 1,
});

type FieldName = keyof AdapterProcessConfig;
type Kind = 'backend' | 'list' | 'path' | 'hash' | 'id' | 'chain' | 'height' | 'port' | 'host' | 'url' | 'address' | 'count' | 'replicas';

/** One field: its environment variable, its flag, and how its value is checked. */
export interface AdapterField {
  readonly env: string;
  readonly flag: string;
  readonly kind: Kind;
}

/** Every field with its environment variable (prefix `CB_`) and flag. */
export const ADAPTER_FIELDS: Readonly<Record<FieldName, AdapterField>> = {
  backend: { env: 'CB_BACKEND', flag: 'backend', kind: 'backend' },
  natsServers: { env: 'CB_NATS_URL', flag: 'nats', kind: 'list' },
  keyFile: { env: 'CB_KEY_FILE', flag: 'key-file', kind: 'path' },
  genesisFile: { env: 'CB_GENESIS_FILE', flag: 'genesis-file', kind: 'path' },
  genesisHash: { env: 'CB_GENESIS_HASH', flag: 'genesis-hash', kind: 'hash' },
  dataDir: { env: 'CB_DATA_DIR', flag: 'data-dir', kind: 'path' },
  replicaId: { env: 'CB_REPLICA_ID', flag: 'replica-id', kind: 'id' },
  judicialChain: { env: 'CB_JUDICIAL_CHAIN', flag: 'judicial-chain', kind: 'chain' },
  judicialHeight: { env: 'CB_JUDICIAL_HEIGHT', flag: 'judicial-height', kind: 'height' },
  judicialHash: { env: 'CB_JUDICIAL_HASH', flag: 'judicial-hash', kind: 'hash' },
  metricsPort: { env: 'CB_METRICS_PORT', flag: 'metrics-port', kind: 'port' },
  metricsHost: { env: 'CB_METRICS_HOST', flag: 'metrics-host', kind: 'host' },
  evmRpcUrl: { env: 'CB_EVM_RPC_URL', flag: 'evm-rpc-url', kind: 'url' },
  evmContract: { env: 'CB_EVM_CONTRACT', flag: 'evm-contract', kind: 'address' },
  evmKeyFile: { env: 'CB_EVM_KEY_FILE', flag: 'evm-key-file', kind: 'path' },
  evmConfirmations: { env: 'CB_EVM_CONFIRMATIONS', flag: 'evm-confirmations', kind: 'count' },
  jetstreamReplicas: { env: 'CB_JETSTREAM_REPLICAS', flag: 'jetstream-replicas', kind: 'replicas' },
};

/** The environment variable naming the config file (`--config` wins over it). */
export const ADAPTER_CONFIG_ENV = 'CB_CONFIG';

const FIELD_NAMES = Object.keys(ADAPTER_FIELDS) as FieldName[];

/** `source` names where the value came from: `CB_X`, `--x`, or `FILE: field`. */
const invalid = (field: string, source: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', `${source}: ${why}`, { details: { field, source } });

const shown = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Check one value from one source; strings (env, flags) and JSON values (file) alike. */
function checkValue(field: FieldName, raw: unknown, source: string, backends: readonly string[]): unknown {
  const { kind } = ADAPTER_FIELDS[field];
  const text = (what: string): string => {
    if (typeof raw !== 'string' || raw.trim() === '' || /\s/.test(raw)) throw invalid(field, source, `${shown(raw)} is not ${what}`);
    return raw;
  };
  const integer = (): number | undefined => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  };
  switch (kind) {
    case 'backend': {
      const name = text('a backend name');
      if (!backends.includes(name)) throw invalid(field, source, `${shown(raw)} is not a known backend (known: ${backends.join(', ')})`);
      return name;
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
      if (items === undefined || items.length === 0 || items.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) {
        throw invalid(field, source, `${shown(raw)} is not a list of NATS URLs (comma-separated, e.g. nats://127.0.0.1:4222)`);
      }
      return items as string[];
    }
    case 'path':
      if (typeof raw !== 'string' || raw === '') throw invalid(field, source, `${shown(raw)} is not a file path`);
      return raw;
    case 'hash':
      if (typeof raw !== 'string' || !/^[0-9a-fA-F]{64}$/.test(raw))
        throw invalid(field, source, `${shown(raw)} is not a sha256 (64 hex digits)`);
      return raw.toLowerCase();
    case 'id':
      return text('a replica id (no spaces)');
    case 'chain':
      if (typeof raw !== 'string' || !/^[a-z0-9-]{1,64}$/.test(raw))
        throw invalid(field, source, `${shown(raw)} is not a chain id (a-z, 0-9, -)`);
      return raw;
    case 'height': {
      const n = integer();
      if (n === undefined || n < 1) throw invalid(field, source, `${shown(raw)} is not a block height (an integer >= 1)`);
      return n;
    }
    case 'port': {
      const n = integer();
      if (n === undefined || n > 65_535) throw invalid(field, source, `${shown(raw)} is not a port (0-65535)`);
      return n;
    }
    case 'host':
      return text('a host name or address');
    case 'url': {
      const url = text('a URL');
      if (!/^https?:\/\/[^/\s]+/.test(url))
        throw invalid(field, source, `${shown(raw)} is not an http(s) URL (e.g. http://127.0.0.1:8545)`);
      return url;
    }
    case 'address':
      if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(raw))
        throw invalid(field, source, `${shown(raw)} is not a contract address (0x and 40 hex digits)`);
      return raw.toLowerCase();
    case 'count': {
      const n = integer();
      if (n === undefined || n > 10_000) throw invalid(field, source, `${shown(raw)} is not a block count (an integer 0-10000)`);
      return n;
    }
    case 'replicas': {
      const n = integer();
      if (n === undefined || n < 1 || n > 5) throw invalid(field, source, `${shown(raw)} is not a JetStream replica count (1-5)`);
      return n;
    }
  }
}

type Layer = Partial<Record<FieldName, unknown>>;

function fileLayer(file: string, backends: readonly string[]): Layer {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalid('file', file, `cannot read it as JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('file', file, 'expected a JSON object');
  const out: Layer = {};
  for (const [key, value] of Object.entries(json)) {
    // A misspelt key would otherwise be silently ignored.
    if (!(key in ADAPTER_FIELDS)) throw invalid(key, `${file}: ${key}`, `unknown field; known: ${FIELD_NAMES.join(', ')}`);
    const field = key as FieldName;
    if (value === null) continue;
    out[field] = checkValue(field, value, `${file}: ${field}`, backends);
  }
  return out;
}

function envLayer(env: Readonly<Record<string, string | undefined>>, backends: readonly string[]): Layer {
  const out: Layer = {};
  for (const field of FIELD_NAMES) {
    const name = ADAPTER_FIELDS[field].env;
    const raw = env[name];
    // Empty counts as unset, as in a shell `CB_X= cmd`.
    if (raw === undefined || raw === '') continue;
    out[field] = checkValue(field, raw, name, backends);
  }
  return out;
}

/** The flags (each field's `--flag VALUE`, plus `--config FILE`), parsed strictly. */
function parseFlags(argv: readonly string[]): { config: string | undefined; values: Record<string, string | undefined> } {
  const options: Record<string, { type: 'string' }> = { config: { type: 'string' } };
  for (const field of FIELD_NAMES) options[ADAPTER_FIELDS[field].flag] = { type: 'string' };
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    const strings = values as Record<string, string | undefined>;
    return { config: strings.config, values: strings };
  } catch (e) {
    // parseArgs' messages name the option; keep their first sentence.
    const why = e instanceof Error ? e.message.split(/\.\s/)[0]!.replace(/\.$/, '') : String(e);
    throw invalid('flags', 'command line', `${why}; flags: --config, ${FIELD_NAMES.map((f) => `--${ADAPTER_FIELDS[f].flag}`).join(', ')}`);
  }
}

function flagLayer(values: Record<string, string | undefined>, backends: readonly string[]): Layer {
  const out: Layer = {};
  for (const field of FIELD_NAMES) {
    const flag = ADAPTER_FIELDS[field].flag;
    const raw = values[flag];
    if (raw === undefined) continue;
    out[field] = checkValue(field, raw, `--${flag}`, backends);
  }
  return out;
}

export interface LoadAdapterConfigOptions {
  /** The environment; `process.env` is passed by the caller (the edge), never read here. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line arguments after the script (`process.argv.slice(2)` at the edge). */
  argv?: readonly string[];
  /** Backend names the factory knows; the built-in ones unless told. */
  backends?: readonly string[];
  /** The chain executes actions, so the trusted judicial header is required. */
  requireJudicialTrust?: boolean;
  /** `backend` when no source names one; `dev-ledger` unless told (the bank adapter's is `evm`). */
  defaultBackend?: string;
}

const howToSet = (field: FieldName): string =>
  `set ${ADAPTER_FIELDS[field].env}, --${ADAPTER_FIELDS[field].flag} or "${field}" in the config file`;

/**
 * Build and check the configuration.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field and its source
 * @example
 * const config = loadAdapterConfig({ env: process.env, argv: process.argv.slice(2), requireJudicialTrust: true });
 */
export function loadAdapterConfig(options: LoadAdapterConfigOptions = {}): AdapterProcessConfig {
  const env = options.env ?? {};
  const backends = options.backends ?? builtinBackends().names();
  const flags = parseFlags(options.argv ?? []);
  const file = flags.config ?? env[ADAPTER_CONFIG_ENV];
  const merged: Record<string, unknown> = { ...DEFAULT_ADAPTER_CONFIG, backend: options.defaultBackend ?? DEFAULT_ADAPTER_CONFIG.backend };
  const layers = [
    file !== undefined && file !== '' ? fileLayer(file, backends) : {},
    envLayer(env, backends),
    flagLayer(flags.values, backends),
  ];
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) merged[k] = v;
  const config = merged as unknown as AdapterProcessConfig;
  for (const field of ['keyFile', 'genesisFile', 'genesisHash'] as const) {
    if (config[field] === '') throw invalid(field, field, `required; ${howToSet(field)} (see adapters/sdk/README.md)`);
  }
  if ((config.judicialHeight === undefined) !== (config.judicialHash === undefined)) {
    const missing: FieldName = config.judicialHeight === undefined ? 'judicialHeight' : 'judicialHash';
    throw invalid(
      missing,
      missing,
      `可信司法链区块头缺一半 required with the other half of the trusted judicial header; ${howToSet(missing)} (print both with: ${JUDICIAL_ANCHOR_COMMAND})`,
    );
  }
  if (options.requireJudicialTrust === true && config.judicialHeight === undefined) {
    const why =
      `必填：此链执行动作，需要可信的司法链区块头 required: this chain executes actions, so it needs a trusted judicial header; ` +
      `${howToSet('judicialHeight')} and the hash (CB_JUDICIAL_HASH); print both with: ${JUDICIAL_ANCHOR_COMMAND}`;
    throw invalid('judicialHeight', 'judicialHeight', why);
  }
  return Object.freeze({ ...config, natsServers: Object.freeze([...config.natsServers]) });
}

/**
 * A field a backend needs, present: what a `BackendMaker` calls on the fields it reads.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field and how to set it
 */
export function requiredField<F extends FieldName>(
  config: AdapterProcessConfig,
  field: F,
  backend: string,
): NonNullable<AdapterProcessConfig[F]> {
  const value = config[field];
  if (value === undefined || value === null) throw invalid(field, field, `required by the ${backend} backend; ${howToSet(field)}`);
  return value as NonNullable<AdapterProcessConfig[F]>;
}

/** The trusted judicial header, when configured. */
export function judicialTrustOf(config: AdapterProcessConfig): AdapterJudicialTrust | undefined {
  if (config.judicialHeight === undefined || config.judicialHash === undefined) return undefined;
  return { chainId: config.judicialChain, height: config.judicialHeight, headerHashHex: config.judicialHash };
}

/**
 * A notary process's configuration (notary-main.ts): one typed object, parsed once at the edge,
 * as adapters/sdk/adapter-config.ts parses an adapter's. Sources, later wins: the defaults below,
 * a JSON file (`--config FILE`, else `CB_CONFIG`) keyed by field name, `CB_*` environment
 * variables, command-line flags (table `NOTARY_FIELDS`). A bad value is INVALID_ARGUMENT
 * `invalid_config` naming the field and the source that gave it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';

export interface NotaryProcessConfig {
  /** The notary's own node of the chain (JSON-RPC over HTTP). */
  readonly rpcUrl: string;
  /** The chain's id in the alliance registry (its KV keys start with it). */
  readonly chainId: string;
  /** Blocks at most latest - depth are signed. Required: it is the notary's finality rule. */
  readonly depth: number;
  /** The notary agency's DID key file (mode 600, src/identity/keystore.ts). */
  readonly keyFile: string;
  readonly natsServers: readonly string[];
  /** Where the journal of signed blocks lives (notary-journal.ts). */
  readonly dataDir: string;
  /** First start, or an operator's resume after a refusal (README "Notaries"). */
  readonly startHeight: number | undefined;
  readonly pollMs: number;
  /** Serve Prometheus metrics on this port (0 picks a free one); off when absent. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /** A Clique chain's authorised sealers (0x addresses, lower case): blocks sealed by others are refused. Off when absent. */
  readonly evmSealers: readonly string[] | undefined;
}

export const DEFAULT_NOTARY_CONFIG: NotaryProcessConfig = Object.freeze({
  rpcUrl: '',
  chainId: '',
  depth: -1,
  keyFile: '',
  natsServers: Object.freeze(['nats://127.0.0.1:4222']),
  dataDir: '',
  startHeight: undefined,
  pollMs: 1_000,
  metricsPort: undefined,
  metricsHost: '127.0.0.1',
  evmSealers: undefined,
});

type FieldName = keyof NotaryProcessConfig;
type Kind = 'url' | 'chain' | 'count' | 'path' | 'list' | 'millis' | 'port' | 'host' | 'addresses';

export const NOTARY_FIELDS: Readonly<Record<FieldName, { readonly env: string; readonly flag: string; readonly kind: Kind }>> = {
  rpcUrl: { env: 'CB_EVM_RPC_URL', flag: 'rpc-url', kind: 'url' },
  chainId: { env: 'CB_CHAIN_ID', flag: 'chain-id', kind: 'chain' },
  depth: { env: 'CB_NOTARY_DEPTH', flag: 'depth', kind: 'count' },
  keyFile: { env: 'CB_KEY_FILE', flag: 'key-file', kind: 'path' },
  natsServers: { env: 'CB_NATS_URL', flag: 'nats', kind: 'list' },
  dataDir: { env: 'CB_DATA_DIR', flag: 'data-dir', kind: 'path' },
  startHeight: { env: 'CB_NOTARY_START_HEIGHT', flag: 'start-height', kind: 'count' },
  pollMs: { env: 'CB_NOTARY_POLL_MS', flag: 'poll-ms', kind: 'millis' },
  metricsPort: { env: 'CB_METRICS_PORT', flag: 'metrics-port', kind: 'port' },
  metricsHost: { env: 'CB_METRICS_HOST', flag: 'metrics-host', kind: 'host' },
  evmSealers: { env: 'CB_EVM_SEALERS', flag: 'evm-sealers', kind: 'addresses' },
};

const FIELD_NAMES = Object.keys(NOTARY_FIELDS) as FieldName[];
const REQUIRED: readonly FieldName[] = ['rpcUrl', 'chainId', 'depth', 'keyFile', 'dataDir'];

const invalid = (field: string, source: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', `${source}: ${why}`, { details: { field, source } });

const shown = (v: unknown): string => JSON.stringify(v) ?? String(v);

function checkValue(field: FieldName, raw: unknown, source: string): unknown {
  const integer = (): number | undefined => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  };
  switch (NOTARY_FIELDS[field].kind) {
    case 'url':
      if (typeof raw !== 'string' || !/^https?:\/\/\S+$/.test(raw)) throw invalid(field, source, `${shown(raw)} is not an http(s) URL`);
      return raw;
    case 'chain':
      if (typeof raw !== 'string' || !/^[a-z0-9-]{1,64}$/.test(raw))
        throw invalid(field, source, `${shown(raw)} is not a chain id (a-z, 0-9, -)`);
      return raw;
    case 'count': {
      const n = integer();
      if (n === undefined) throw invalid(field, source, `${shown(raw)} is not an integer >= 0`);
      return n;
    }
    case 'path':
      if (typeof raw !== 'string' || raw === '') throw invalid(field, source, `${shown(raw)} is not a path`);
      return raw;
    case 'list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
      if (items === undefined || items.length === 0 || items.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) {
        throw invalid(field, source, `${shown(raw)} is not a list of NATS URLs (comma-separated, e.g. nats://127.0.0.1:4222)`);
      }
      return items as string[];
    }
    case 'millis': {
      const n = integer();
      if (n === undefined || n < 10) throw invalid(field, source, `${shown(raw)} is not a poll interval in ms (>= 10)`);
      return n;
    }
    case 'port': {
      const n = integer();
      if (n === undefined || n > 65_535) throw invalid(field, source, `${shown(raw)} is not a port (0-65535)`);
      return n;
    }
    case 'host':
      if (typeof raw !== 'string' || raw.trim() === '' || /\s/.test(raw)) throw invalid(field, source, `${shown(raw)} is not a host`);
      return raw;
    case 'addresses': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
      if (items === undefined || items.length === 0 || items.some((s) => typeof s !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(s))) {
        throw invalid(field, source, `${shown(raw)} is not a list of Ethereum addresses (comma-separated 0x + 40 hex digits)`);
      }
      return (items as string[]).map((s) => s.toLowerCase());
    }
  }
}

type Layer = Partial<Record<FieldName, unknown>>;

function fileLayer(file: string): Layer {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalid('file', file, `cannot read it as JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('file', file, 'expected a JSON object');
  const out: Layer = {};
  for (const [key, value] of Object.entries(json)) {
    if (!(key in NOTARY_FIELDS)) throw invalid(key, `${file}: ${key}`, `unknown field; known: ${FIELD_NAMES.join(', ')}`);
    if (value !== null) out[key as FieldName] = checkValue(key as FieldName, value, `${file}: ${key}`);
  }
  return out;
}

export interface LoadNotaryConfigOptions {
  /** The environment; `process.env` is passed by the caller (the edge), never read here. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line arguments after the script. */
  argv?: readonly string[];
}

/**
 * Build and check the configuration.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field and its source
 */
export function loadNotaryConfig(options: LoadNotaryConfigOptions = {}): NotaryProcessConfig {
  const env = options.env ?? {};
  const flagOptions: Record<string, { type: 'string' }> = { config: { type: 'string' } };
  for (const f of FIELD_NAMES) flagOptions[NOTARY_FIELDS[f].flag] = { type: 'string' };
  let flags: Record<string, string | undefined>;
  try {
    flags = parseArgs({ args: [...(options.argv ?? [])], options: flagOptions, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (e) {
    const why = e instanceof Error ? e.message.split(/\.\s/)[0]!.replace(/\.$/, '') : String(e);
    throw invalid('flags', 'command line', `${why}; flags: --config, ${FIELD_NAMES.map((f) => `--${NOTARY_FIELDS[f].flag}`).join(', ')}`);
  }
  const file = flags['config'] ?? env['CB_CONFIG'];
  const merged: Record<string, unknown> = { ...DEFAULT_NOTARY_CONFIG };
  const layers: Layer[] = [file !== undefined && file !== '' ? fileLayer(file) : {}, {}, {}];
  for (const f of FIELD_NAMES) {
    const fromEnv = env[NOTARY_FIELDS[f].env];
    // Empty counts as unset, as in a shell `CB_X= cmd`.
    if (fromEnv !== undefined && fromEnv !== '') layers[1]![f] = checkValue(f, fromEnv, NOTARY_FIELDS[f].env);
    const fromFlag = flags[NOTARY_FIELDS[f].flag];
    if (fromFlag !== undefined) layers[2]![f] = checkValue(f, fromFlag, `--${NOTARY_FIELDS[f].flag}`);
  }
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) merged[k] = v;
  const config = merged as unknown as NotaryProcessConfig;
  for (const f of REQUIRED) {
    if (config[f] === '' || config[f] === -1) {
      const { env: name, flag } = NOTARY_FIELDS[f];
      throw invalid(f, f, `required; set ${name}, --${flag} or "${f}" in the config file (see adapters/evm/README.md "Notaries")`);
    }
  }
  return Object.freeze({
    ...config,
    natsServers: Object.freeze([...config.natsServers]),
    evmSealers: config.evmSealers === undefined ? undefined : Object.freeze([...config.evmSealers]),
  });
}

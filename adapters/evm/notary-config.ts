/**
 * A notary process's configuration (notary-main.ts): one typed object, parsed once at the edge
 * by the machinery every process beside an adapter shares (adapters/sdk/process-config.ts).
 * Sources, later wins: the defaults below, a JSON file (`--config FILE`, else `CB_CONFIG`) keyed
 * by field name, `CB_*` environment variables, command-line flags (table `NOTARY_FIELDS`). A bad
 * value is INVALID_ARGUMENT `invalid_config` naming the field and the source that gave it.
 */
import { type LoadProcessConfigOptions, loadProcessConfig, type ProcessField } from '../sdk/process-config.js';

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
  /** Replicas of the notarization bucket when this notary creates or raises it (1 on one server, 3 on a cluster). */
  readonly jetstreamReplicas: number;
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
  jetstreamReplicas: 1,
});

export const NOTARY_FIELDS: Readonly<Record<keyof NotaryProcessConfig, ProcessField>> = {
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
  jetstreamReplicas: { env: 'CB_JETSTREAM_REPLICAS', flag: 'jetstream-replicas', kind: 'replicas' },
};

export type LoadNotaryConfigOptions = LoadProcessConfigOptions;

/**
 * Build and check the configuration.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field and its source
 */
export function loadNotaryConfig(options: LoadNotaryConfigOptions = {}): NotaryProcessConfig {
  const config = loadProcessConfig(
    {
      fields: NOTARY_FIELDS,
      defaults: DEFAULT_NOTARY_CONFIG,
      required: ['rpcUrl', 'chainId', 'depth', 'keyFile', 'dataDir'],
      docs: 'adapters/evm/README.md "Notaries"',
    },
    options,
  );
  return Object.freeze({
    ...config,
    natsServers: Object.freeze([...config.natsServers]),
    evmSealers: config.evmSealers === undefined ? undefined : Object.freeze([...config.evmSealers]),
  });
}

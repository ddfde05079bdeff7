/**
 * A record notary process's configuration (notary-record-main.ts), read by the machinery every
 * process beside an adapter shares (adapters/sdk/process-config.ts): defaults < a JSON file
 * (`--config FILE`, else `CB_CONFIG`) < `CB_*` variables < flags. A bad value is
 * INVALID_ARGUMENT `invalid_config` naming the field and its source.
 */
import { type LoadProcessConfigOptions, loadProcessConfig, type ProcessField } from '../sdk/process-config.js';
import { DEFAULT_NOTARY_MAX_SKEW_MS } from './record-notary.js';

export interface RecordNotaryProcessConfig {
  /** The notary's read-only copy of the registry's database file (record-db.ts). */
  readonly dbFile: string;
  /** The notary agency's DID key file (mode 600, src/identity/keystore.ts): one of the chain's registry notaries. */
  readonly keyFile: string;
  readonly natsServers: readonly string[];
  /** Refuse a request whose time is further than this from the notary's clock (ms). */
  readonly maxSkewMs: number;
}

export const DEFAULT_RECORD_NOTARY_CONFIG: RecordNotaryProcessConfig = Object.freeze({
  dbFile: '',
  keyFile: '',
  natsServers: Object.freeze(['nats://127.0.0.1:4222']),
  maxSkewMs: DEFAULT_NOTARY_MAX_SKEW_MS,
});

export const RECORD_NOTARY_FIELDS: Readonly<Record<keyof RecordNotaryProcessConfig, ProcessField>> = {
  dbFile: { env: 'CB_NOTARY_DB_FILE', flag: 'db-file', kind: 'path' },
  keyFile: { env: 'CB_KEY_FILE', flag: 'key-file', kind: 'path' },
  natsServers: { env: 'CB_NATS_URL', flag: 'nats', kind: 'list' },
  maxSkewMs: { env: 'CB_NOTARY_MAX_SKEW_MS', flag: 'max-skew-ms', kind: 'millis' },
};

/**
 * Build and check the configuration.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field and its source
 */
export function loadRecordNotaryConfig(options: LoadProcessConfigOptions = {}): RecordNotaryProcessConfig {
  const config = loadProcessConfig(
    {
      fields: RECORD_NOTARY_FIELDS,
      defaults: DEFAULT_RECORD_NOTARY_CONFIG,
      required: ['dbFile', 'keyFile'],
      docs: 'adapters/notary/README.md',
    },
    options,
  );
  return Object.freeze({ ...config, natsServers: Object.freeze([...config.natsServers]) });
}

/**
 * Entry of the enterprise registry's adapter: `node --import tsx adapters/notary/main.ts`
 * (configuration: adapters/sdk/main-entry.ts; the database lives in `CB_DATA_DIR/records.jsonl`).
 * The SDK imports no domain adapter, so the `record-db` backend is registered here, and is this
 * entry's default.
 */
import { BackendFactory } from '../sdk/backend-factory.js';
import { runAdapterMain } from '../sdk/main-entry.js';
import { enterprise } from './definition.js';
import { RECORD_DB_BACKEND, recordDbBackendMaker } from './record-db-backend.js';

await runAdapterMain(enterprise, process.env, undefined, {
  backends: new BackendFactory().register(RECORD_DB_BACKEND, recordDbBackendMaker(enterprise)),
  defaultBackend: RECORD_DB_BACKEND,
});

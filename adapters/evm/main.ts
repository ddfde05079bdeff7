/**
 * Entry of the bank chain's adapter: `npx tsx adapters/evm/main.ts` (configuration:
 * adapters/sdk/main-entry.ts; the `evm` backend's fields CB_EVM_RPC_URL, CB_EVM_CONTRACT,
 * CB_EVM_KEY_FILE, CB_EVM_CONFIRMATIONS). The SDK imports no domain adapter, so the `evm`
 * backend is registered here, and is this entry's default.
 */
import { BackendFactory } from '../sdk/backend-factory.js';
import { runAdapterMain } from '../sdk/main-entry.js';
import { BANK_EVM_LAYOUTS } from './bank-schema.js';
import { bank } from './definition.js';
import { evmBackendMaker } from './evm-backend.js';

await runAdapterMain(bank, process.env, undefined, {
  backends: new BackendFactory().register('evm', evmBackendMaker(BANK_EVM_LAYOUTS)),
  defaultBackend: 'evm',
});

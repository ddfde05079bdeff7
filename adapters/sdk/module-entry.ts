/**
 * Entry of an adapter kept in a module of its own (`courtbridge adapter start --module FILE`):
 * loads the module named by `CB_ADAPTER_MODULE` (adapter-module.ts) and runs it like any
 * `adapters/<chain>/main.ts` (main-entry.ts: configuration, backend, drain on signals).
 */
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { backendsOf, loadAdapterModule } from './adapter-module.js';
import { runAdapterMain } from './main-entry.js';

const path = process.env.CB_ADAPTER_MODULE;
if (path === undefined || path === '')
  throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', 'CB_ADAPTER_MODULE: the adapter module to run is not set', {
    details: { field: 'module' },
  });
const mod = await loadAdapterModule(path);
await runAdapterMain(mod.definition, process.env, undefined, { backends: backendsOf(mod) });

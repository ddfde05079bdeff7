/**
 * Entry of the mobile enforcement adapter: `npx tsx adapters/mobile/main.ts` (configuration:
 * adapters/sdk/main-entry.ts). Beside the adapter it serves the chain's intake (intake-server.ts):
 * officer devices' signed on-site records become transactions.
 */
import { runAdapterMain } from '../sdk/main-entry.js';
import { mobile } from './definition.js';
import { startMobileIntake } from './intake-server.js';

await runAdapterMain(mobile, process.env, async ({ handle, backend }) => startMobileIntake({ nc: handle.bus.nc, ledger: backend.ledger }));

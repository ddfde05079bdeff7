/**
 * Entry of the bankruptcy adapter: `npx tsx adapters/bankruptcy/main.ts` (configuration:
 * adapters/sdk/main-entry.ts). Beside the adapter it serves the chain's intake (intake.ts):
 * creditors' signed claims and ballots become transactions.
 */
import { runAdapterMain } from '../sdk/main-entry.js';
import { bankruptcy } from './definition.js';
import { startBankruptcyIntake } from './intake.js';

await runAdapterMain(bankruptcy, process.env, async ({ handle, backend }) =>
  startBankruptcyIntake({ nc: handle.bus.nc, ledger: backend.ledger }),
);

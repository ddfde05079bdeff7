/** Entry of the lawyer-qualification example adapter: `npx tsx adapters/examples/lawyer/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from 'courtbridge/sdk';
import { lawyer } from './definition.js';

await runAdapterMain(lawyer);

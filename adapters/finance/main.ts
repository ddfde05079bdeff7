/** Entry of the finance adapter: `npx tsx adapters/finance/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { finance } from './definition.js';

await runAdapterMain(finance);

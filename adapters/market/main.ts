/** Entry of the market regulation adapter: `npx tsx adapters/market/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { market } from './definition.js';

await runAdapterMain(market);

/** Entry of the judicial adapter: `npx tsx adapters/judicial/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { judicial } from './definition.js';

await runAdapterMain(judicial);

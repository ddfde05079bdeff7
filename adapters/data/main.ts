/** Entry of the data adapter: `npx tsx adapters/data/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { data } from './definition.js';

await runAdapterMain(data);

/** Entry of the property adapter: `npx tsx adapters/property/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { property } from './definition.js';

await runAdapterMain(property);

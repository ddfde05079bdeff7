/** Entry of the credit adapter: `npx tsx adapters/credit/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { credit } from './definition.js';

await runAdapterMain(credit);

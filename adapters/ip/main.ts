/** Entry of the ip adapter: `npx tsx adapters/ip/main.ts` (configuration: adapters/sdk/main-entry.ts). */
import { runAdapterMain } from '../sdk/main-entry.js';
import { ip } from './definition.js';

await runAdapterMain(ip);

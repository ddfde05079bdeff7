/**
 * Entry of the judicial adapter: `npx tsx adapters/judicial/main.ts` (configuration:
 * adapters/sdk/main-entry.ts). Beside the adapter it serves the judicial chain's write door
 * (tx-server.ts): signed `judicial.tx` envelopes from courts and gateways become transactions.
 */
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { runAdapterMain } from '../sdk/main-entry.js';
import { judicial } from './definition.js';
import { startJudicialTxServer } from './tx-server.js';

await runAdapterMain(judicial, process.env, async ({ handle, backend, authority }) =>
  startJudicialTxServer({
    nc: handle.bus.nc,
    ledger: backend.ledger,
    authority,
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  }),
);

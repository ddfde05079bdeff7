/**
 * Entry of the collab adapter: `npx tsx adapters/collab/main.ts` (configuration:
 * adapters/sdk/main-entry.ts). Beside the adapter it serves the chain's intake (intake-server.ts):
 * organs' and courts' signed statements, checked against the alliance registry, become transactions.
 */
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { runAdapterMain } from '../sdk/main-entry.js';
import { collab } from './definition.js';
import { startCollabIntake } from './intake-server.js';

await runAdapterMain(collab, process.env, async ({ handle, backend, authority }) =>
  startCollabIntake({
    nc: handle.bus.nc,
    ledger: backend.ledger,
    authority,
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  }),
);

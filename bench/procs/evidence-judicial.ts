/**
 * Bench process: the judicial chain (a dev ledger with the judicial contract, a block every 2 ms)
 * and its write door (adapters/judicial/tx-server.ts) on NATS. argv: natsUrl. Prints `ready`
 * once serving; ends when its stdin closes (its parent is gone) or on SIGTERM.
 */
import { contractsOf } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { startJudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { connectBus } from '../../src/bus/connection.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { allianceFixture } from '../../test/helpers/alliance-fixture.js';

const bus = await connectBus({ servers: process.argv[2]!.split(','), name: 'bench-judicial' });
const fx = allianceFixture();
const ledger = DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicial) });
ledger.start(2, 60_000);
const server = startJudicialTxServer({
  nc: bus.nc,
  ledger,
  authority: fx.authority,
  replay: new MemoryReplayGuard({ windowMs: 120_000 }),
  now: Date.now,
});
process.stdout.write('ready\n');
const end = (): void => {
  void server.stop().finally(() => {
    ledger.close();
    process.exit(0);
  });
};
process.stdin.on('end', end).resume();
process.on('SIGTERM', end);

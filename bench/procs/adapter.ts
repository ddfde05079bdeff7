/**
 * Bench process: the adapter side. A mini adapter (test/relay/query/mini-adapter.ts: a real
 * DevLedger, real proofs, signed header announcements) holding one 1 KiB record, plus the raw
 * echo responder the ceiling measures against (bench-echo.ts).
 * Prints `ready` on stdout once serving. argv: natsUrl (a cluster's URLs comma-separated), and the
 * replicas of the streams and buckets it provisions (1 unless given; 3 on a cluster).
 */
import { connectBus } from '../../src/bus/connection.js';
import { provisionCourtbridge } from '../../src/bus/jetstream.js';
import { allianceFixture } from '../../test/helpers/alliance-fixture.js';
import { MiniAdapter } from '../../test/relay/query/mini-adapter.js';
import { serveBenchEcho } from './bench-echo.js';

const bus = await connectBus({ servers: process.argv[2]!.split(','), name: 'bench-adapter' });
await provisionCourtbridge(bus.nc, { replicas: Number(process.argv[3] ?? 1) });
const fx = allianceFixture({ chains: ['credit'] });
const a = new MiniAdapter({ nc: bus.nc, chainId: 'credit', signer: fx.adapter('credit'), recordType: 'credit.debtor' });
a.start();
const filler = Array.from({ length: 300 }, (_, i) => ({ key: `debtor/${i}`, value: new Uint8Array(64).fill(i % 251) }));
await a.put([...filler, { key: 'debtor/bench', value: new Uint8Array(1024).fill(7) }]);
serveBenchEcho(bus.nc);
await bus.nc.flush();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void bus.close().then(() => process.exit(0)));

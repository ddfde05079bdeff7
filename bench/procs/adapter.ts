/**
 * Bench process: the adapter side. The adapter of the prebuilt 1M-record chain `credit`
 * (bench/chain-1m.ts, bench/recorded-adapter.ts: real proofs against the state root its
 * validators signed, recorded once and cached), plus the raw echo responder the ceiling
 * measures against (bench-echo.ts).
 * Prints `ready` on stdout once serving. argv: natsUrl (a cluster's URLs comma-separated), and the
 * replicas of the streams and buckets it provisions (1 unless given; 3 on a cluster).
 */
import { connectBus } from '../../src/bus/connection.js';
import { provisionCourtbridge } from '../../src/bus/jetstream.js';
import { allianceFixture } from '../../test/helpers/alliance-fixture.js';
import { CHAIN_1M, recordedChain } from '../chain-1m.js';
import { RecordedAdapter } from '../recorded-adapter.js';
import { serveBenchEcho } from './bench-echo.js';

const chain = recordedChain((m) => process.stderr.write(`bench adapter: ${m}\n`));
const bus = await connectBus({ servers: process.argv[2]!.split(','), name: 'bench-adapter' });
await provisionCourtbridge(bus.nc, { replicas: Number(process.argv[3] ?? 1) });
const fx = allianceFixture({ chains: [CHAIN_1M.chainId] });
await new RecordedAdapter(bus.nc, CHAIN_1M.chainId, fx.adapter(CHAIN_1M.chainId), chain).start();
serveBenchEcho(bus.nc);
await bus.nc.flush();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void bus.close().then(() => process.exit(0)));

/**
 * Bench process: the adapter side. A mini adapter (test/relay/query/mini-adapter.ts: a real
 * DevLedger, real proofs, signed header announcements) holding one 1 KiB record, plus the raw
 * echo responder the ceiling measures against (`bench.echo`: replies with as many bytes as the
 * request's first four bytes ask for, u32 BE: the size of the adapter's real reply).
 * Prints `ready` on stdout once serving. argv: natsUrl.
 */
import { connectBus } from '../../src/bus/connection.js';
import { provisionCourtbridge } from '../../src/bus/jetstream.js';
import { allianceFixture } from '../../test/helpers/alliance-fixture.js';
import { MiniAdapter } from '../../test/relay/query/mini-adapter.js';

const bus = await connectBus({ servers: process.argv[2]!, name: 'bench-adapter' });
await provisionCourtbridge(bus.nc);
const fx = allianceFixture({ chains: ['credit'] });
const a = new MiniAdapter({ nc: bus.nc, chainId: 'credit', signer: fx.adapter('credit'), recordType: 'credit.debtor' });
a.start();
const filler = Array.from({ length: 300 }, (_, i) => ({ key: `debtor/${i}`, value: new Uint8Array(64).fill(i % 251) }));
await a.put([...filler, { key: 'debtor/bench', value: new Uint8Array(1024).fill(7) }]);
const replies = new Map<number, Uint8Array>();
bus.nc.subscribe('bench.echo', {
  callback: (_e, m) => {
    const n = new DataView(m.data.buffer, m.data.byteOffset, m.data.byteLength).getUint32(0);
    let r = replies.get(n);
    if (r === undefined) {
      r = new Uint8Array(n).fill(7);
      replies.set(n, r);
    }
    m.respond(r);
  },
});
await bus.nc.flush();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void bus.close().then(() => process.exit(0)));

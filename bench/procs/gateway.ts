/**
 * Bench process: a gateway. argv: natsUrl, mode (`echo` | `batch` | `jwt`), signer (`worker`, the
 * default: noble on a worker thread, receipts/worker-signer.ts | `native`: node:crypto on libuv's pool),
 * receipt holdMs (batch-receipts.ts; `0` = the plain group commit, for comparison).
 * `echo` is the ceiling: grpc-js QueryService.Query whose handler does one raw NATS request to
 * the echo responder with a 1 KiB payload and returns it (same process layout, same payload).
 * `batch` / `jwt` is the real verified query path with that receipt mode.
 * Prints `port <n>` on stdout once serving.
 */
import { connectBus } from '../../src/bus/connection.js';
import { silentLogger } from '../../src/log.js';
import { createGatewayServer } from '../../src/relay/server.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { workerReceiptSigner } from '../../src/relay/receipts/worker-signer.js';
import { startQueryPath } from '../../src/relay/services/query-path.js';
import { allianceFixture, allianceKey } from '../../test/helpers/alliance-fixture.js';

const [url, mode, signerKind, holdMs] = [process.argv[2]!, process.argv[3]!, process.argv[4] ?? 'worker', process.argv[5]];
const bus = await connectBus({ servers: url, name: `bench-gateway-${mode}` });
let handlers;
if (mode === 'echo') {
  const payload = new Uint8Array(1024).fill(7);
  handlers = {
    QueryService: {
      Query(_call: unknown, cb: (e: null, r: object) => void) {
        void bus.nc.request('bench.echo', payload, { timeout: 5_000 }).then((m) => cb(null, { bundle: { record: { chainId: 'credit', key: 'debtor/bench', value: m.data, recordType: 'credit.debtor' } } }));
      },
    },
  };
} else {
  const fx = allianceFixture({ chains: ['credit'] });
  const path = await startQueryPath({
    nc: bus.nc,
    chains: [{ chainId: 'credit', kind: 'credit', displayName: 'Credit', operatorDid: fx.adapter('credit').did, recordTypes: ['credit.debtor'], trustBasis: 'header_proof', trustingPeriodMs: 7 * 86_400_000, maxClockDriftMs: 10_000 }],
    authority: fx.authority,
    signer:
      signerKind === 'native'
        ? nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103))
        : await workerReceiptSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103)),
    receiptMode: mode === 'jwt' ? 'jwt' : 'batch',
    ...(holdMs === undefined || holdMs === '' ? {} : { receiptHoldMs: Number(holdMs) }),
    now: Date.now,
    logger: silentLogger(),
    callerOf: () => fx.court.did,
  });
  handlers = path.handlers;
}
const server = createGatewayServer({ handlers: handlers as never });
const { port } = await server.start('127.0.0.1:0');
process.stdout.write(`port ${port}\n`);
process.on('SIGTERM', () => void server.shutdown(500).then(() => process.exit(0)));

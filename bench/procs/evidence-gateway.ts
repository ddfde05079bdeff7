/**
 * Bench process: a gateway serving EvidenceService (src/workflows/gateway/evidence-service.ts)
 * over the judicial chain's write door on NATS (NatsJudicialLedger: signed `judicial.tx`
 * envelopes, verified proofs), batch receipts signed with the fixture gateway's key; calls count
 * as the fixture court's. argv: natsUrl. Prints `port <n>` once serving; ends when its stdin
 * closes (its parent is gone) or on SIGTERM.
 */
import type * as grpc from '@grpc/grpc-js';
import { connectBus } from '../../src/bus/connection.js';
import { createSigner } from '../../src/identity/signer.js';
import { silentLogger } from '../../src/log.js';
import { standaloneContext } from '../../src/relay/host/call-context.js';
import { createGatewayServer } from '../../src/relay/host/server.js';
import { libsecpReceiptSigner } from '../../src/relay/receipts/libsecp-signer.js';
import { nobleReceiptSigner } from '../../src/relay/receipts/noble-signer.js';
import { createReceiptIssuer } from '../../src/relay/receipts/receipt-issuer.js';
import { EvidenceRegistry } from '../../src/workflows/evidence.js';
import { evidenceServiceHandlers } from '../../src/workflows/gateway/evidence-service.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import type { ServiceRegistry } from '../../src/workflows/service-of-process.js';
import { allianceFixture } from '../../test/helpers/alliance-fixture.js';

const bus = await connectBus({ servers: process.argv[2]!.split(','), name: 'bench-evidence-gateway' });
const fx = allianceFixture();
const key = fx.privateKeys.get(fx.gateway.did)!;
const ledger = new NatsJudicialLedger({ nc: bus.nc, signer: fx.gateway, now: Date.now });
const registry = new EvidenceRegistry({ ledger, authority: fx.authority, clock: { now: Date.now } });
const receipts = createReceiptIssuer({
  mode: 'batch',
  signer:
    libsecpReceiptSigner(fx.gateway.did, fx.gateway.kid, key) ?? nobleReceiptSigner(createSigner(fx.gateway.did, fx.gateway.kid, key)),
  now: Date.now,
});
// No ServiceRegistry: the bench calls AnchorEvidenceBatch only.
const evidence = evidenceServiceHandlers({ registry, services: undefined as unknown as ServiceRegistry, receipts });
// The auth guard's place: each call is bound to the court's context before its handler runs.
const bind = standaloneContext({ callerDid: fx.court.did, logger: silentLogger() });
type Unary = (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => void;
const handlers = {
  EvidenceService: Object.fromEntries(
    Object.entries(evidence).map(([name, h]) => [
      name,
      ((call, cb) => {
        bind(call);
        (h as Unary)(call, cb);
      }) as Unary,
    ]),
  ),
};
const server = createGatewayServer({ handlers: handlers as never });
const { port } = await server.start('127.0.0.1:0');
process.stdout.write(`port ${port}\n`);
const end = (): void => {
  void server.shutdown(500).finally(() => process.exit(0));
};
process.stdin.on('end', end).resume();
process.on('SIGTERM', end);

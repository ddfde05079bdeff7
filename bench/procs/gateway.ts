/**
 * Bench process: a gateway. argv: natsUrl, mode, then
 * - for `echo` (the ceiling): the NATS request and reply sizes to move (bytes), and the path of
 *   a recorded verified answer (a QueryRecordResponse as the gateway encoded it); the handler
 *   does one raw NATS request to the echo responder and answers with that same message, decoded
 *   once at start and serialized by grpc-js on every call as any handler's answer is;
 * - for `echo-opaque` (the ceiling before: same bytes, not the same message): the NATS request
 *   and reply sizes, and the gRPC response size, answered as one record whose opaque value makes
 *   the response that long (the client decodes one field instead of the bundle's ~40 messages);
 * - otherwise (`batch` | `jwt`: the real verified query path with that receipt mode) the signer
 *   (`libsecp`, the default: the gateway's, receipts/libsecp-signer.ts | `noble`: noble's RFC 6979
 *   signer on the event loop, receipts/noble-signer.ts | `native`: node:crypto on libuv's pool) and the
 *   receipt holdMs (batch-receipts.ts; `0` = the plain group commit, for comparison).
 * Both echoes have the verified path's process layout and move its payload sizes on every hop,
 * doing no work. Prints `port <n>` on stdout once serving.
 */
import { readFileSync } from 'node:fs';
import { connectBus } from '../../src/bus/connection.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { silentLogger } from '../../src/log.js';
import { standaloneContext } from '../../src/relay/host/call-context.js';
import { createGatewayServer } from '../../src/relay/host/server.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { nobleReceiptSigner } from '../../src/relay/receipts/noble-signer.js';
import { createSigner } from '../../src/identity/signer.js';
import { libsecpReceiptSigner } from '../../src/relay/receipts/libsecp-signer.js';
import { startQueryPath } from '../../src/relay/modules/query-path.js';
import { allianceFixture, allianceKey } from '../../test/helpers/alliance-fixture.js';

const [url, mode, signerKind, holdMs] = [process.argv[2]!, process.argv[3]!, process.argv[4] ?? 'libsecp', process.argv[5]];
const bus = await connectBus({ servers: url, name: `bench-gateway-${mode}` });
let handlers: unknown;
if (mode === 'echo' || mode === 'echo-opaque') {
  const [requestBytes, replyBytes] = process.argv.slice(4, 6).map(Number) as [number, number];
  const payload = new Uint8Array(requestBytes).fill(7);
  new DataView(payload.buffer).setUint32(0, replyBytes);
  const response = mode === 'echo' ? recordedAnswer(process.argv[6]!) : sizedResponse(Number(process.argv[6]));
  handlers = {
    QueryService: {
      Query(_call: unknown, cb: (e: null, r: object) => void) {
        void bus.nc.request('bench.echo', payload, { timeout: 5_000 }).then(() => cb(null, response));
      },
    },
  };
} else {
  const fx = allianceFixture({ chains: ['credit'] });
  const path = await startQueryPath({
    nc: bus.nc,
    chains: [
      {
        chainId: 'credit',
        kind: 'credit',
        displayName: 'Credit',
        operatorDid: fx.adapter('credit').did,
        recordTypes: ['credit.debtor'],
        trustBasis: 'header_proof',
        trustingPeriodMs: 7 * 86_400_000,
        maxClockDriftMs: 10_000,
      },
    ],
    authority: fx.authority,
    signer:
      signerKind === 'native'
        ? nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103))
        : signerKind === 'noble'
          ? nobleReceiptSigner(createSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103)))
          : (libsecpReceiptSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103)) ??
            nobleReceiptSigner(createSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103)))),
    receiptMode: mode === 'jwt' ? 'jwt' : 'batch',
    ...(holdMs === undefined || holdMs === '' ? {} : { receiptHoldMs: Number(holdMs) }),
    now: Date.now,
    logger: silentLogger(),
    contextOf: standaloneContext({ callerDid: fx.court.did, logger: silentLogger() }),
  });
  handlers = path.handlers;
}
const server = createGatewayServer({ handlers: handlers as never });
const { port } = await server.start('127.0.0.1:0');
process.stdout.write(`port ${port}\n`);
process.on('SIGTERM', () => void server.shutdown(500).then(() => process.exit(0)));

/** The recorded answer in `file`, decoded as a client would (the object the handler returns). */
function recordedAnswer(file: string): object {
  const deserialize = (loadGatewayProto().services.QueryService['Query'] as { responseDeserialize: (b: Buffer) => object })
    .responseDeserialize;
  return deserialize(readFileSync(file));
}

/** A QueryRecordResponse whose encoding is exactly `bytes` long (a record with a value of the right size). */
function sizedResponse(bytes: number): { bundle: { record: { chainId: string; key: string; value: Uint8Array; recordType: string } } } {
  const serialize = (loadGatewayProto().services.QueryService['Query'] as { responseSerialize: (v: object) => Buffer }).responseSerialize;
  const make = (n: number) => ({
    bundle: {
      record: { chainId: 'credit', key: 'debtor/bench', value: new Uint8Array(Math.max(0, n)).fill(7), recordType: 'credit.debtor' },
    },
  });
  // Varint length prefixes grow by a byte at 128 and 16384: step until the size is exact.
  let n = bytes;
  for (let i = 0; i < 8; i++) {
    const got = serialize(make(n)).length;
    if (got === bytes) return make(n);
    n += bytes - got;
  }
  throw new Error(`cannot size an echo response to ${bytes} bytes`);
}

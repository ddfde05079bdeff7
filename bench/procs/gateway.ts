/**
 * Bench process: a gateway. argv: natsUrl (a cluster's URLs comma-separated), mode, then
 * - for `echo` (the ceiling): the NATS request and reply sizes to move (bytes), and the path of
 *   a recorded verified answer (a QueryRecordResponse as the gateway encoded it); the handler
 *   does one raw NATS request to the echo responder and answers with that same message, decoded
 *   once at start and serialized by grpc-js on every call as any handler's answer is;
 * - for `echo-opaque` (the ceiling before: same bytes, not the same message): the NATS request
 *   and reply sizes, and the gRPC response size, answered as one record whose opaque value makes
 *   the response that long (the client decodes one field instead of the bundle's ~40 messages);
 * - otherwise (`batch` | `jwt`: the real verified query path of the dev-ledger chain `credit` with
 *   that receipt mode; `evm`: of the EVM chain of suite `evm-query` with batch receipts) the signer
 *   (`libsecp`, the default: the gateway's, receipts/libsecp-signer.ts | `noble`: noble's RFC 6979
 *   signer on the event loop, receipts/noble-signer.ts | `native`: node:crypto on libuv's pool) and the
 *   receipt holdMs (batch-receipts.ts; `0` = the plain group commit, for comparison); for `evm`
 *   then the contract, anchor height and anchor block hash (hex) (bench/evm-bench-chain.ts).
 * Both echoes have the verified path's process layout and move its payload sizes on every hop,
 * doing no work. Prints `port <n>` on stdout once serving.
 * The arguments after the mode may instead come later as one JSON array on stdin (the argument
 * after the mode is then `-`): the process loads while its suite works out what they are.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
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
import type { ChainConfig } from '../../src/relay/light-clients/chain-config.js';
import { type AllianceFixture, allianceFixture } from '../../test/helpers/alliance-fixture.js';
import { anchorOfArgs, evmBenchChain, evmBenchFixture } from '../evm-bench-chain.js';

const [url, mode] = [process.argv[2]!, process.argv[3]!];
const bus = await connectBus({ servers: url.split(','), name: `bench-gateway-${mode}` });
const args = process.argv[4] === '-' ? await argsFromStdin() : process.argv.slice(4);
const [signerKind, holdMs] = [args[0] ?? 'libsecp', args[1]];
let handlers: unknown;
if (mode === 'echo' || mode === 'echo-opaque') {
  const [requestBytes, replyBytes] = args.slice(0, 2).map(Number) as [number, number];
  const payload = new Uint8Array(requestBytes).fill(7);
  new DataView(payload.buffer).setUint32(0, replyBytes);
  const response = mode === 'echo' ? recordedAnswer(args[2]!) : sizedResponse(Number(args[2]));
  handlers = {
    QueryService: {
      Query(_call: unknown, cb: (e: null, r: object) => void) {
        void bus.nc.request('bench.echo', payload, { timeout: 5_000 }).then(() => cb(null, response));
      },
    },
  };
} else if (mode === 'evm') {
  const anchor = anchorOfArgs(args.slice(2, 5));
  const fx = evmBenchFixture(anchor);
  handlers = await verifiedHandlers(fx, evmBenchChain(fx, anchor), 'batch');
} else {
  const fx = allianceFixture({ chains: ['credit'] });
  const credit: ChainConfig = {
    chainId: 'credit',
    kind: 'credit',
    displayName: 'Credit',
    operatorDid: fx.adapter('credit').did,
    recordTypes: ['credit.debtor'],
    trustBasis: 'header_proof',
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
  };
  handlers = await verifiedHandlers(fx, credit, mode === 'jwt' ? 'jwt' : 'batch');
}
const server = createGatewayServer({ handlers: handlers as never });
const { port } = await server.start('127.0.0.1:0');
process.stdout.write(`port ${port}\n`);
process.on('SIGTERM', () => void server.shutdown(500).then(() => process.exit(0)));

/** The first line of stdin: a JSON array of strings. */
async function argsFromStdin(): Promise<string[]> {
  for await (const line of createInterface({ input: process.stdin })) return JSON.parse(line) as string[];
  throw new Error('gateway: stdin closed before its arguments came');
}

/** The real query path serving `chain`, its receipts signed by the fixture gateway's key with the signer asked for. */
async function verifiedHandlers(fx: AllianceFixture, chain: ChainConfig, receiptMode: 'batch' | 'jwt'): Promise<unknown> {
  const key = fx.privateKeys.get(fx.gateway.did)!;
  const path = await startQueryPath({
    nc: bus.nc,
    chains: [chain],
    authority: fx.authority,
    signer:
      signerKind === 'native'
        ? nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, key)
        : signerKind === 'noble'
          ? nobleReceiptSigner(createSigner(fx.gateway.did, fx.gateway.kid, key))
          : (libsecpReceiptSigner(fx.gateway.did, fx.gateway.kid, key) ??
            nobleReceiptSigner(createSigner(fx.gateway.did, fx.gateway.kid, key))),
    receiptMode,
    ...(holdMs === undefined || holdMs === '' ? {} : { receiptHoldMs: Number(holdMs) }),
    now: Date.now,
    logger: silentLogger(),
    contextOf: standaloneContext({ callerDid: fx.court.did, logger: silentLogger() }),
  });
  return path.handlers;
}

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

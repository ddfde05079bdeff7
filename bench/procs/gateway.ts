/**
 * Bench process: a gateway. argv: natsUrl (a cluster's URLs comma-separated), mode, then
 * - for `relay-min` (the ceiling): the NATS request and reply sizes to move (bytes), and the path
 *   of a recorded verified answer (a QueryRecordResponse as the gateway encoded it); a bare
 *   grpc-js server whose Query handler decodes the request as any handler does, makes one raw NATS
 *   request to the echo responder and answers with the recorded bytes as they are (pre-encoded:
 *   no encoding per call), no gate;
 * - otherwise (`batch` | `jwt` | `batch-ungated`: the real verified query path of the dev-ledger chain `credit` with
 *   that receipt mode; `evm`: of the EVM chain of suite `evm-query` with batch receipts) the signer
 *   (`libsecp`, the default: the gateway's, receipts/libsecp-signer.ts | `noble`: noble's RFC 6979
 *   signer on the event loop, receipts/noble-signer.ts | `native`: node:crypto on libuv's pool) and the
 *   receipt holdMs (batch-receipts.ts; `0` = the plain group commit, for comparison); for `evm`
 *   then the contract, anchor height and anchor block hash (hex) (bench/evm-bench-chain.ts).
 *   The verified gateways run behind the production gate exactly as gateway.ts wires it
 *   (auth/guard.ts: bearer token verified then cached, registry re-check, policy, per-caller
 *   rate and concurrency limits, admission, deadline cap, metrics, one log line per call at
 *   info), the limits being `BENCH_LIMITS`, logging to /dev/null through a synchronous pino
 *   destination (as the default stdout one is); `batch-ungated` serves the batch path without
 *   the gate, for measuring what the gate costs (COURTBRIDGE_BENCH_UNGATED=1 in suite query).
 * The ceiling has the verified path's process layout and moves its payload sizes on every hop,
 * doing no other work. Prints `port <n>` on stdout once serving.
 * The arguments after the mode may instead come later as one JSON array on stdin (the argument
 * after the mode is then `-`): the process loads while its suite works out what they are.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { connectBus } from '../../src/bus/connection.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { createLogger } from '../../src/log.js';
import { createRegistry } from '../../src/metrics.js';
import { relayMetrics } from '../../src/relay/metrics-http.js';
import { Authenticator } from '../../src/relay/auth/authenticate.js';
import { CallGuard } from '../../src/relay/auth/guard.js';
import { contextOf, standaloneContext } from '../../src/relay/host/call-context.js';
import { createGatewayServer } from '../../src/relay/host/server.js';
import type { GatewayHandlers } from '../../src/relay/host/services.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { nobleReceiptSigner } from '../../src/relay/receipts/noble-signer.js';
import { createSigner } from '../../src/identity/signer.js';
import { libsecpReceiptSigner } from '../../src/relay/receipts/libsecp-signer.js';
import { startQueryPath } from '../../src/relay/modules/query-path.js';
import type { ChainConfig } from '../../src/relay/light-clients/chain-config.js';
import { type AllianceFixture, allianceFixture } from '../../test/helpers/alliance-fixture.js';
import { anchorOfArgs, evmBenchChain, evmBenchFixture } from '../evm-bench-chain.js';
import { BENCH_LIMITS } from '../bench-limits.js';

const [url, mode] = [process.argv[2]!, process.argv[3]!];
const bus = await connectBus({ servers: url.split(','), name: `bench-gateway-${mode}` });
const args = process.argv[4] === '-' ? await argsFromStdin() : process.argv.slice(4);
const [signerKind, holdMs] = [args[0] ?? 'libsecp', args[1]];
// The gateway's gRPC options (gateway.ts), for the ceiling too.
const GRPC_OPTIONS: grpc.ServerOptions = {
  'grpc.max_receive_message_length': BENCH_LIMITS.maxReceiveMessageBytes,
  'grpc.max_send_message_length': BENCH_LIMITS.maxSendMessageBytes,
};
const logger = createLogger({ component: 'gateway', level: 'info', destination: pino.destination({ dest: '/dev/null', sync: true }) });
let port: number;
let shutdown: () => Promise<unknown>;
if (mode === 'relay-min') {
  const [requestBytes, replyBytes] = args.slice(0, 2).map(Number) as [number, number];
  const payload = new Uint8Array(requestBytes).fill(7);
  new DataView(payload.buffer).setUint32(0, replyBytes);
  const answer = readFileSync(args[2]!);
  const def = loadGatewayProto().services.QueryService['Query']!;
  const server = new grpc.Server(GRPC_OPTIONS);
  server.addService({ Query: { ...def, responseSerialize: (b: Buffer) => b } } as grpc.ServiceDefinition, {
    Query(_call: unknown, cb: (e: null, r: Buffer) => void) {
      void bus.nc.request('bench.echo', payload, { timeout: 5_000 }).then(() => cb(null, answer));
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  shutdown = () => new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
} else {
  let fx: AllianceFixture;
  let chain: ChainConfig;
  if (mode === 'evm') {
    const anchor = anchorOfArgs(args.slice(2, 5));
    fx = evmBenchFixture(anchor);
    chain = evmBenchChain(fx, anchor);
  } else {
    fx = allianceFixture({ chains: ['credit'] });
    chain = {
      chainId: 'credit',
      kind: 'credit',
      displayName: 'Credit',
      operatorDid: fx.adapter('credit').did,
      recordTypes: ['credit.debtor'],
      trustBasis: 'header_proof',
      trustingPeriodMs: 7 * 86_400_000,
      maxClockDriftMs: 10_000,
    };
  }
  const handlers = await verifiedHandlers(fx, chain, mode === 'jwt' ? 'jwt' : 'batch');
  const guard = new CallGuard({
    authenticator: new Authenticator({ audience: fx.gateway.did, authority: fx.authority }),
    state: () => fx.state,
    limits: BENCH_LIMITS,
    metrics: relayMetrics(createRegistry()),
    logger,
  });
  // `batch-ungated`: the same path without the gate (to measure what the gate costs; the handlers'
  // contexts then come from standaloneContext, naming the fixture court).
  const server = createGatewayServer({ handlers: mode === 'batch-ungated' ? handlers : guard.wrap(handlers), serverOptions: GRPC_OPTIONS });
  port = (await server.start('127.0.0.1:0')).port;
  shutdown = () => server.shutdown(500);
}
process.stdout.write(`port ${port}\n`);
process.on('SIGTERM', () => void shutdown().then(() => process.exit(0)));

/** The first line of stdin: a JSON array of strings. */
async function argsFromStdin(): Promise<string[]> {
  for await (const line of createInterface({ input: process.stdin })) return JSON.parse(line) as string[];
  throw new Error('gateway: stdin closed before its arguments came');
}

/** The real query path serving `chain`, its receipts signed by the fixture gateway's key with the signer asked for. */
async function verifiedHandlers(fx: AllianceFixture, chain: ChainConfig, receiptMode: 'batch' | 'jwt'): Promise<GatewayHandlers> {
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
    logger,
    contextOf: mode === 'batch-ungated' ? standaloneContext({ callerDid: fx.court.did, logger }) : contextOf,
  });
  return path.handlers;
}

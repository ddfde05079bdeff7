/**
 * The end-to-end setup shared by the gateway e2e test and the README test: a private nats-server
 * (harness), the five domain adapters in-process (`startAdapter` over `DevLedgerBackend`, seeded
 * from src/seed with the demo cast), and gateways composed by `startGateway` from config alone
 * (the query path, judicial-proof check, breakers and page come from the gateway, not the test).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as grpc from '@grpc/grpc-js';

import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { ip as ipDefinition } from '../../../adapters/ip/definition.js';
import { property as propertyDefinition } from '../../../adapters/property/definition.js';
import { credit as creditDefinition } from '../../../adapters/credit/definition.js';
import { finance as financeDefinition } from '../../../adapters/finance/definition.js';
import { market as marketDefinition } from '../../../adapters/market/definition.js';
import { mobile as mobileDefinition } from '../../../adapters/mobile/definition.js';
import { bankruptcy as bankruptcyDefinition } from '../../../adapters/bankruptcy/definition.js';
import { collab as collabDefinition } from '../../../adapters/collab/definition.js';
import type { Role } from '../../../src/identity/authority.js';
import { data as dataDefinition } from '../../../adapters/data/definition.js';
import type { DevLedgerDefinition } from '../../../adapters/sdk/definition.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import { headerHash } from '../../../src/chain/header.js';
import { newValidatorKeys, type ValidatorKey } from '../../../src/chain/ledger/validator-keys.js';
import type { ChainCatalog } from '../../../src/relay/chain-catalog.js';
import { loadGatewayConfig, type GatewayConfig, type GatewayConfigInput } from '../../../src/config/gateway-config.js';
import { sha256 } from '../../../src/crypto/hash.js';
import type { HashSuite } from '../../../src/crypto/hash-suite.js';
import type { SignatureSuite } from '../../../src/crypto/signature-suite.js';
import { toBase64url, toHex } from '../../../src/encoding/bytes.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { AllianceRegistry } from '../../../src/identity/alliance-registry.js';
import { MemoryRegistryStore } from '../../../src/identity/registry-store.js';
import type { Signer } from '../../../src/identity/signer.js';
import { silentLogger } from '../../../src/log.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { startGatewayNode } from '../../../src/node/gateway-node.js';
import { startOrphanWatchdog } from '../../../src/devtools/orphan-watchdog.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { wireKindOf } from '../../../src/judicial/wire-kind.js';
import { decodeMessage } from '../../../src/wire/codec.js';
import { loadGatewayProto } from '../../../src/wire/gateway-proto.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { loadSeed, seedChain, type SeedChainId } from '../../../src/seed/seed.js';
import { allianceFixture, type AllianceFixture, type AllianceFixtureOptions, FixtureDids } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { writeBusSecurity, type BusSecurity } from '../../../src/bus/bus-security-files.js';
import { connectNats, type NatsClientAuth } from '../../../src/bus/connection.js';
import { busUserOf, DEFAULT_WORKFLOWS_BUCKETS, type WorkflowsBuckets } from '../../../src/bus/permissions.js';
import type { NatsConnection } from 'nats';

/** The chains a test starts unless it names others (`chains`). */
export const E2E_CHAINS = ['judicial', 'ip', 'property', 'credit', 'finance'] as const;
/** Every dev-ledger chain a test may start: the five above and the alliance's other domain chains, by id. */
const DEFINITIONS = {
  judicial: judicialDefinition,
  ip: ipDefinition,
  property: propertyDefinition,
  credit: creditDefinition,
  finance: financeDefinition,
  market: marketDefinition,
  mobile: mobileDefinition,
  bankruptcy: bankruptcyDefinition,
  collab: collabDefinition,
  data: dataDefinition,
} satisfies Record<string, DevLedgerDefinition>;
export type E2eChain = keyof typeof DEFINITIONS;

export interface E2e {
  /** The server started for the test, or the first node of the cluster given (`servers`). */
  nats: NatsServerHandle;
  /** NATS URLs the adapters and gateways connect to (several for a cluster). */
  servers: string[];
  fx: AllianceFixture;
  /** The secured bus: the server runs the config `courtbridge nats-config` would write for `fx`'s registry. */
  bus: BusSecurity;
  /** The credentials of bus participant `user` (e.g. `gateway-gateway-1`, `adapter-ip-adapter`, `workflows`, `operator`). */
  natsAuth(user: string): NatsClientAuth;
  /** A raw connection as `user` (closed by `stop`). */
  connectAs(user: string): Promise<NatsConnection>;
  /** The server's permission-violation log lines so far (a participant refused a subject). */
  busViolations(): string[];
  backends: Record<E2eChain, DevLedgerBackend>;
  adapters: Record<E2eChain, AdapterHandle>;
  /** Validator keys of each chain (tests forge a conflicting header with them). */
  validators: Record<E2eChain, ValidatorKey[]>;
  /** Each adapter's own registry, when started with `followRegistry` (it follows CB_REGISTRY). */
  registries: Partial<Record<E2eChain, AllianceRegistry>>;
  gateways: RunningGateway[];
  /** A gateway on this alliance; `now` is its clock (a test's OffsetClock), the wall clock unless given. */
  startGateway(overrides?: GatewayConfigInput, options?: { now?: () => number }): Promise<RunningGateway>;
  stop(): Promise<void>;
}

/** An auth token of `signer` for the gateway (what `courtbridge token --as` prints). */
export function authToken(signer: Signer, audience: string, nowMs = Date.now()): string {
  return signJwtNative(signer, { audience, purpose: 'auth', nowMs, lifetimeMs: 5 * 60_000, jti: toBase64url(randomBytes(12)) });
}

/** Start NATS and the five adapters (seeded with `records` records each plus the demo cast). */
export async function startE2e(
  options: {
    records?: number;
    followRegistry?: boolean;
    extraAdapters?: { did: string; chains: string[] }[];
    extraCourts?: string[];
    /** More members (political-legal organs, ...) with their roles and chains. */
    extraMembers?: { did: string; roles: Role[]; chains: string[] }[];
    /** Run on this cluster (the caller stops it) instead of a server of the test's own; its bus is not secured. */
    cluster?: { urls: string[]; nodes: NatsServerHandle[] };
    /** The adapters' `jetstreamReplicas`; 1 unless told. */
    jetstreamReplicas?: number;
    /** Only these chains (judicial always); the five of `E2E_CHAINS` unless told. */
    chains?: readonly E2eChain[];
    /** The workflow service's buckets when a test renames them (the bus lets it use only its own). */
    workflowsBuckets?: Partial<WorkflowsBuckets>;
    /**
     * Chains run under the national suites: their dev ledgers' validators sign with
     * `signatureSuite` (SM2) and hash with `hashSuite` (SM3), and their registry entries say so.
     * Every other chain is secp256k1 and SHA-256.
     */
    chainSuites?: Partial<Record<E2eChain, { hashSuite?: HashSuite; signatureSuite?: SignatureSuite }>>;
    /** The suite of the members' keys (all, and/or per DID); secp256k1 unless told. */
    keySuites?: AllianceFixtureOptions['keySuites'];
  } = {},
): Promise<E2e> {
  const chainsUp: E2eChain[] = ['judicial', ...(options.chains ?? E2E_CHAINS).filter((c) => c !== 'judicial')];
  const backends = {} as Record<E2eChain, DevLedgerBackend>;
  const adapters = {} as Record<E2eChain, AdapterHandle>;
  const validators = {} as Record<E2eChain, ValidatorKey[]>;
  const registries: Partial<Record<E2eChain, AllianceRegistry>> = {};
  const gateways: RunningGateway[] = [];
  const records = options.records ?? 20;
  // The ledgers open and seed first: the genesis admits each chain with its seeded head as anchor.
  const hashSuiteOf = (chain: E2eChain): HashSuite => options.chainSuites?.[chain]?.hashSuite ?? 'sha256';
  const signatureSuiteOf = (chain: E2eChain): SignatureSuite => options.chainSuites?.[chain]?.signatureSuite ?? 'secp256k1';
  const open = async (chain: E2eChain): Promise<void> => {
    validators[chain] = newValidatorKeys(4, signatureSuiteOf(chain));
    const backend = new DevLedgerBackend({
      definition: DEFINITIONS[chain],
      blockIntervalMs: 20,
      // Rare heartbeats: tests control when headers move (stale-state and two-gateway checks).
      heartbeatMs: 60_000,
      hashSuite: hashSuiteOf(chain),
      ledger: { validatorKeys: validators[chain] },
      seed: async (l) => void (await loadSeed(l, seedChain(chain as SeedChainId, { records, seed: 'courtbridge-e2e' }))),
    });
    backends[chain] = backend;
    await backend.start();
  };
  await Promise.all(chainsUp.map(open));
  const fx = allianceFixture({
    chains: [...chainsUp],
    anchors: Object.fromEntries(chainsUp.map((c) => [c, backends[c].ledger.latest()])),
    hashSuites: Object.fromEntries(chainsUp.map((c) => [c, hashSuiteOf(c)])),
    signatureSuites: Object.fromEntries(chainsUp.map((c) => [c, signatureSuiteOf(c)])),
    ...(options.keySuites === undefined ? {} : { keySuites: options.keySuites }),
    ...(options.extraAdapters === undefined ? {} : { extraAdapters: options.extraAdapters }),
    ...(options.extraCourts === undefined ? {} : { extraCourts: options.extraCourts }),
    ...(options.extraMembers === undefined ? {} : { extraMembers: options.extraMembers }),
  });
  // The bus is secured from the registry (src/bus/permissions.ts): the server starts with the
  // generated config and every participant below connects with its own nkey.
  const busDir = mkdtempSync(join(tmpdir(), 'cb-e2e-bus-'));
  // The seeds are keys: removed by stop(), or by the watchdog if the test process dies first.
  const busWatchdog = startOrphanWatchdog({ dirs: [busDir] });
  const bus = writeBusSecurity({
    state: fx.state,
    atMs: Date.now(),
    outDir: busDir,
    workflowsBuckets: { ...DEFAULT_WORKFLOWS_BUCKETS, ...options.workflowsBuckets },
  });
  const nats = options.cluster?.nodes[0] ?? (await startNatsServer({ extraArgs: ['-c', bus.configFile] }));
  const servers = options.cluster?.urls ?? [nats.url];
  // A given cluster runs without the generated config: its participants connect without a seed.
  const authOf = (user: string): { natsAuth?: NatsClientAuth } => (options.cluster === undefined ? { natsAuth: bus.auth(user) } : {});
  const raw: NatsConnection[] = [];
  const start = async (chain: E2eChain, judicialTrust?: { chainId: string; height: number; headerHashHex: string }): Promise<void> => {
    const backend = backends[chain];
    // followRegistry: the adapter's own registry follows CB_REGISTRY (adapters/sdk/runtime.ts `registry`).
    const registry =
      options.followRegistry === true
        ? await AllianceRegistry.open(new MemoryRegistryStore(fx.genesisBytes), toHex(sha256(fx.genesisBytes)), Date.now())
        : undefined;
    if (registry !== undefined) registries[chain] = registry;
    adapters[chain] = await startAdapter({
      servers,
      ...(options.jetstreamReplicas === undefined ? {} : { jetstreamReplicas: options.jetstreamReplicas }),
      ...authOf(busUserOf('adapter', fx.adapter(chain).did)),
      signer: fx.adapter(chain),
      authority: registry === undefined ? fx.authority : new AllianceAuthority(() => registry.state),
      ...(registry === undefined ? {} : { registry }),
      backend,
      definition: DEFINITIONS[chain],
      replicaId: `${chain}-1`,
      announceIntervalMs: 500,
      logger: silentLogger(),
      ...(judicialTrust === undefined ? {} : { judicialTrust, actions: { ackWaitMs: 2_000, maxDeliver: 5 } }),
    });
  };
  await start('judicial');
  const lb = backends.judicial.ledger.latest();
  // The trust anchor's hash is the one the registry's entry names: under the judicial chain's suite.
  const trust = {
    chainId: 'judicial',
    height: lb.signedHeader.header.height,
    headerHashHex: toHex(headerHash(lb.signedHeader.header, hashSuiteOf('judicial'))),
  };
  await Promise.all(chainsUp.filter((c) => c !== 'judicial').map((c) => start(c, trust)));
  const e2e: E2e = {
    nats,
    servers,
    fx,
    bus,
    natsAuth: (user) => bus.auth(user),
    busViolations: () =>
      nats
        .logs()
        .split('\n')
        .filter((l) => / (Publish|Subscription) Violation /.test(l)),
    async connectAs(user) {
      const nc = await connectNats({ servers, name: `e2e-${user}` }, authOf(user).natsAuth);
      raw.push(nc);
      return nc;
    },
    backends,
    adapters,
    validators,
    registries,
    gateways,
    async startGateway(overrides = {}, options = {}) {
      const config = e2eGatewayConfig(fx, servers, [...chainsUp], {
        ...authOf(busUserOf('gateway', fx.gateway.did)),
        ...overrides,
      });
      const clock = options.now === undefined ? {} : { now: options.now };
      const gw = await startGatewayNode(config, {
        signer: fx.gateway,
        genesisBytes: fx.genesisBytes,
        watchIntervalMs: 200,
        ...clock,
      });
      gateways.push(gw);
      return gw;
    },
    async stop() {
      for (const g of gateways) await g.shutdown().catch(() => undefined);
      for (const a of Object.values(adapters)) await a.drain().catch(() => undefined);
      for (const nc of raw) await nc.close().catch(() => undefined);
      try {
        if (options.cluster === undefined) await nats.stop();
      } finally {
        rmSync(busDir, { recursive: true, force: true });
        busWatchdog.stop();
      }
    },
  };
  return e2e;
}

/** A gateway's config over `fx`'s genesis on `natsUrl` serving `chains`: any free port, no metrics, silent. */
export function e2eGatewayConfig(
  fx: AllianceFixture,
  natsUrl: string | string[],
  chains: string[],
  overrides: GatewayConfigInput = {},
): GatewayConfig {
  return loadGatewayConfig({
    overrides: {
      listen: '127.0.0.1:0',
      natsServers: typeof natsUrl === 'string' ? [natsUrl] : natsUrl,
      genesisHash: toHex(sha256(fx.genesisBytes)),
      metricsPort: -1,
      logLevel: 'silent',
      chains,
      ...overrides,
    },
  });
}

/** A gateway node from config alone over `fx` (the alliance's catalog unless `catalog` is given). */
export function startE2eGateway(
  fx: AllianceFixture,
  natsUrl: string,
  chains: string[],
  options: { catalog?: ChainCatalog } = {},
): Promise<RunningGateway> {
  return startGatewayNode(e2eGatewayConfig(fx, natsUrl, chains), {
    signer: fx.gateway,
    genesisBytes: fx.genesisBytes,
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    watchIntervalMs: 200,
  });
}

/** The court of `fx` calling a gateway: unary calls with a fresh bearer token each, every client closed by `close`. */
export interface CourtCaller {
  call(service: string, method: string, req: object): Promise<Record<string, unknown>>;
  close(): void;
}

export function courtCaller(fx: AllianceFixture, address: string, deadlineMs = 20_000): CourtCaller {
  const clients: grpc.Client[] = [];
  return {
    call(service, method, req) {
      const c = serviceClient(service, address);
      clients.push(c);
      const md = new grpc.Metadata();
      md.set('authorization', `Bearer ${authToken(fx.court, FixtureDids.gateway)}`);
      return new Promise((resolve, reject) =>
        c[method]!.call(c, req, md, { deadline: Date.now() + deadlineMs }, (e: grpc.ServiceError | null, r?: Record<string, unknown>) =>
          e === null ? resolve(r ?? {}) : reject(e),
        ),
      );
    },
    close() {
      for (const c of clients) c.close();
    },
  };
}

/** How a call the test expects to fail failed: its status code, the `courtbridge-reason` trailer and the details. */
export async function failure(p: Promise<unknown>): Promise<{ code: number; reason: string; details: string }> {
  try {
    await p;
  } catch (e) {
    const s = e as grpc.ServiceError;
    return { code: s.code, reason: String(s.metadata?.get(REASON_TRAILER)[0] ?? ''), details: s.details };
  }
  throw new Error('expected the call to fail');
}

/** A court's order as SubmitAction takes it, on `target` of the order's chain, with the order's JWT and judicial proof. */
export function submitActionOf(
  order: JudicialOrder,
  target: { recordType: string; key: string },
  orderJwt: string,
): Record<string, unknown> {
  return {
    actionId: order.actionId,
    chainId: order.chain,
    kind: wireKindOf(order.kind),
    target,
    amount: order.amount,
    orderJwt,
    judicialProof: { caseId: order.caseId, recordKey: `order/${order.orderId}` },
  };
}

/** Submit an action as the court (pending at first) and wait until the gateway reports it executed: the first answer and the signed ActionResult. */
export async function submitUntilExecuted(
  court: CourtCaller,
  submit: Record<string, unknown>,
  timeoutMs: number,
): Promise<{ first: Record<string, unknown>; result: MessageOutput<'ActionResult'> }> {
  const first = await court.call('ActionService', 'SubmitAction', submit);
  // Plain throws, not vitest's expect: the bench builds its world with this file too.
  if (first.status !== 'ACTION_STATUS_PENDING')
    throw new Error(`SubmitAction answered ${String(first.status)}, expected ACTION_STATUS_PENDING`);
  const done = await eventually(
    async () => {
      const a = await court.call('ActionService', 'GetAction', { actionId: submit.actionId });
      if (a.status !== 'ACTION_STATUS_EXECUTED')
        throw new Error(`action ${String(submit.actionId)} is ${String(a.status)}, not yet EXECUTED`);
      return a;
    },
    { timeoutMs },
  );
  const env = (done.outcome as Record<string, unknown>).signedResult as Record<string, unknown>;
  return { first, result: decodeMessage('ActionResult', env.body as Uint8Array) };
}

/** A generated method: unary with a callback, server-streaming without. */
export type ClientMethod = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb?: (e: grpc.ServiceError | null, r?: Record<string, unknown>) => void,
) => grpc.ClientReadableStream<Record<string, unknown>>;
export type ServiceClient = grpc.Client & Record<string, ClientMethod>;

/** A grpc-js client of one courtbridge service (generated from the protos, as an integrator would). */
export function serviceClient(service: string, address: string): ServiceClient {
  const def = (loadGatewayProto().services as Record<string, grpc.ServiceDefinition>)[service];
  if (def === undefined) throw new Error(`no service ${service}`);
  const Ctor = grpc.makeGenericClientConstructor(def, service);
  return new Ctor(address, grpc.credentials.createInsecure()) as unknown as ServiceClient;
}

/**
 * The adapter runtime: everything around a `ChainBackend` that makes it a member of the
 * alliance. `startAdapter` connects to NATS with the adapter's DID key, then:
 *   0. catches up on the registry stream `CB_REGISTRY` (when given `registry`) and only then
 *      checks that its DID may serve the chain (admission.ts), so an adapter admitted after the
 *      genesis starts; it keeps following the stream while it runs,
 *   1. provisions the streams it uses (idempotent),
 *   2. answers queries in the chain's queue group (query-server.ts),
 *   3. for a `bft-smt` chain: publishes every new signed header to the headers stream
 *      (header-publisher.ts) and answers witness requests with its light blocks (witness-server.ts);
 *      an `evm` chain has neither (its blocks are final by its notaries' signatures, which the
 *      gateway follows, not the adapter), nor has a `notary` chain (a registry in a database:
 *      the adapter collects its notaries' signatures over each answer, notary-collector.ts),
 *   4. announces itself, at start and as a heartbeat (announce.ts), and, when the definition names
 *      its `assetIndex` and the backend tells of new index entries, reports each record newly filed
 *      under it as a signed asset report (asset-reporter.ts: a hint for 恢复执行),
 *   5. when the definition has actions: initialises its judicial light client from the
 *      configured trust (judicial-trust.ts) and consumes actions exactly once (action-consumer.ts).
 * No code runs on import; configuration is a typed object parsed at the edge (STYLE.md 9).
 *
 * @example
 * const handle = await startAdapter({ servers: url, signer, authority, backend, definition, replicaId: 'a', judicialTrust, logger });
 * ...
 * await handle.drain();
 */
import { hostname } from 'node:os';
import type { KV } from 'nats';
import { connectBus, type BusConnection, type NatsClientAuth } from '../../src/bus/connection.js';
import { ensureKv, ensureStream } from '../../src/bus/jetstream.js';
import { assertChainId, Streams } from '../../src/bus/subjects.js';
import type { EnvelopeSigner } from '../../src/bus/envelope.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import type { AllianceRegistry } from '../../src/identity/alliance-registry.js';
import { RegistryFollower } from '../../src/bus/registry-follower.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { stopOnSignals } from './stop-on-signals.js';
import { assertAdmitted } from './admission.js';
import type { LightClient } from '../../src/lightclient/light-client.js';
import { startActionConsumer, type ActionConsumer, type ActionConsumerOptions, type CrashPoint } from './action-consumer.js';
import { startAnnouncing } from './announce.js';
import { startAssetReporter } from './asset-reporter.js';
import { startWitnessServer } from './witness-server.js';
import type { ChainBackend } from './chain-backend.js';
import type { AdapterDefinition } from './definition.js';
import { startHeaderPublisher, type HeaderPublisher } from './header-publisher.js';
import {
  fetchLightBlock,
  initJudicialClient,
  JUDICIAL_ANCHOR_COMMAND,
  judicialWitness,
  type JudicialTrustOptions,
} from './judicial-trust.js';
import { ReplicaTracker } from '../../src/bus/replicas.js';
import type { ChainDirectory } from '../../src/identity/chain-entry.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { KvOrderReplayGuard, type OrderReplayGuard } from './order-replay.js';
import { startQueryServer, type QueryServer, type QueryServerOptions } from './query-server.js';
import { isChainDirectory, NotaryCollector } from './notary-collector.js';
import { courtbridgeMetrics } from '../../src/metrics.js';
import { adapterMetrics } from './metrics.js';
import type { Registry } from 'prom-client';
import type { IndexedRecord } from '../../src/chain/ledger/ledger.js';

/** Adapter software version announced unless the definition says otherwise. */
export const SDK_VERSION = '0.1.0';

export interface AdapterConfig {
  /** NATS URL(s). */
  servers: string | string[];
  /** This adapter's nkey seed and TLS files on a secured bus (`courtbridge nats-config`). */
  natsAuth?: NatsClientAuth;
  /** The adapter's DID key: signs announcements, headers and results. Must hold role `adapter` for the chain. */
  signer: EnvelopeSigner;
  /** Registry state in memory: who is a gateway, a court, ... and with which keys. */
  authority: Authority;
  backend: ChainBackend;
  definition: AdapterDefinition;
  /** Id of this replica (replicas of one adapter share a queue group and a durable consumer). */
  replicaId?: string;
  /** Trusted judicial header (height + hash); required when the definition has actions. */
  judicialTrust?: JudicialTrustOptions;
  logger?: Logger;
  /** Announcement heartbeat; 10,000 ms unless told. */
  announceIntervalMs?: number;
  /** Action consumer tuning (ack wait, max deliver, envelope age). */
  actions?: Pick<ActionConsumerOptions, 'ackWaitMs' | 'maxDeliver' | 'maxEnvelopeAgeMs'>;
  /**
   * Replicas of the streams and buckets the adapter creates or raises (the action, header and
   * result streams, `cb_orders_<chain>`): 1 on one server, 3 on a cluster; 1 unless told. An
   * existing one with fewer is raised, never lowered (src/bus/jetstream.ts).
   */
  jetstreamReplicas?: number;
  /** Order jti replay guard; a KV bucket `cb_orders_<chain>` shared by replicas unless told. */
  orderReplay?: OrderReplayGuard;
  /** The shell's clock; `Date.now` unless told. */
  now?: () => number;
  /** Count queries, actions and headers on this registry (src/metrics.ts `createRegistry`); none unless told. */
  metrics?: Registry;
  /**
   * The alliance registry `authority` reads (an `AllianceAuthority` over `registry.state`): when
   * given, the adapter follows the registry stream `CB_REGISTRY` into it (src/bus/registry-follower.ts),
   * catching up before it serves, so a revocation or key rotation is seen without restart (
   * "Alliance"). Without it the authority is static (tests, a fixed genesis).
   */
  registry?: AllianceRegistry;
  /** Test hooks; never set in production. */
  testHooks?: {
    crashPoint?: CrashPoint;
    onActionResult?: ActionConsumerOptions['onResult'];
    onAssetReported?: (e: IndexedRecord) => void;
    onQueryOutcome?: QueryServerOptions['onOutcome'];
  };
}

export interface AdapterHandle {
  readonly chainId: string;
  readonly replicaId: string;
  readonly bus: BusConnection;
  /** The judicial light client, when the adapter executes actions. */
  readonly judicialClient: LightClient | undefined;
  /** Stop taking work, finish what is in hand, flush, close NATS, close the backend. */
  drain(): Promise<void>;
  /** Resolves once the adapter stopped (drained or crashed). */
  closed(): Promise<void>;
}

function checkConfig(c: AdapterConfig): void {
  if (c === null || typeof c !== 'object') throw new TypeError('config: expected an AdapterConfig');
  if (typeof c.signer?.sign !== 'function' || typeof c.signer.did !== 'string') throw new TypeError('config.signer: expected a Signer');
  if (typeof c.authority?.keyAt !== 'function') throw new TypeError('config.authority: expected an Authority');
  if (typeof c.backend?.queryRecord !== 'function') throw new TypeError('config.backend: expected a ChainBackend');
  if (c.backend.kind !== 'bft-smt' && c.backend.kind !== 'evm' && c.backend.kind !== 'notary')
    throw new TypeError(
      `config.backend: kind ${JSON.stringify((c.backend as { kind?: unknown }).kind)} is not one of bft-smt, evm, notary`,
    );
  if (c.backend.kind === 'notary' && !isChainDirectory(c.authority))
    throw new TypeError(
      "config.authority: a notary chain's adapter reads its notaries from the registry; expected an AllianceAuthority (chainAt)",
    );
  if (!Array.isArray(c.definition?.actions) || !Array.isArray(c.definition.recordTypes))
    throw new TypeError('config.definition: expected an AdapterDefinition');
  assertChainId(c.definition.chainId, 'config.definition.chainId');
  if (
    c.jetstreamReplicas !== undefined &&
    (!Number.isSafeInteger(c.jetstreamReplicas) || c.jetstreamReplicas < 1 || c.jetstreamReplicas > 5)
  )
    throw new TypeError('config.jetstreamReplicas: expected 1 to 5 (JetStream keeps at most 5 replicas)');
  if (c.backend.chainId !== c.definition.chainId)
    throw new TypeError(`config.backend: serves ${c.backend.chainId}, the definition is for ${c.definition.chainId}`);
  if (c.definition.actions.length > 0 && c.judicialTrust === undefined) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'missing_judicial_trust',
      `config.judicialTrust: 链 ${c.definition.chainId} 执行动作，需要可信的司法链高度和区块头哈希 chain ${c.definition.chainId} executes actions, so it needs a trusted judicial height and header hash; print them with: ${JUDICIAL_ANCHOR_COMMAND}`,
    );
  }
}

/**
 * The judicial chain's parties: those that announced themselves, and the DIDs its registry entry
 * names as its servers (so a freshly started adapter need not wait for a heartbeat).
 */
/**
 * The judicial chain's hash suite: its registry entry's when the authority holds the registry,
 * else the configured one (SHA-256 unless told). A configuration that contradicts the entry is refused.
 */
function judicialHashSuite(authority: Authority, trust: JudicialTrustOptions, nowMs: number): HashSuite {
  const dir = authority as Partial<ChainDirectory>;
  const entry = typeof dir.chainAt === 'function' ? dir.chainAt(trust.chainId, nowMs)?.hashSuite : undefined;
  if (entry !== undefined && trust.hashSuite !== undefined && entry !== trust.hashSuite)
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'invalid_trust_options',
      `judicialTrust.hashSuite: ${trust.hashSuite} is configured, but the registry entry of ${trust.chainId} names ${entry}`,
    );
  return entry ?? trust.hashSuite ?? 'sha256';
}

function judicialPartiesOf(authority: Authority, announced: ReplicaTracker, chainId: string, nowMs: number): string[] {
  const dir = authority as Partial<ChainDirectory>;
  const servers = typeof dir.chainAt === 'function' ? (dir.chainAt(chainId, nowMs)?.servers ?? []) : [];
  return [...new Set([...announced.parties(chainId), ...servers])];
}

/** Start an adapter; resolves once it serves queries, publishes headers and (if any) consumes actions. */
/** The KV bucket where a chain's adapter remembers the orders it executed (its replay guard). */
export function orderReplayBucket(chain: string): string {
  return `cb_orders_${chain}`;
}

export async function startAdapter(config: AdapterConfig): Promise<AdapterHandle> {
  checkConfig(config);
  const chain = config.definition.chainId;
  const replicaId = config.replicaId ?? `${hostname()}-${process.pid}`;
  const now = config.now ?? Date.now;
  const logger = (config.logger ?? silentLogger()).child({ chain, replica: replicaId });
  const bus = await connectBus({
    servers: config.servers,
    name: `adapter-${chain}-${replicaId}`,
    logger,
    ...(config.natsAuth === undefined ? {} : { auth: config.natsAuth }),
    ...(config.metrics === undefined ? {} : { metrics: config.metrics }),
  });
  const nc = bus.nc;
  const js = nc.jetstream();
  const replicas = config.jetstreamReplicas ?? 1;
  // Registry updates first: the role is checked, and nothing served or executed, on the registry
  // as the stream has it, not as the genesis had it (an adapter admitted after the genesis).
  // The follower checks every update as the gateway does (admin quorum, envelope signer's role)
  // and keeps following after the start, so a later revocation or rotation is seen at once.
  let follower: RegistryFollower | undefined;
  let orderReplayKv: KV | undefined;
  try {
    if (config.registry !== undefined) {
      follower = new RegistryFollower({
        nc,
        registry: config.registry,
        authority: config.authority,
        logger: logger.child({ part: 'registry' }),
        now,
        replicas,
      });
      await follower.start();
    }
    assertAdmitted(
      config.authority,
      { did: config.signer.did, chain, ...(config.registry === undefined ? {} : { registryVersion: config.registry.state.sequence }) },
      now(),
    );
    const jsm = await nc.jetstreamManager();
    for (const key of ['headers', 'actions', 'results'] as const)
      await ensureStream(jsm, { name: Streams[key].name, subjects: Streams[key].subjects, replicas, logger });
    // Provisioned with the streams, so a deployment that cannot hold its replicas is refused before anything is served.
    if (config.definition.actions.length > 0 && config.orderReplay === undefined)
      orderReplayKv = await ensureKv(js, orderReplayBucket(chain), { ttlMs: 2 * 3_600_000, replicas, logger });
    await config.backend.start();
  } catch (e) {
    await follower?.stop().catch(() => undefined);
    await bus.close().catch(() => undefined);
    throw e;
  }

  let closedResolve!: () => void;
  const closedP = new Promise<void>((r) => (closedResolve = r));
  let state: 'running' | 'draining' | 'closed' = 'running';

  const metrics = config.metrics === undefined ? undefined : adapterMetrics(config.metrics);
  const onQueryHook = config.testHooks?.onQueryOutcome;
  const onQueryOutcome: NonNullable<QueryServerOptions['onOutcome']> = (kind, outcome) => {
    metrics?.queries.inc({ chain, kind, outcome });
    onQueryHook?.(kind, outcome);
  };
  const authority = config.authority;
  const notary =
    config.backend.kind === 'notary' && isChainDirectory(authority)
      ? new NotaryCollector({
          nc,
          chainId: chain,
          authority,
          now,
          logger: logger.child({ part: 'notary' }),
          ...(config.metrics === undefined ? {} : { metrics: courtbridgeMetrics(config.metrics) }),
        })
      : undefined;
  const queries: QueryServer = startQueryServer({
    nc,
    backend: config.backend,
    definition: config.definition,
    now,
    logger,
    ...(config.metrics === undefined ? {} : { metrics: courtbridgeMetrics(config.metrics) }),
    onOutcome: onQueryOutcome,
    ...(notary === undefined ? {} : { notary }),
  });
  // Every party serving a bft-smt chain is a witness of it for others' skipping light clients,
  // and publishes its headers; an evm chain's blocks are made final by its notaries instead.
  const backend = config.backend;
  const witness =
    backend.kind === 'bft-smt' ? startWitnessServer({ nc, chainId: chain, signer: config.signer, backend, now, logger }) : undefined;
  const headers: HeaderPublisher | undefined =
    backend.kind === 'bft-smt'
      ? await startHeaderPublisher({
          js,
          signer: config.signer,
          backend,
          now,
          logger,
          onPublished: () => metrics?.headersPublished.inc({ chain }),
        })
      : undefined;
  const stopAnnouncing = startAnnouncing({
    nc,
    signer: config.signer,
    definition: config.definition,
    replicaId,
    now,
    logger,
    ...(config.announceIntervalMs ? { intervalMs: config.announceIntervalMs } : {}),
  });

  const assetIndex = config.definition.assetIndex;
  const stopReporting =
    backend.kind === 'bft-smt' && backend.subscribeIndexed !== undefined && assetIndex !== undefined
      ? startAssetReporter({
          nc,
          signer: config.signer,
          chainId: chain,
          index: assetIndex,
          subscribe: (l) => backend.subscribeIndexed!(l),
          now,
          logger: logger.child({ part: 'asset-reports' }),
          ...(config.testHooks?.onAssetReported ? { onReported: config.testHooks.onAssetReported } : {}),
        })
      : () => undefined;

  // Simulated crash (tests): the connection dies without acking, the backend closes, nothing drains.
  const crash = async (): Promise<void> => {
    state = 'closed';
    stopAnnouncing();
    stopReporting();
    await headers?.stop().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await config.backend.close();
    closedResolve();
  };

  let judicialClient: LightClient | undefined;
  let judicialParties: ReplicaTracker | undefined;
  let consumer: ActionConsumer | undefined;
  if (config.definition.actions.length > 0) {
    const trust = config.judicialTrust!;
    judicialParties =
      trust.witnesses === undefined ? new ReplicaTracker({ nc, chains: [trust.chainId], authority: config.authority, now }) : undefined;
    const judicialEntry = (config.authority as Partial<ChainDirectory>).chainAt?.(trust.chainId, now());
    judicialClient = await initJudicialClient(
      nc,
      {
        ...trust,
        hashSuite: judicialHashSuite(config.authority, trust, now()),
        ...(judicialEntry === undefined ? {} : { signatureSuite: judicialEntry.signatureSuite }),
      },
      now,
      logger,
    );
    const replay = config.orderReplay ?? new KvOrderReplayGuard(orderReplayKv!);
    const opts: ActionConsumerOptions = {
      nc,
      js,
      signer: config.signer,
      authority: config.authority,
      backend: config.backend,
      definition: config.definition,
      // A validator-set change on the judicial chain: bisect through light blocks asked of its adapters.
      // Judicial headers verified by skipping wait for a witness: the judicial adapter parties.
      judicial: {
        chainId: trust.chainId,
        client: judicialClient,
        fetchLightBlock: (height: number) => fetchLightBlock(nc, trust.chainId, height, now() + 5_000, now),
        witness: judicialWitness(
          nc,
          config.authority,
          trust.chainId,
          () => trust.witnesses ?? judicialPartiesOf(config.authority, judicialParties!, trust.chainId, now()),
          now,
        ),
      },
      replay,
      ...(notary === undefined ? {} : { notary }),
      now,
      logger,
      ...(config.metrics === undefined ? {} : { metrics: courtbridgeMetrics(config.metrics) }),
      onCrash: crash,
      ...(config.actions ?? {}),
    };
    if (config.testHooks?.crashPoint) opts.crashPoint = config.testHooks.crashPoint;
    const onResultHook = config.testHooks?.onActionResult;
    opts.onResult = (actionId, status, reason) => {
      metrics?.actions.inc({ chain, outcome: status, reason });
      onResultHook?.(actionId, status, reason);
    };
    consumer = await startActionConsumer(opts);
  }
  logger.info({ did: config.signer.did, actions: config.definition.actions.length }, 'adapter started');

  const drain = async (): Promise<void> => {
    if (state !== 'running') return closedP;
    state = 'draining';
    stopAnnouncing();
    stopReporting();
    await consumer?.stop();
    judicialParties?.stop();
    await follower?.stop();
    await queries.drain();
    if (witness !== undefined && !witness.isClosed()) await witness.drain().catch(() => undefined);
    await headers?.stop();
    await bus.drain().catch(() => undefined);
    await config.backend.close();
    state = 'closed';
    logger.info('adapter drained');
    closedResolve();
  };
  return { chainId: chain, replicaId, bus, judicialClient, drain, closed: () => closedP };
}

/**
 * Drain `handle` on SIGTERM or SIGINT (what a `main.ts` calls; never on import). Exits the
 * process with 0 after a clean drain, 1 if starting or draining failed. Pass the PROMISE of the
 * handle to install the handlers before the adapter starts: it announces and answers queries
 * while it is still starting, and a SIGTERM in that window must wait for the start, then drain,
 * not kill the process mid-start.
 */
export function drainOnSignals(handle: AdapterHandle | Promise<AdapterHandle>, logger: Logger = silentLogger()): void {
  stopOnSignals(() => Promise.resolve(handle).then((h) => h.drain()), logger, { stopping: 'draining adapter', failed: 'drain failed' });
}

/**
 * `startGateway(config)`: the composed gateway. Order: key and genesis from disk,
 * NATS, JetStream streams and buckets, the registry (caught up from `CB_REGISTRY`), the
 * authority, the guard (auth, policy, limits), the services (ours and the query path's,
 * through `options.extraHandlers`), health, reflection, metrics, then listen. Nothing runs on
 * import. The gateway keeps no state of its own: every fact is in JetStream, so two gateways on
 * one NATS answer alike (DESIGN.md "Scale").
 *
 * @example
 * const gw = await startGateway(loadGatewayConfig({ env: process.env }));
 * console.log(gw.address, gw.did);
 * await gw.shutdown();
 */
import { readFile } from 'node:fs/promises';

import * as grpc from '@grpc/grpc-js';

import { connectBus, type BusConnection } from '../bus/connection.js';
import { ensureKv, provisionCourtbridge } from '../bus/jetstream.js';
import { KvReplayGuard } from '../bus/replay-kv.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { AllianceAuthority } from '../identity/alliance-authority.js';
import { AllianceRegistry } from '../identity/alliance-registry.js';
import { readKeyFileWith } from '../identity/keystore.js';
import { createSigner } from '../identity/signer.js';
import { libsecp256k1Error } from '../crypto/libsecp256k1.js';
import { libsecpReceiptSigner } from './receipts/libsecp-signer.js';
import { workerReceiptSigner, type WorkerReceiptSigner } from './receipts/worker-signer.js';
import { MemoryRegistryStore } from '../identity/registry-store.js';
import type { Signer } from '../identity/signer.js';
import { createLogger, type Logger } from '../log.js';
import { createRegistry } from '../metrics.js';
import type { ChainServiceHandlers } from '../generated/courtbridge/v1/ChainService.js';
import { Authenticator } from './auth/authenticate.js';
import { CallGuard } from './auth/guard.js';
import { statusOf } from './host/grpc-status.js';
import { TokenCache } from './auth/token-cache.js';
import { BREAKER_BUCKET, Breakers, misbehaviourTripReason } from './breaker.js';
import { relayMetrics, serveMetrics, type MetricsServer, type RelayMetrics } from './metrics-http.js';
import { createGatewayServer, type ShutdownOutcome } from './host/server.js';
import type { GatewayHandlers } from './host/services.js';
import { ActionService, type JudicialProofCheck } from './modules/actions.js';
import { allianceHandlers } from './modules/alliance.js';
import { followNatsHealth } from './host/nats-health.js';
import { RegistrySync } from './registry-sync.js';
import { startWorkflowServices, type WorkflowServiceOptions } from '../workflows/gateway/evidence-module.js';
import type { KV } from 'nats';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { fromUtf8 } from '../encoding/bytes.js';
import { verifyBundleBytes } from '../verify/bundle-verify.js';
import { evidenceByQuery } from './modules/evidence-by-query.js';
import { chainConfigsOf } from './gateway-chains.js';
import { followRegistryChains } from './chain-follower.js';
import { followGatewayHealth } from './host/gateway-health.js';
import type { VerifyEvidence } from '../workflows/gateway/evidence-lookup.js';
import { createVerificationHttpServer, type VerificationHttpServer } from './http/verification-http.js';
import { judicialProofCheck } from './modules/judicial-proof-check.js';
import type { ReceiptSigner } from './receipts/root-signer.js';
import { contextOf } from './auth/guard.js';
import type { BreakerRecord } from './breaker.js';
import type { BreakerView } from './modules/chains.js';
import { startQueryPath, type QueryPath } from './modules/query-path.js';
import { watchActionsHandler } from './modules/watch-actions.js';
import { unfreezeChain } from './modules/unfreeze-chain.js';
import { Buckets } from '../bus/subjects.js';
import { isChainOp } from '../identity/registry-update.js';

/** What the query path (and other services) get to build their handlers. */
export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly bus: BusConnection;
  readonly signer: Signer;
  readonly authority: AllianceAuthority;
  readonly registry: AllianceRegistry;
  readonly breakers: Breakers;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
  /** The query path (light clients, receipts, verified queries), composed by default. */
  readonly queryPath: QueryPath | undefined;
}

export interface StartGatewayOptions {
  /** The gateway's signer; read from `config.keyFile` unless given (tests). */
  signer?: Signer;
  /** Genesis bytes; read from `config.genesisFile` unless given (tests). */
  genesisBytes?: Uint8Array;
  /** Handlers of other services (the query path), built from the shared parts; gated like ours. */
  extraHandlers?: (deps: GatewayDeps) => GatewayHandlers | Promise<GatewayHandlers>;
  /**
   * The judicial smart contracts' services (EvidenceService; MediationService when an engine is
   * given), served unless `false` (src/workflows/network/gateway-services.ts).
   */
  workflows?: false | WorkflowServiceOptions;
  /** Deep check of an action's judicial proof (the query path's verifier). */
  judicialProof?: JudicialProofCheck;
  /** The receipt signer (e.g. an off-loop key); the gateway's `signer` unless given. */
  receiptSigner?: ReceiptSigner;
  /** The verification page's evidence lookup (an in-process evidence registry); a judicial-chain query unless given. */
  verifyEvidence?: VerifyEvidence;
  /** `off` leaves the query path out (control-path tests); `on` unless told. */
  queryPath?: 'on' | 'off';
  /** How often light clients are looked at for health and misbehaviour trips, ms; 1,000 unless told. */
  watchIntervalMs?: number;
  logger?: Logger;
  now?: () => number;
}

/** The judicial chain's id: orders are proven there (DESIGN.md "Actions"). */
export const JUDICIAL_CHAIN_ID = 'judicial';

/** A Signer as a ReceiptSigner (noble, on the event loop; give `receiptSigner` to sign off it). */
function receiptSignerOf(signer: Signer): ReceiptSigner {
  return { did: signer.did, kid: signer.kid, sign: (m) => Promise.resolve(signer.sign(m)) };
}

/**
 * Breaker states kept in memory from a watch on the breaker bucket, so ChainStatus (synchronous)
 * shows the state every replica sees (DESIGN.md "Scale": the state is in JetStream).
 */
async function watchBreakerViews(kv: KV, logger: Logger): Promise<{ view(chain: string): BreakerView; stop(): void }> {
  const views = new Map<string, BreakerView>();
  const w = await kv.watch({ key: '>' });
  void (async () => {
    for await (const e of w) {
      if (e.operation !== 'PUT' || e.value.length === 0) {
        views.delete(e.key);
        continue;
      }
      try {
        const r = JSON.parse(fromUtf8(e.value)) as BreakerRecord;
        views.set(e.key, { state: r.state, reason: r.state === 'open' ? `breaker_open: ${r.cause}: ${r.reason}` : '' });
      } catch {
        logger.warn({ chain: e.key }, 'unreadable breaker record ignored');
      }
    }
  })();
  return { view: (chain) => views.get(chain) ?? { state: 'closed', reason: '' }, stop: () => w.stop() };
}

export interface RunningGateway {
  /** `host:port` actually bound. */
  readonly address: string;
  readonly did: string;
  /** Port of `/metrics`, when enabled. */
  readonly metricsPort: number | undefined;
  /** Base URL of the verification page, when configured. */
  readonly verificationUrl: string | undefined;
  /** For tests and composition: the live parts. */
  readonly deps: GatewayDeps;
  /** Stop accepting calls, drain in-flight ones (up to `limits.shutdownGraceMs`), close NATS. */
  shutdown(): Promise<ShutdownOutcome>;
}

/** Compose and start a gateway. */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ component: 'gateway', level: config.logLevel });
  // From the key file: the gateway's signer, and the receipt signer for batch roots: libsecp256k1
  // on the event loop (~56 µs a signature), or, when its addon does not load, noble on a worker
  // thread (a noble signature costs about as much CPU as the gap between answers).
  const keys =
    options.signer !== undefined
      ? { signer: options.signer, receiptSigner: options.receiptSigner }
      : await readKeyFileWith(config.keyFile, config.keyPassphrase === undefined ? {} : { passphrase: config.keyPassphrase }, async (did, kid, sk) => ({
          signer: createSigner(did, kid, sk),
          receiptSigner: options.receiptSigner ?? libsecpReceiptSigner(did, kid, sk) ?? (await workerReceiptSigner(did, kid, sk)),
        }));
  const signer = keys.signer;
  const ownedReceiptSigner = options.receiptSigner === undefined && keys.receiptSigner !== undefined && 'close' in keys.receiptSigner ? (keys.receiptSigner as WorkerReceiptSigner) : undefined;
  const genesisBytes = options.genesisBytes ?? new Uint8Array(await readFile(config.genesisFile));
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(genesisBytes), config.genesisHash, now());
  const authority = new AllianceAuthority(() => registry.state);
  const promRegistry = createRegistry();
  const metrics = relayMetrics(promRegistry);

  const bus = await connectBus({ servers: [...config.natsServers], name: config.name, logger });
  const cleanup: Array<() => Promise<unknown>> = [() => bus.drain()];
  try {
    const { kv } = await provisionCourtbridge(bus.nc, { replicas: config.jetstreamReplicas });
    const js = bus.nc.jetstream();
    const breakerKv = await ensureKv(js, BREAKER_BUCKET, { history: 5, replicas: config.jetstreamReplicas });
    const cache = new TokenCache();
    let queryPath: QueryPath | undefined;
    const chains = followRegistryChains({ config, state: () => registry.state, path: () => queryPath, logger: logger.child({ part: 'chains' }) });
    const sync = new RegistrySync({
      nc: bus.nc,
      registry,
      authority,
      signer,
      logger: logger.child({ part: 'registry' }),
      now,
      replicas: config.jetstreamReplicas,
      // A revocation or rotation drops the DID's cached tokens at once; an admitted or removed
      // chain is served or dropped without a restart (chain-follower.ts).
      onApplied: (u) => {
        if (!isChainOp(u.op)) void cache.invalidateDid(u.op.did);
        else chains.onApplied(u);
      },
    });
    await sync.start();
    cleanup.unshift(() => sync.stop());

    const breakers = new Breakers({ kv: breakerKv, replayKv: kv.replay, js, signer, state: () => registry.state, config: config.breaker, now, metrics, logger: logger.child({ part: 'breaker' }) });
    const breakerViews = await watchBreakerViews(breakerKv, logger);
    cleanup.unshift(async () => breakerViews.stop());

    // The query path: light clients per chain, verified queries, receipts ("Query").
    if (options.queryPath !== 'off') {
      const selection = chainConfigsOf(config, registry.state);
      for (const c of selection.skipped) logger.warn({ chain: c }, 'chain granted in the registry but unknown to this gateway: not followed');
      for (const c of selection.trustOnFirstAnnounce) logger.warn({ chain: c }, 'light client trusts the first header it sees (dev only): pin chainTrust.<chain>.start in production');
      queryPath = await startQueryPath({
        nc: bus.nc,
        chains: selection.chains,
        authority,
        signer: keys.receiptSigner ?? receiptSignerOf(signer),
        receiptMode: config.receiptMode,
        now,
        logger: logger.child({ part: 'query' }),
        registry: promRegistry,
        // The DID the guard authenticated goes into every receipt ("Query").
        callerOf: (call) => contextOf(call).caller?.did ?? '',
        breakerOf: (chain) => breakerViews.view(chain),
      });
      const qp = queryPath;
      cleanup.unshift(() => qp.stop());
    }
    const actions = new ActionService({
      nc: bus.nc,
      actionsKv: kv.actions,
      replayKv: kv.replay,
      resultReplay: new KvReplayGuard(kv.replay),
      signer,
      authority,
      state: () => registry.state,
      breakers,
      limits: config.actionLimits,
      ...(options.judicialProof !== undefined
        ? { judicialProof: options.judicialProof }
        : queryPath !== undefined && queryPath.manager.chains().some((c) => c.chainId === JUDICIAL_CHAIN_ID)
          ? { judicialProof: judicialProofCheck({ engine: queryPath.engine, judicialChainId: JUDICIAL_CHAIN_ID, requesterDid: signer.did }) }
          : {}),
      metrics,
      logger: logger.child({ part: 'actions' }),
      now,
    });
    await actions.startTracker();
    cleanup.unshift(() => actions.stopTracker());

    const deps: GatewayDeps = { config, bus, signer, authority, registry, breakers, metrics, logger, queryPath };
    const fromDeps = (await options.extraHandlers?.(deps)) ?? {};
    const qh = queryPath?.handlers ?? {};
    const wf = options.workflows === false ? undefined : startWorkflowServices(deps, options.workflows ?? {}, now);
    if (wf !== undefined) cleanup.unshift(() => wf.stop());
    const extra: GatewayHandlers = { ...wf?.handlers, ...qh, ...fromDeps };
    for (const s of ['ChainService', 'QueryService', 'InvestigationService', 'VerificationService', 'WatchService'] as const) {
      if (qh[s] !== undefined && fromDeps[s] !== undefined) (extra as Record<string, object>)[s] = { ...qh[s], ...fromDeps[s] };
    }
    const breakerHandlers: Partial<ChainServiceHandlers> = {
      TripBreaker: (call, cb) => void breakers.tripByOrder(call.request).then((r) => cb(null, r), (e: unknown) => cb(statusOf(e), null)),
      ResetBreaker: (call, cb) => void breakers.resetByOrder(call.request).then((r) => cb(null, r), (e: unknown) => cb(statusOf(e), null)),
    };
    // ChainService/UnfreezeChain (src/relay/unfreeze-chain.ts): needs the light clients, so the query path.
    if (queryPath !== undefined) {
      const qp = queryPath;
      const trustedKv = await ensureKv(js, Buckets.trusted, { history: 1, replicas: config.jetstreamReplicas });
      const unfreeze = { breakers, manager: qp.manager, trustedKv, status: { replicas: qp.replicas, now, breakerOf: (c: string) => breakerViews.view(c) }, now, logger: logger.child({ part: 'unfreeze' }) };
      breakerHandlers.UnfreezeChain = (call, cb) => void unfreezeChain(unfreeze, call.request).then((r) => cb(null, r.status), (e: unknown) => cb(statusOf(e), null));
    }
    // WatchService/WatchActions (src/relay/services/watch-actions.ts): the action log, per chain.
    const knownChains = new Set(queryPath?.manager.chains().map((c) => c.chainId) ?? config.chains);
    const watchActions = watchActionsHandler({ nc: bus.nc, authority, state: () => registry.state, knownChain: (c) => knownChains.has(c), now, logger: logger.child({ part: 'watch-actions' }) });
    const handlers: GatewayHandlers = {
      ...extra,
      ChainService: { ...extra.ChainService, ...breakerHandlers },
      WatchService: { ...extra.WatchService, WatchActions: watchActions } as GatewayHandlers['WatchService'],
      ActionService: { ...extra.ActionService, ...actions.handlers() },
      AllianceService: { ...extra.AllianceService, ...allianceHandlers({ registry, sync, now, servedHere: (c) => chains.servedHere(c) }) },
    };
    // did:key callers are refused unless the development switch admits them to member reads.
    if (config.dev.allowDidKeyCallers) logger.warn('dev.allowDidKeyCallers is on: self-made did:key callers may read member-only methods (development only; turn it off in production)');
    const guard = new CallGuard({
      authenticator: new Authenticator({ audience: signer.did, authority, cache }),
      state: () => registry.state,
      limits: config.limits,
      metrics,
      logger,
      now,
      didKeyCallers: config.dev.allowDidKeyCallers ? 'allow_without_roles' : 'refuse',
    });

    let credentials: grpc.ServerCredentials | undefined;
    if (config.tls !== undefined) {
      const [cert, key] = await Promise.all([readFile(config.tls.certFile), readFile(config.tls.keyFile)]);
      credentials = grpc.ServerCredentials.createSsl(null, [{ cert_chain: cert, private_key: key }], false);
    }
    const server = createGatewayServer({
      handlers: guard.wrap(handlers),
      ...(credentials === undefined ? {} : { credentials }),
      serverOptions: { 'grpc.max_receive_message_length': config.limits.maxReceiveMessageBytes, 'grpc.max_send_message_length': config.limits.maxSendMessageBytes },
    });
    const { port } = await server.start(config.listen);
    if (queryPath === undefined) followNatsHealth(bus.nc, server, logger);
    else {
      const qp = queryPath;
      const health = followGatewayHealth({ nc: bus.nc, sink: server, views: () => qp.manager.chains().map((c) => qp.manager.view(c.chainId)), judicialChainId: JUDICIAL_CHAIN_ID, logger, ...(options.watchIntervalMs === undefined ? {} : { intervalMs: options.watchIntervalMs }) });
      cleanup.unshift(async () => health.stop());
      const trips = tripOnMisbehaviour(qp, breakers, signer.did, logger, options.watchIntervalMs ?? 1_000);
      cleanup.unshift(async () => trips.stop());
    }
    let metricsServer: MetricsServer | undefined;
    if (config.metricsPort >= 0) metricsServer = await serveMetrics(promRegistry, config.metricsHost, config.metricsPort);
    // The public verification page (src/relay/http/verification-http.ts), when configured.
    let page: VerificationHttpServer | undefined;
    let verificationUrl: string | undefined;
    if (config.verificationHttp !== undefined) {
      const qp = queryPath;
      const verifyEvidence: VerifyEvidence =
        options.verifyEvidence ??
        (qp !== undefined
          ? evidenceByQuery({ engine: qp.engine, authority, judicialChainId: JUDICIAL_CHAIN_ID, now })
          : () => Promise.reject(new CourtbridgeError(ErrorCode.Unavailable, 'evidence_unavailable', 'this gateway runs without the query path: evidence cannot be looked up')));
      page = createVerificationHttpServer({ verifyBundle: (bytes) => verifyBundleBytes(bytes, { atMs: now(), authority }), verifyEvidence, logger: logger.child({ part: 'verification-http' }) });
      verificationUrl = (await page.listen(config.verificationHttp.port, config.verificationHttp.host)).url;
    }
    const host = config.listen.slice(0, config.listen.lastIndexOf(':'));
    const address = `${host}:${port}`;
    const receiptSigning = options.receiptSigner !== undefined ? 'given' : ownedReceiptSigner !== undefined ? `noble worker (libsecp256k1: ${libsecp256k1Error() || 'not loaded'})` : keys.receiptSigner !== undefined ? 'libsecp256k1' : 'noble';
    logger.info({ address, did: signer.did, receiptSigning, metricsPort: metricsServer?.port, verificationUrl }, 'gateway serving');
    let stopped: Promise<ShutdownOutcome> | undefined;
    return {
      address,
      did: signer.did,
      metricsPort: metricsServer?.port,
      verificationUrl,
      deps,
      shutdown: () =>
        (stopped ??= (async () => {
          const outcome = await server.shutdown(config.limits.shutdownGraceMs);
          await metricsServer?.close();
          await page?.close();
          for (const c of cleanup) await c().catch(() => undefined);
          await ownedReceiptSigner?.close();
          logger.info({ outcome }, 'gateway stopped');
          return outcome;
        })()),
    };
  } catch (e) {
    for (const c of cleanup) await c().catch(() => undefined);
    await ownedReceiptSigner?.close();
    throw e;
  }
}

/**
 * Misbehaviour -> frozen client -> the chain's breaker trips ("Freshness and safety
 * valves": "tripped automatically on misbehaviour"), audited by `Breakers.trip`. Each freeze trips
 * once per gateway process (keyed by its evidence time), so an operator's reset is not undone
 * while the frozen client awaits resolution; a second replica that sees the breaker already open
 * does not trip again.
 */
function tripOnMisbehaviour(qp: QueryPath, breakers: Breakers, actorDid: string, logger: Logger, intervalMs: number): { stop(): void } {
  const done = new Set<string>();
  let running = false;
  const check = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (const c of qp.manager.chains()) {
        const v = qp.manager.view(c.chainId);
        if (v.status !== 'frozen') continue;
        const id = `${c.chainId}@${v.misbehaviour?.frozenAtMs ?? 0}`;
        if (done.has(id)) continue;
        done.add(id);
        if ((await breakers.get(c.chainId)).state === 'open') continue;
        // The log names the misbehaviour the evidence shows (lunatic_attack, fork_detected, ...).
        await breakers.trip(c.chainId, 'misbehaviour', misbehaviourTripReason(v.misbehaviour), actorDid);
      }
    } catch (e) {
      logger.error({ err: e }, 'misbehaviour breaker check failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  void check();
  return { stop: () => clearInterval(timer) };
}

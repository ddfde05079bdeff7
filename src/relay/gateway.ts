/**
 * `startGateway(config)`: the composed gateway (issue 5). Order: key and genesis from disk,
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
import { readKeyFile } from '../identity/keystore.js';
import { MemoryRegistryStore } from '../identity/registry-store.js';
import type { Signer } from '../identity/signer.js';
import { createLogger, type Logger } from '../log.js';
import { createRegistry } from '../metrics.js';
import type { ChainServiceHandlers } from '../generated/courtbridge/v1/ChainService.js';
import { Authenticator } from './auth/authenticate.js';
import { CallGuard } from './auth/guard.js';
import { statusOf } from './auth/grpc-status.js';
import { TokenCache } from './auth/token-cache.js';
import { BREAKER_BUCKET, Breakers } from './breaker.js';
import { relayMetrics, serveMetrics, type MetricsServer, type RelayMetrics } from './metrics-http.js';
import { createGatewayServer, type ShutdownOutcome } from './server.js';
import type { GatewayHandlers } from './services.js';
import { ActionService, type JudicialProofCheck } from './services/actions.js';
import { allianceHandlers } from './services/alliance.js';
import { followNatsHealth } from './services/health.js';
import { RegistrySync } from './services/registry-sync.js';

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
}

export interface StartGatewayOptions {
  /** The gateway's signer; read from `config.keyFile` unless given (tests). */
  signer?: Signer;
  /** Genesis bytes; read from `config.genesisFile` unless given (tests). */
  genesisBytes?: Uint8Array;
  /** Handlers of other services (the query path), built from the shared parts; gated like ours. */
  extraHandlers?: (deps: GatewayDeps) => GatewayHandlers | Promise<GatewayHandlers>;
  /** Deep check of an action's judicial proof (the query path's verifier). */
  judicialProof?: JudicialProofCheck;
  logger?: Logger;
  now?: () => number;
}

export interface RunningGateway {
  /** `host:port` actually bound. */
  readonly address: string;
  readonly did: string;
  /** Port of `/metrics`, when enabled. */
  readonly metricsPort: number | undefined;
  /** For tests and composition: the live parts. */
  readonly deps: GatewayDeps;
  /** Stop accepting calls, drain in-flight ones (up to `limits.shutdownGraceMs`), close NATS. */
  shutdown(): Promise<ShutdownOutcome>;
}

/** Compose and start a gateway. */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ component: 'gateway', level: config.logLevel });
  const signer = options.signer ?? (await readKeyFile(config.keyFile, config.keyPassphrase === undefined ? {} : { passphrase: config.keyPassphrase }));
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
    const sync = new RegistrySync({
      nc: bus.nc,
      registry,
      authority,
      signer,
      logger: logger.child({ part: 'registry' }),
      now,
      replicas: config.jetstreamReplicas,
      // A revocation or rotation drops the DID's cached tokens at once.
      onApplied: (u) => void cache.invalidateDid(u.op.did),
    });
    await sync.start();
    cleanup.unshift(() => sync.stop());

    const breakers = new Breakers({ kv: breakerKv, replayKv: kv.replay, js, signer, state: () => registry.state, config: config.breaker, now, metrics, logger: logger.child({ part: 'breaker' }) });
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
      ...(options.judicialProof === undefined ? {} : { judicialProof: options.judicialProof }),
      metrics,
      logger: logger.child({ part: 'actions' }),
      now,
    });
    await actions.startTracker();
    cleanup.unshift(() => actions.stopTracker());

    const deps: GatewayDeps = { config, bus, signer, authority, registry, breakers, metrics, logger };
    const extra = (await options.extraHandlers?.(deps)) ?? {};
    const breakerHandlers: Partial<ChainServiceHandlers> = {
      TripBreaker: (call, cb) => void breakers.tripByOrder(call.request).then((r) => cb(null, r), (e: unknown) => cb(statusOf(e), null)),
      ResetBreaker: (call, cb) => void breakers.resetByOrder(call.request).then((r) => cb(null, r), (e: unknown) => cb(statusOf(e), null)),
    };
    const handlers: GatewayHandlers = {
      ...extra,
      ChainService: { ...extra.ChainService, ...breakerHandlers },
      ActionService: { ...extra.ActionService, ...actions.handlers() },
      AllianceService: { ...extra.AllianceService, ...allianceHandlers({ registry, sync, now }) },
    };
    const guard = new CallGuard({ authenticator: new Authenticator({ audience: signer.did, authority, cache }), state: () => registry.state, limits: config.limits, metrics, logger, now });

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
    followNatsHealth(bus.nc, server, logger);
    let metricsServer: MetricsServer | undefined;
    if (config.metricsPort >= 0) metricsServer = await serveMetrics(promRegistry, config.metricsHost, config.metricsPort);
    const host = config.listen.slice(0, config.listen.lastIndexOf(':'));
    const address = `${host}:${port}`;
    logger.info({ address, did: signer.did, metricsPort: metricsServer?.port }, 'gateway serving');
    let stopped: Promise<ShutdownOutcome> | undefined;
    return {
      address,
      did: signer.did,
      metricsPort: metricsServer?.port,
      deps,
      shutdown: () =>
        (stopped ??= (async () => {
          const outcome = await server.shutdown(config.limits.shutdownGraceMs);
          await metricsServer?.close();
          for (const c of cleanup) await c().catch(() => undefined);
          logger.info({ outcome }, 'gateway stopped');
          return outcome;
        })()),
    };
  } catch (e) {
    for (const c of cleanup) await c().catch(() => undefined);
    throw e;
  }
}

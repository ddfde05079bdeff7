/**
 * `startGateway(config)`: the gateway host. It builds the shared parts (key and genesis from
 * disk, NATS, JetStream streams and buckets, the registry caught up from `CB_REGISTRY`, the
 * authority, metrics, breakers), builds its modules (query, chains, actions, alliance,
 * verification, watch; modules/) and the caller's (`options.modules`), mounts them (a method
 * served twice is refused, host/mount.ts), gates them (auth, policy, limits), then serves them
 * with health, reflection, metrics and the verification page. Nothing runs on import. The
 * gateway keeps no state of its own: every fact is in JetStream, so two gateways on one NATS
 * answer alike (DESIGN.md "Scale").
 *
 * The relay knows no workflow and no adapter: the judicial workflows come as modules and the
 * chain catalog as an option, from a composition root above it (src/node/gateway-node.ts).
 *
 * @example
 * const gw = await startGateway(loadGatewayConfig({ env: process.env }), { catalog });
 * console.log(gw.address, gw.did);
 * await gw.shutdown();
 */
import { readFile } from 'node:fs/promises';

import * as grpc from '@grpc/grpc-js';

import { connectBus } from '../bus/connection.js';
import { ensureKv, provisionCourtbridge } from '../bus/jetstream.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { AllianceAuthority } from '../identity/alliance-authority.js';
import { AllianceRegistry } from '../identity/alliance-registry.js';
import { readKeyFileWith } from '../identity/keystore.js';
import { MemoryRegistryStore } from '../identity/registry-store.js';
import { isChainOp } from '../identity/registry-update.js';
import { createSigner, type Signer } from '../identity/signer.js';
import { createLogger, type Logger } from '../log.js';
import { createRegistry } from '../metrics.js';
import { libsecp256k1Error } from '../crypto/libsecp256k1.js';
import { verifyProofBundleBytes } from '../verify/proof-bundle-verify.js';
import { Authenticator } from './auth/authenticate.js';
import { CallGuard } from './auth/guard.js';
import { TokenCache } from './auth/token-cache.js';
import { BREAKER_BUCKET, Breakers } from './breaker.js';
import { watchBreakerViews } from './breaker-views.js';
import { catalogEvmRecords, catalogRecordLayouts, type ChainCatalog } from './chain-catalog.js';
import { followRegistryChains } from './chain-follower.js';
import { JUDICIAL_CHAIN_ID, type GatewayDeps } from './gateway-deps.js';
import { followGatewayHealth } from './host/gateway-health.js';
import { mount, stopModules, type GatewayModule, type ModuleFactory } from './host/mount.js';
import { followNatsHealth } from './host/nats-health.js';
import { createGatewayServer, type ShutdownOutcome } from './host/server.js';
import type { CourtbridgeServiceName } from './host/services.js';
import type { EvidenceRecordChecks, VerifyEvidence } from './http/evidence-report.js';
import { createVerificationHttpServer, type VerificationHttpServer } from './http/verification-http.js';
import { relayMetrics, serveMetrics, type MetricsServer } from './metrics-http.js';
import { actionsModule } from './modules/actions-module.js';
import type { JudicialProofCheck } from './modules/actions.js';
import { allianceModule } from './modules/alliance-module.js';
import { chainsModule } from './modules/chains-module.js';
import { evidenceByQuery } from './modules/evidence-by-query.js';
import { serviceByQuery } from './modules/service-by-query.js';
import type { ServiceRecordChecks, VerifyService } from './http/service-report.js';
import type { QueryPath } from './modules/query-path.js';
import { queryModule } from './modules/query-module.js';
import { verificationModule } from './modules/verification-module.js';
import { watchModule } from './modules/watch-module.js';
import { libsecpReceiptSigner } from './receipts/libsecp-signer.js';
import { nobleReceiptSigner } from './receipts/noble-signer.js';
import type { ReceiptSigner } from './receipts/root-signer.js';
import { RegistrySync } from './registry-sync.js';

export { JUDICIAL_CHAIN_ID, type GatewayDeps } from './gateway-deps.js';

export interface StartGatewayOptions {
  /** The gateway's signer; read from `config.keyFile` unless given (tests). */
  signer?: Signer;
  /** Genesis bytes; read from `config.genesisFile` unless given (tests). */
  genesisBytes?: Uint8Array;
  /** What the gateway knows of each chain (the alliance's: adapters/catalog.ts); none unless given. */
  catalog?: ChainCatalog;
  /** More modules (the judicial workflows), built after the gateway's own from the same parts and gated like them. */
  modules?: readonly ModuleFactory<GatewayDeps>[];
  /** Deep check of an action's judicial proof (the query path's verifier unless given). */
  judicialProof?: JudicialProofCheck;
  /** The receipt signer; libsecp256k1 over the key file's key when it loads, else the gateway's `signer`. */
  receiptSigner?: ReceiptSigner;
  /** The verification page's evidence lookup (e.g. an in-process evidence registry); a judicial-chain query unless given. */
  verifyEvidence?: VerifyEvidence;
  /** The evidence checks of a proven anchor record, for the judicial-chain query (the evidence workflow's); none unless given. */
  evidenceRecordChecks?: EvidenceRecordChecks;
  /** The verification page's served-document lookup; a judicial-chain query with `serviceRecordChecks` unless given. */
  verifyService?: VerifyService;
  /** The served-document checks of proven service records (the service-of-process workflow's); without them and `verifyService`, no lookup. */
  serviceRecordChecks?: ServiceRecordChecks;
  /** `off` leaves the query path out (control-path tests); `on` unless told. */
  queryPath?: 'on' | 'off';
  /** How often light clients are looked at for health and misbehaviour trips, ms; 1,000 unless told. */
  watchIntervalMs?: number;
  logger?: Logger;
  now?: () => number;
}

export interface RunningGateway {
  /** `host:port` actually bound. */
  readonly address: string;
  readonly did: string;
  /** Port of `/metrics`, when enabled. */
  readonly metricsPort: number | undefined;
  /** Base URL of the verification page, when configured. */
  readonly verificationUrl: string | undefined;
  /** The courtbridge services served (those some module serves a method of). */
  readonly services: readonly CourtbridgeServiceName[];
  /** For tests and composition: the live parts. */
  readonly deps: GatewayDeps;
  /** Stop accepting calls, drain in-flight ones (up to `limits.shutdownGraceMs`), stop the modules, close NATS. */
  shutdown(): Promise<ShutdownOutcome>;
}

const NO_EVIDENCE_LOOKUP = 'this gateway runs without the query path: evidence cannot be looked up';

/** Compose and start a gateway. */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ component: 'gateway', level: config.logLevel });
  // From the key file: the gateway's signer, and the receipt signer for batch roots: libsecp256k1
  // (constant-time, ~56 µs a signature) when its addon loads, else noble's RFC 6979 signer.
  const keys =
    options.signer !== undefined
      ? { signer: options.signer, receiptSigner: options.receiptSigner }
      : await readKeyFileWith(
          config.keyFile,
          config.keyPassphrase === undefined ? {} : { passphrase: config.keyPassphrase },
          async (did, kid, sk, suite) => ({
            signer: createSigner(did, kid, sk, suite),
            receiptSigner: options.receiptSigner ?? (suite === 'secp256k1' ? libsecpReceiptSigner(did, kid, sk) : undefined),
          }),
        );
  const signer = keys.signer;
  const receiptSigner = keys.receiptSigner ?? nobleReceiptSigner(signer);
  const genesisBytes = options.genesisBytes ?? new Uint8Array(await readFile(config.genesisFile));
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(genesisBytes), config.genesisHash, now());
  const authority = new AllianceAuthority(() => registry.state);
  const promRegistry = createRegistry();
  const metrics = relayMetrics(promRegistry);
  const catalog = options.catalog ?? {};
  const recordLayouts = catalogRecordLayouts(catalog);
  const evmRecords = catalogEvmRecords(catalog);

  const bus = await connectBus({
    servers: [...config.natsServers],
    name: config.name,
    logger,
    metrics: promRegistry,
    ...(config.natsAuth === undefined ? {} : { auth: config.natsAuth }),
  });
  // Shared parts' stops, most recent first; modules are stopped before them (reverse mount order).
  const cleanup: Array<() => Promise<unknown>> = [() => bus.drain()];
  const modules: GatewayModule[] = [];
  let health: { stop(): void } | undefined;
  try {
    const { kv } = await provisionCourtbridge(bus.nc, { replicas: config.jetstreamReplicas, logger: logger.child({ part: 'jetstream' }) });
    const js = bus.nc.jetstream();
    const breakerKv = await ensureKv(js, BREAKER_BUCKET, {
      history: 5,
      replicas: config.jetstreamReplicas,
      logger: logger.child({ part: 'jetstream' }),
    });
    const cache = new TokenCache();
    let queryPath: QueryPath | undefined;
    const chains = followRegistryChains({
      config,
      catalog,
      state: () => registry.state,
      path: () => queryPath,
      logger: logger.child({ part: 'chains' }),
      registry: promRegistry,
    });
    const sync = new RegistrySync({
      nc: bus.nc,
      registry,
      authority,
      signer,
      logger: logger.child({ part: 'registry' }),
      now,
      replicas: config.jetstreamReplicas,
      metrics,
      // A revocation or rotation drops the DID's cached tokens at once; an admitted or removed
      // chain is served or dropped without a restart (chain-follower.ts).
      onApplied: (u) => {
        if (!isChainOp(u.op)) void cache.invalidateDid(u.op.did);
        else chains.onApplied(u);
      },
    });
    await sync.start();
    cleanup.unshift(() => sync.stop());

    const breakers = new Breakers({
      kv: breakerKv,
      replayKv: kv.replay,
      js,
      signer,
      state: () => registry.state,
      config: config.breaker,
      now,
      metrics,
      logger: logger.child({ part: 'breaker' }),
    });
    const breakerViews = await watchBreakerViews(breakerKv, logger);
    cleanup.unshift(async () => breakerViews.stop());

    const shared = {
      config,
      bus,
      js,
      buckets: kv,
      signer,
      receiptSigner,
      authority,
      registry,
      sync,
      chains,
      catalog,
      recordLayouts,
      evmRecords,
      breakers,
      breakerView: (chain: string) => breakerViews.view(chain),
      metrics,
      promRegistry,
      logger,
      now,
      watchIntervalMs: options.watchIntervalMs ?? 1_000,
    };
    // The query module comes first: the others read its light clients.
    if (options.queryPath !== 'off') {
      const query = await queryModule(shared);
      modules.push(query);
      queryPath = query.path;
      // Chains admitted or removed while the query path was being built are not in its selection.
      chains.attach();
    }
    const deps: GatewayDeps = { ...shared, queryPath };
    modules.push(await chainsModule(deps));
    modules.push(await actionsModule(deps, options.judicialProof === undefined ? {} : { judicialProof: options.judicialProof }));
    modules.push(allianceModule(deps));
    modules.push(verificationModule(deps));
    modules.push(watchModule(deps));
    for (const factory of options.modules ?? []) modules.push(await factory(deps));
    const handlers = mount(modules);

    // did:key callers are refused unless the development switch admits them to member reads.
    if (config.dev.allowDidKeyCallers) {
      logger.warn(
        'dev.allowDidKeyCallers is on: self-made did:key callers may read member-only methods (development only; turn it off in production)',
      );
    }
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
      serverOptions: {
        'grpc.max_receive_message_length': config.limits.maxReceiveMessageBytes,
        'grpc.max_send_message_length': config.limits.maxSendMessageBytes,
      },
    });
    const { port } = await server.start(config.listen);
    if (queryPath === undefined) followNatsHealth(bus.nc, server, logger);
    else {
      const qp = queryPath;
      const views = () => qp.manager.chains().map((c) => qp.manager.view(c.chainId));
      health = followGatewayHealth({
        nc: bus.nc,
        sink: server,
        views,
        judicialChainId: JUDICIAL_CHAIN_ID,
        logger,
        intervalMs: deps.watchIntervalMs,
      });
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
          ? evidenceByQuery({
              engine: qp.engine,
              authority,
              judicialChainId: JUDICIAL_CHAIN_ID,
              now,
              ...(options.evidenceRecordChecks === undefined ? {} : { recordChecks: options.evidenceRecordChecks }),
            })
          : () => Promise.reject(new CourtbridgeError(ErrorCode.Unavailable, 'evidence_unavailable', NO_EVIDENCE_LOOKUP)));
      const serviceChecks = options.serviceRecordChecks;
      const verifyService: VerifyService | undefined =
        options.verifyService ??
        (qp !== undefined && serviceChecks !== undefined
          ? serviceByQuery({ engine: qp.engine, authority, judicialChainId: JUDICIAL_CHAIN_ID, checks: serviceChecks, now })
          : undefined);
      const verifyBundle = (bytes: Uint8Array) => verifyProofBundleBytes(bytes, { atMs: now(), authority, evmRecords });
      page = createVerificationHttpServer({
        verifyBundle,
        verifyEvidence,
        ...(verifyService === undefined ? {} : { verifyService }),
        recordLayouts,
        memberOrg: (did) => registry.state.members.get(did)?.org,
        logger: logger.child({ part: 'verification-http' }),
      });
      verificationUrl = (await page.listen(config.verificationHttp.port, config.verificationHttp.host)).url;
    }
    const host = config.listen.slice(0, config.listen.lastIndexOf(':'));
    const address = `${host}:${port}`;
    const noble = `noble (libsecp256k1: ${libsecp256k1Error() || 'not loaded'})`;
    const receiptSigning = options.receiptSigner !== undefined ? 'given' : keys.receiptSigner !== undefined ? 'libsecp256k1' : noble;
    const served = { modules: modules.map((m) => m.name), services: server.services };
    logger.info(
      { address, did: signer.did, receiptSigning, ...served, metricsPort: metricsServer?.port, verificationUrl },
      'gateway serving',
    );
    let stopped: Promise<ShutdownOutcome> | undefined;
    return {
      address,
      did: signer.did,
      metricsPort: metricsServer?.port,
      verificationUrl,
      services: server.services,
      deps,
      shutdown: () =>
        (stopped ??= (async () => {
          const outcome = await server.shutdown(config.limits.shutdownGraceMs);
          await metricsServer?.close();
          await page?.close();
          health?.stop();
          for (const e of await stopModules(modules)) logger.warn({ err: e }, 'module did not stop cleanly');
          for (const c of cleanup) await c().catch(() => undefined);
          logger.info({ outcome }, 'gateway stopped');
          return outcome;
        })()),
    };
  } catch (e) {
    health?.stop();
    await stopModules(modules);
    for (const c of cleanup) await c().catch(() => undefined);
    throw e;
  }
}

/**
 * The gateway's query path composed: light-client manager, adapter replicas, adapter client,
 * receipts. The gateway's modules (query-module.ts, chains-module.ts, verification-module.ts,
 * watch-module.ts) serve it; `handlers` are the same read methods (ChainService reads,
 * QueryService, InvestigationService, VerificationService, WatchService headers) for a path
 * served on its own (tests, benches), with `contextOf: standaloneContext(...)`.
 *
 * @example
 * const path = await startQueryPath({ nc: bus.nc, chains, authority, signer, now: Date.now, logger });
 * const server = createGatewayServer({ handlers: path.handlers });
 * // ...
 * await server.shutdown(); await path.stop();
 */
import type { NatsConnection } from 'nats';
import type { Registry } from 'prom-client';
import { ensureKv } from '../../bus/jetstream.js';
import { Buckets } from '../../bus/subjects.js';
import { KvTrustedStore } from '../../bus/trusted-store-kv.js';
import { TraceBook } from '../light-clients/trace-book.js';
import type { Authority } from '../../identity/authority.js';
import type { ChainDirectory } from '../../identity/chain-entry.js';
import type { Logger } from '../../log.js';
import type { CourtbridgeMetrics } from '../../metrics.js';
import { adapterClient, type AdapterClient } from '../adapter-client.js';
import type { ChainConfig } from '../light-clients/chain-config.js';
import { LightClientManager } from '../light-clients/manager.js';
import { NotaryBook } from '../light-clients/notary-book.js';
import { notaryKv } from '../../bus/notary-kv.js';
import { ReplicaTracker } from '../../bus/replicas.js';
import { createReceiptIssuer, type ReceiptIssuer, type ReceiptMode } from '../receipts/receipt-issuer.js';
import type { ReceiptSigner } from '../receipts/root-signer.js';
import type { GatewayHandlers } from '../host/services.js';
import { chainsServiceHandlers, type BreakerView } from './chains.js';
import { investigateServiceHandlers } from './investigate.js';
import { QueryEngine, queryServiceHandlers } from './query.js';
import type { ContextOf } from '../host/call-context.js';
import { verifyServiceHandlers } from './verify.js';
import type { RecordLayouts } from '../../verify/record-layout.js';
import type { EvmRecordLayout } from '../../verify/evm/evm-record.js';
import { watchServiceHandlers } from './watch.js';

export interface QueryPathOptions {
  nc: NatsConnection;
  chains: readonly ChainConfig[];
  authority: Authority & ChainDirectory;
  /** The gateway's receipt signer (its DID and key). */
  signer: ReceiptSigner;
  /** `batch` (group commit, the default) or `jwt` (one signature per answer). */
  receiptMode?: ReceiptMode;
  /** Batch mode: longest a leaf waits for answers in flight (receipts/batch-receipts.ts `holdMs`, 4 ms). */
  receiptHoldMs?: number;
  now: () => number;
  logger: Logger;
  registry?: Registry;
  metrics?: CourtbridgeMetrics;
  /** How handlers find a call's context (caller, deadline); the guard's unless told (a standalone path: `standaloneContext`). */
  contextOf?: ContextOf;
  breakerOf?: (chainId: string) => BreakerView;
  /** Forwarded to the light-client manager. */
  refreshCheckMs?: number;
  /** How VerifyBundle decodes a proven record for a person (chain-catalog.ts `catalogRecordLayouts`); shown as hex unless given. */
  recordLayouts?: RecordLayouts;
  /** How VerifyBundle binds an evm bundle's proof to its record (chain-catalog.ts `catalogEvmRecords`). */
  evmRecords?: ReadonlyMap<string, EvmRecordLayout>;
  /** Replicas of the buckets it opens (trusted headers, notarizations); 1 unless told. */
  jetstreamReplicas?: number;
}

export interface QueryPath {
  manager: LightClientManager;
  replicas: ReplicaTracker;
  adapters: AdapterClient;
  receipts: ReceiptIssuer;
  engine: QueryEngine;
  handlers: GatewayHandlers;
  /** Serve a chain admitted (or re-anchored) in the registry at run time: replicas, light client, anchored trace. */
  addChain(config: ChainConfig): Promise<void>;
  /** Stop serving a chain the registry removed (queries refused `chain_removed`). */
  removeChain(chainId: string): void;
  stop(): Promise<void>;
}

export async function startQueryPath(o: QueryPathOptions): Promise<QueryPath> {
  const adapters = adapterClient(o.nc, o.metrics === undefined ? { now: o.now } : { now: o.now, metrics: o.metrics });
  // Before the manager: the announced adapter parties are its witnesses of skipping headers.
  const replicas = new ReplicaTracker({
    nc: o.nc,
    chains: o.chains.map((c) => c.chainId),
    authority: o.authority,
    now: o.now,
    logger: o.logger,
    ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
  });
  // The light client of evm chains: their notaries' final blocks.
  const notaries = new NotaryBook({
    kv: await notaryKv(o.nc.jetstream(), o.jetstreamReplicas ?? 1),
    authority: o.authority,
    now: o.now,
    logger: o.logger,
    ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
  });
  await notaries.start();
  const manager = await LightClientManager.start({
    notaries,
    ...(o.jetstreamReplicas === undefined ? {} : { jetstreamReplicas: o.jetstreamReplicas }),
    nc: o.nc,
    chains: o.chains,
    authority: o.authority,
    adapters,
    witnesses: (chainId) => replicas.parties(chainId),
    now: o.now,
    logger: o.logger,
    ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
    ...(o.registry === undefined ? {} : { registry: o.registry }),
    ...(o.refreshCheckMs === undefined ? {} : { refreshCheckMs: o.refreshCheckMs }),
  });
  // Anchored traces: read what the shared trusted store holds above each registry anchor, then
  // follow the headers this gateway verifies.
  const traces = new TraceBook(
    new KvTrustedStore(await ensureKv(o.nc.jetstream(), Buckets.trusted, { history: 1, replicas: o.jetstreamReplicas ?? 1 })),
  );
  for (const c of o.chains)
    if (c.trustAnchor !== undefined && c.evm === undefined && c.notary === undefined) await traces.load(c.chainId, c.trustAnchor);
  manager.onVerified((vh) => traces.note(vh.chainId, { signedHeader: vh.signedHeader, validatorSet: vh.validatorSet }, vh.headerHash));
  const receipts = createReceiptIssuer({
    mode: o.receiptMode ?? 'batch',
    signer: o.signer,
    now: o.now,
    ...(o.receiptHoldMs === undefined ? {} : { holdMs: o.receiptHoldMs }),
  });
  const engine = new QueryEngine({ manager, adapters, receipts, now: o.now, logger: o.logger, authority: o.authority, traces, notaries });
  const caller = o.contextOf === undefined ? {} : { contextOf: o.contextOf };
  const handlers: GatewayHandlers = {
    ChainService: chainsServiceHandlers({
      manager,
      replicas,
      now: o.now,
      ...caller,
      ...(o.breakerOf === undefined ? {} : { breakerOf: o.breakerOf }),
    }),
    QueryService: queryServiceHandlers({ engine, ...caller }),
    InvestigationService: investigateServiceHandlers({ engine, ...caller }),
    VerificationService: verifyServiceHandlers({
      authority: o.authority,
      now: o.now,
      trustedHeaderHash: (chainId, height) => manager.trustedHeaderHash(chainId, height),
      ...(o.recordLayouts === undefined ? {} : { recordLayouts: o.recordLayouts }),
      ...(o.evmRecords === undefined ? {} : { evmRecords: o.evmRecords }),
    }),
    WatchService: watchServiceHandlers({ nc: o.nc, manager, authority: o.authority, now: o.now, logger: o.logger, ...caller }),
  };
  return {
    manager,
    replicas,
    adapters,
    receipts,
    engine,
    handlers,
    addChain: async (config) => {
      replicas.track(config.chainId);
      await manager.addChain(config);
      if (config.trustAnchor !== undefined && config.evm === undefined && config.notary === undefined)
        await traces.load(config.chainId, config.trustAnchor);
    },
    removeChain: (chainId) => {
      manager.removeChain(chainId);
      replicas.untrack(chainId);
    },
    stop: async () => {
      replicas.stop();
      await manager.stop();
      await notaries.stop();
      await receipts.close();
    },
  };
}

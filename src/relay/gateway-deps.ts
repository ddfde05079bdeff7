/**
 * The gateway's shared parts, built once by `startGateway` (gateway.ts) and handed to every
 * module factory (built-in ones in modules/, the caller's through `options.modules`).
 */
import type { EvmRecordLayout } from '../verify/evm/evm-record.js';
import type { KV, JetStreamClient } from 'nats';
import type { Registry } from 'prom-client';

import type { BusConnection } from '../bus/connection.js';
import type { BucketKey } from '../bus/subjects.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { AllianceAuthority } from '../identity/alliance-authority.js';
import type { AllianceRegistry } from '../identity/alliance-registry.js';
import type { Signer } from '../identity/signer.js';
import type { Logger } from '../log.js';
import type { Breakers } from './breaker.js';
import type { ChainCatalog } from './chain-catalog.js';
import type { RecordLayouts } from '../verify/record-layout.js';
import type { ChainFollower } from './chain-follower.js';
import type { RelayMetrics } from './metrics-http.js';
import type { BreakerView } from './modules/chains.js';
import type { QueryPath } from './modules/query-path.js';
import type { ReceiptSigner } from './receipts/root-signer.js';
import type { RegistrySync } from './registry-sync.js';

/** The judicial chain's id: orders are proven there (DESIGN.md "Actions"). */
export const JUDICIAL_CHAIN_ID = 'judicial';

/** What every module is built from. */
export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly bus: BusConnection;
  readonly js: JetStreamClient;
  /** The courtbridge buckets (bus/jetstream.ts `provisionCourtbridge`). */
  readonly buckets: Readonly<Record<BucketKey, KV>>;
  /** The gateway's signer (its DID). */
  readonly signer: Signer;
  /** Signs receipts' batch roots (libsecp256k1 when it loads, else the gateway's signer). */
  readonly receiptSigner: ReceiptSigner;
  readonly authority: AllianceAuthority;
  readonly registry: AllianceRegistry;
  /** The registry follower (admin writes go through it). */
  readonly sync: RegistrySync;
  /** Which registry chains this gateway serves (chain-follower.ts). */
  readonly chains: ChainFollower;
  /** What the gateway knows of each chain. */
  readonly catalog: ChainCatalog;
  /** The catalog's record layouts, merged once: how a proven value is shown to a person. */
  readonly recordLayouts: RecordLayouts;
  /** The catalog's evm storage layouts, by record type: how an evm bundle's proof is bound to its record. */
  readonly evmRecords: ReadonlyMap<string, EvmRecordLayout>;
  readonly breakers: Breakers;
  /** Each chain's breaker as every replica sees it (kept from a watch on the breaker bucket). */
  readonly breakerView: (chainId: string) => BreakerView;
  readonly metrics: RelayMetrics;
  readonly promRegistry: Registry;
  readonly logger: Logger;
  readonly now: () => number;
  /** How often light clients are looked at for health and misbehaviour trips, ms. */
  readonly watchIntervalMs: number;
  /** The query path (light clients, verified queries, receipts); absent when it is off. */
  readonly queryPath: QueryPath | undefined;
}

/**
 * The gateway's configuration: one typed object, parsed once at the edge (STYLE.md 9; weaver's
 * "process.env read everywhere with inline defaults" avoided). Sources, later wins:
 *   1. the defaults below (`DEFAULT_GATEWAY_CONFIG`),
 *   2. a JSON file (`COURTBRIDGE_CONFIG` or the `file` argument),
 *   3. environment variables `COURTBRIDGE_*` (table in `ENV_FIELDS`),
 *   4. explicit overrides (tests, CLI flags).
 * Every validation error is INVALID_ARGUMENT `invalid_config` naming the field.
 */

import type { NatsClientAuth } from '../bus/connection.js';
import {
  envConfigLayer,
  fileConfigLayer,
  invalidConfig,
  isConfigObject,
  mergeConfig,
  metricsPortOf,
  natsAuthOf,
  nonEmptyString,
  positiveInt,
} from './config-layers.js';

/** A rate: at most `limit` events per `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** m of n agency DIDs must attest records of a chain (DESIGN.md "Attestations"). */
export interface AttestationPolicy {
  readonly threshold: number;
  readonly attesters: readonly string[];
}

/** Per-caller and per-action limits ("Limits"). */
export interface LimitsConfig {
  /** Largest request message, bytes. */
  readonly maxReceiveMessageBytes: number;
  /** Largest response message, bytes. */
  readonly maxSendMessageBytes: number;
  /** Deadline given to a call that brings none, and the longest one honoured, ms. */
  readonly deadlineCapMs: number;
  /** Calls one caller DID may have in flight at once. */
  readonly maxConcurrentPerCaller: number;
  /** Calls one caller DID may start per window. */
  readonly callsPerCaller: RateLimit;
  /** Unary calls running at once, gateway-wide (admission control; streams are per-caller only). */
  readonly maxInFlight: number;
  /** Unary calls waiting for a slot; beyond it a call is shed at once (RESOURCE_EXHAUSTED `gateway_overloaded`). */
  readonly maxQueued: number;
  /** Longest wait for a slot, ms; a call still waiting then is shed. */
  readonly maxQueueWaitMs: number;
  /** How long shutdown waits for in-flight calls before cancelling them, ms. */
  readonly shutdownGraceMs: number;
}

/** Action limits: per chain (all courts) and per court (all chains), e.g. freezes per hour. */
export interface ActionLimitsConfig {
  readonly perChain: RateLimit;
  readonly perCourt: RateLimit;
  /** Overrides per chain id. */
  readonly chains: Readonly<Record<string, RateLimit>>;
  /** Overrides per court DID. */
  readonly courts: Readonly<Record<string, RateLimit>>;
}

/** Automatic tripping of a chain's circuit breaker on a burst of action failures. */
export interface BreakerConfig {
  readonly failureThreshold: number;
  readonly failureWindowMs: number;
  /** Oldest accepted OperatorOrder.issued_at_ms, ms before now (`stale_order`). */
  readonly orderWindowMs: number;
}

/**
 * Where a chain's light client starts trusting (DESIGN.md "Header proofs": subjective
 * initialisation). `anchor`: the operator pins a height and header hash obtained out of band (a
 * production deployment). `first_announce`: trust the adapter's latest light block on first
 * contact (dev and tests only; logged as a warning at start).
 */
export type TrustStart =
  | { readonly kind: 'anchor'; readonly height: number; readonly headerHash: string }
  | { readonly kind: 'first_announce' };

/** Light-client trust options of one chain ("Freshness and safety valves"). */
export interface ChainTrustConfig {
  readonly start: TrustStart;
  /** How long a trusted header anchors updates; below the chain's unbonding period. */
  readonly trustingPeriodMs: number;
  /** How far ahead of the gateway's clock a header's time may be. */
  readonly maxClockDriftMs: number;
  /** Staleness refused when a caller asks for none (max_staleness_ms = 0); 0 = unlimited. */
  readonly defaultMaxStalenessMs: number;
}

/** The public verification page and its JSON endpoint (src/relay/http/verification-http.ts). */
export interface VerificationHttpConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** `batch`: group-committed receipts (one signature per batch, DESIGN.md "Budgets"); `jwt`: one per answer. */
export type ReceiptModeName = 'batch' | 'jwt';

export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * Switches for development only; every one is off by default and a production gateway leaves
 * them off. `allowDidKeyCallers`: admit callers whose token is signed by a self-made `did:key`
 * (no alliance member) to the methods that need membership and no role (ListChains,
 * GetChainStatus, VerifyBundle, WatchHeaders, VerifyEvidence, ResolveDid, ListMembers); role and
 * admin-approval methods still refuse them. Logged as a warning at start.
 */
export interface DevConfig {
  readonly allowDidKeyCallers: boolean;
}

export interface GatewayConfig {
  /** gRPC listen address, e.g. `0.0.0.0:50051` (`127.0.0.1:0` picks a free port). */
  readonly listen: string;
  /** TLS for the gRPC port; plaintext when absent (loopback and tests only). */
  readonly tls: TlsConfig | undefined;
  /** NATS URLs. */
  readonly natsServers: readonly string[];
  /** The gateway's nkey seed and TLS files on a secured bus (`courtbridge nats-config`); absent: an open bus. */
  readonly natsAuth: NatsClientAuth | undefined;
  /** The gateway's key file (src/identity/keystore.ts); its DID is the audience of tokens. */
  readonly keyFile: string;
  /** Passphrase of an encrypted key file (env only, never in the JSON file). */
  readonly keyPassphrase: string | undefined;
  /** The registry genesis file and its pinned hash (hex). */
  readonly genesisFile: string;
  readonly genesisHash: string;
  /** Port of the Prometheus `/metrics` HTTP endpoint; 0 picks a free one; -1 disables. */
  readonly metricsPort: number;
  /** Address the metrics endpoint binds to. */
  readonly metricsHost: string;
  /** Chain ids served; empty means every chain the registry grants an adapter for. */
  readonly chains: readonly string[];
  readonly limits: LimitsConfig;
  readonly actionLimits: ActionLimitsConfig;
  readonly breaker: BreakerConfig;
  /** Attestation policy per chain id. */
  readonly attestation: Readonly<Record<string, AttestationPolicy>>;
  /** JetStream replicas of streams and buckets (1 on one machine, 3 on a cluster). */
  readonly jetstreamReplicas: number;
  /** pino level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Client name on NATS. */
  readonly name: string;
  /** Trust options used for every chain without its own entry in `chainTrust`. */
  readonly defaultChainTrust: ChainTrustConfig;
  /** Trust options per chain id (trust anchor, trusting period, clock drift). */
  readonly chainTrust: Readonly<Record<string, ChainTrustConfig>>;
  /** The verification page; off when absent. */
  readonly verificationHttp: VerificationHttpConfig | undefined;
  /** How receipts are signed. */
  readonly receiptMode: ReceiptModeName;
  /** Development switches, all off unless set. */
  readonly dev: DevConfig;
}

/** Documented defaults (README "Configuration"). */
export const DEFAULT_GATEWAY_CONFIG: GatewayConfig = Object.freeze({
  listen: '0.0.0.0:50051',
  tls: undefined,
  natsServers: ['nats://127.0.0.1:4222'],
  natsAuth: undefined,
  keyFile: 'gateway.key',
  keyPassphrase: undefined,
  genesisFile: 'genesis.json',
  genesisHash: '',
  metricsPort: 9464,
  metricsHost: '127.0.0.1',
  chains: [],
  limits: {
    maxReceiveMessageBytes: 4 * 1024 * 1024,
    maxSendMessageBytes: 16 * 1024 * 1024,
    deadlineCapMs: 30_000,
    maxConcurrentPerCaller: 64,
    callsPerCaller: { limit: 1_000, windowMs: 1_000 },
    // Sized for a 2-core gateway (~1,000 verified queries/s): the bench's 64 in flight run
    // unqueued; a burst queues for at most a second; beyond that callers hear "retry" at once.
    maxInFlight: 256,
    maxQueued: 512,
    maxQueueWaitMs: 1_000,
    shutdownGraceMs: 5_000,
  },
  actionLimits: {
    perChain: { limit: 600, windowMs: 3_600_000 },
    perCourt: { limit: 120, windowMs: 3_600_000 },
    chains: {},
    courts: {},
  },
  breaker: { failureThreshold: 5, failureWindowMs: 60_000, orderWindowMs: 600_000 },
  attestation: {},
  jetstreamReplicas: 1,
  logLevel: 'info',
  name: 'courtbridge-gateway',
  defaultChainTrust: {
    start: { kind: 'first_announce' } as TrustStart,
    trustingPeriodMs: 14 * 86_400_000,
    maxClockDriftMs: 10_000,
    defaultMaxStalenessMs: 0,
  },
  chainTrust: {},
  verificationHttp: undefined,
  receiptMode: 'batch' as ReceiptModeName,
  dev: { allowDidKeyCallers: false },
});

/** A partial config as read from a file or given as overrides (nested objects partial too). */
export type GatewayConfigInput = {
  [K in keyof GatewayConfig]?: GatewayConfig[K] extends Readonly<Record<string, unknown>> | undefined
    ? Partial<NonNullable<GatewayConfig[K]>> | GatewayConfig[K]
    : GatewayConfig[K];
};

/** Environment variables and the field each sets (scalars and comma lists). */
export const ENV_FIELDS: Readonly<Record<string, string>> = {
  COURTBRIDGE_LISTEN: 'listen',
  COURTBRIDGE_NATS: 'natsServers',
  COURTBRIDGE_NATS_NKEY_FILE: 'natsAuth.nkeySeedFile',
  COURTBRIDGE_NATS_CA_FILE: 'natsAuth.caFile',
  COURTBRIDGE_KEY_FILE: 'keyFile',
  COURTBRIDGE_KEY_PASSPHRASE: 'keyPassphrase',
  COURTBRIDGE_GENESIS_FILE: 'genesisFile',
  COURTBRIDGE_GENESIS_HASH: 'genesisHash',
  COURTBRIDGE_METRICS_PORT: 'metricsPort',
  COURTBRIDGE_METRICS_HOST: 'metricsHost',
  COURTBRIDGE_CHAINS: 'chains',
  COURTBRIDGE_TLS_CERT: 'tls.certFile',
  COURTBRIDGE_TLS_KEY: 'tls.keyFile',
  COURTBRIDGE_DEADLINE_CAP_MS: 'limits.deadlineCapMs',
  COURTBRIDGE_MAX_CONCURRENT_PER_CALLER: 'limits.maxConcurrentPerCaller',
  COURTBRIDGE_MAX_IN_FLIGHT: 'limits.maxInFlight',
  COURTBRIDGE_MAX_QUEUED: 'limits.maxQueued',
  COURTBRIDGE_MAX_QUEUE_WAIT_MS: 'limits.maxQueueWaitMs',
  COURTBRIDGE_LOG_LEVEL: 'logLevel',
  COURTBRIDGE_NAME: 'name',
  COURTBRIDGE_VERIFY_HTTP_HOST: 'verificationHttp.host',
  COURTBRIDGE_VERIFY_HTTP_PORT: 'verificationHttp.port',
  COURTBRIDGE_RECEIPT_MODE: 'receiptMode',
};

const invalid = invalidConfig;
const isObject = isConfigObject;
const merge = (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> =>
  mergeConfig(base, over, new Set(['attestation']));

export interface LoadConfigOptions {
  /** JSON file; `env.COURTBRIDGE_CONFIG` unless told; none when both are absent. */
  file?: string;
  /** The environment; `process.env` is passed by the caller (the edge), never read here. */
  env?: Readonly<Record<string, string | undefined>>;
  overrides?: GatewayConfigInput;
}

/**
 * Build and validate the configuration.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field
 * @example
 * const config = loadGatewayConfig({ env: process.env, overrides: { listen: '127.0.0.1:0' } });
 */
export function loadGatewayConfig(options: LoadConfigOptions = {}): GatewayConfig {
  const env = options.env ?? {};
  let merged = merge({ ...DEFAULT_GATEWAY_CONFIG }, {});
  const file = options.file ?? env.COURTBRIDGE_CONFIG;
  if (file !== undefined && file !== '') merged = merge(merged, fileConfigLayer(file, 'COURTBRIDGE_KEY_PASSPHRASE'));
  merged = merge(
    merged,
    envConfigLayer(env, ENV_FIELDS, ['natsServers', 'chains'], (path) =>
      /Ms$|Port$|PerCaller$|\.port$|\.maxInFlight$|\.maxQueued$/.test(path),
    ),
  );
  merged = merge(merged, (options.overrides ?? {}) as Record<string, unknown>);
  return validateGatewayConfig(merged);
}

const posInt = positiveInt;
const str = nonEmptyString;
const strs = (v: unknown, field: string): string[] => {
  if (!Array.isArray(v)) throw invalid(field, 'expected an array of strings');
  return v.map((x, i) => str(x, `${field}[${i}]`));
};
const rate = (v: unknown, field: string): RateLimit => {
  if (!isObject(v)) throw invalid(field, 'expected { limit, windowMs }');
  return { limit: posInt(v.limit, `${field}.limit`), windowMs: posInt(v.windowMs, `${field}.windowMs`) };
};
const rates = (v: unknown, field: string): Record<string, RateLimit> => {
  if (!isObject(v)) throw invalid(field, 'expected an object');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rate(x, `${field}.${k}`)]));
};

const nonNegInt = (v: unknown, field: string): number => posInt(v ?? 0, field, 0);

/** One chain's trust options; `base` fills what the entry leaves out. */
function chainTrustOf(v: unknown, field: string, base?: ChainTrustConfig): ChainTrustConfig {
  if (!isObject(v)) throw invalid(field, 'expected { start, trustingPeriodMs, maxClockDriftMs, defaultMaxStalenessMs }');
  const rawStart = v.start ?? base?.start;
  if (!isObject(rawStart))
    throw invalid(`${field}.start`, 'expected { "kind": "anchor", "height", "headerHash" } or { "kind": "first_announce" }');
  let start: TrustStart;
  if (rawStart.kind === 'first_announce') start = { kind: 'first_announce' };
  else if (rawStart.kind === 'anchor') {
    const headerHash = str(rawStart.headerHash, `${field}.start.headerHash`);
    if (!/^[0-9a-f]{64}$/.test(headerHash))
      throw invalid(`${field}.start.headerHash`, 'expected the 64-hex header hash (courtbridge status shows it)');
    start = { kind: 'anchor', height: posInt(rawStart.height, `${field}.start.height`), headerHash };
  } else throw invalid(`${field}.start.kind`, `expected "anchor" or "first_announce", got ${JSON.stringify(rawStart.kind)}`);
  const trustingPeriodMs = posInt(v.trustingPeriodMs ?? base?.trustingPeriodMs, `${field}.trustingPeriodMs`);
  const maxClockDriftMs = nonNegInt(v.maxClockDriftMs ?? base?.maxClockDriftMs, `${field}.maxClockDriftMs`);
  const defaultMaxStalenessMs = nonNegInt(v.defaultMaxStalenessMs ?? base?.defaultMaxStalenessMs, `${field}.defaultMaxStalenessMs`);
  return { start, trustingPeriodMs, maxClockDriftMs, defaultMaxStalenessMs };
}

/** The development switches; an unknown key is refused so a misspelt switch is not silently off. */
function devOf(v: unknown): DevConfig {
  if (v === undefined || v === null) return DEFAULT_GATEWAY_CONFIG.dev;
  if (!isObject(v)) throw invalid('dev', 'expected { "allowDidKeyCallers": boolean }');
  for (const k of Object.keys(v))
    if (k !== 'allowDidKeyCallers') throw invalid(`dev.${k}`, 'unknown development switch; the only one is allowDidKeyCallers');
  const allow = v.allowDidKeyCallers ?? false;
  if (typeof allow !== 'boolean') throw invalid('dev.allowDidKeyCallers', `expected true or false, got ${JSON.stringify(allow)}`);
  return { allowDidKeyCallers: allow };
}

/** Validate a merged, untrusted object field by field. */
export function validateGatewayConfig(c: Record<string, unknown>): GatewayConfig {
  const listen = str(c.listen, 'listen');
  if (!/^[^\s]+:\d{1,5}$/.test(listen)) throw invalid('listen', `expected host:port, got ${listen}`);
  let tls: TlsConfig | undefined;
  if (c.tls !== undefined && c.tls !== null) {
    if (!isObject(c.tls)) throw invalid('tls', 'expected { certFile, keyFile }');
    tls = { certFile: str(c.tls.certFile, 'tls.certFile'), keyFile: str(c.tls.keyFile, 'tls.keyFile') };
  }
  const natsServers = strs(c.natsServers, 'natsServers');
  if (natsServers.length === 0) throw invalid('natsServers', 'expected at least one NATS URL');
  const genesisHash = str(c.genesisHash, 'genesisHash', true);
  if (!/^[0-9a-f]{64}$/.test(genesisHash))
    throw invalid('genesisHash', 'expected the 64-hex sha256 of the genesis file (courtbridge genesis hash FILE)');
  const metricsPort = metricsPortOf(c.metricsPort);
  const chains = strs(c.chains, 'chains');
  for (const [i, ch] of chains.entries()) if (!/^[a-z0-9-]{1,64}$/.test(ch)) throw invalid(`chains[${i}]`, `bad chain id ${ch}`);
  if (!isObject(c.limits)) throw invalid('limits', 'expected an object');
  const l = c.limits;
  const limits: LimitsConfig = {
    maxReceiveMessageBytes: posInt(l.maxReceiveMessageBytes, 'limits.maxReceiveMessageBytes', 1024),
    maxSendMessageBytes: posInt(l.maxSendMessageBytes, 'limits.maxSendMessageBytes', 1024),
    deadlineCapMs: posInt(l.deadlineCapMs, 'limits.deadlineCapMs'),
    maxConcurrentPerCaller: posInt(l.maxConcurrentPerCaller, 'limits.maxConcurrentPerCaller'),
    callsPerCaller: rate(l.callsPerCaller, 'limits.callsPerCaller'),
    maxInFlight: posInt(l.maxInFlight, 'limits.maxInFlight'),
    maxQueued: posInt(l.maxQueued, 'limits.maxQueued', 0),
    maxQueueWaitMs: posInt(l.maxQueueWaitMs, 'limits.maxQueueWaitMs'),
    shutdownGraceMs: posInt(l.shutdownGraceMs, 'limits.shutdownGraceMs', 0),
  };
  if (!isObject(c.actionLimits)) throw invalid('actionLimits', 'expected an object');
  const a = c.actionLimits;
  const actionLimits: ActionLimitsConfig = {
    perChain: rate(a.perChain, 'actionLimits.perChain'),
    perCourt: rate(a.perCourt, 'actionLimits.perCourt'),
    chains: rates(a.chains ?? {}, 'actionLimits.chains'),
    courts: rates(a.courts ?? {}, 'actionLimits.courts'),
  };
  if (!isObject(c.breaker)) throw invalid('breaker', 'expected an object');
  const breaker: BreakerConfig = {
    failureThreshold: posInt(c.breaker.failureThreshold, 'breaker.failureThreshold'),
    failureWindowMs: posInt(c.breaker.failureWindowMs, 'breaker.failureWindowMs'),
    orderWindowMs: posInt(c.breaker.orderWindowMs, 'breaker.orderWindowMs'),
  };
  if (!isObject(c.attestation)) throw invalid('attestation', 'expected an object of chain -> { threshold, attesters }');
  const attestation: Record<string, AttestationPolicy> = {};
  for (const [chain, p] of Object.entries(c.attestation)) {
    if (!isObject(p)) throw invalid(`attestation.${chain}`, 'expected { threshold, attesters }');
    const attesters = strs(p.attesters, `attestation.${chain}.attesters`);
    const threshold = posInt(p.threshold, `attestation.${chain}.threshold`);
    if (threshold > attesters.length)
      throw invalid(`attestation.${chain}.threshold`, `${threshold} exceeds the ${attesters.length} attesters`);
    attestation[chain] = { threshold, attesters };
  }
  const logLevel = str(c.logLevel, 'logLevel');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    throw invalid('logLevel', `unknown level ${logLevel}`);
  const keyPassphrase = c.keyPassphrase === undefined ? undefined : str(c.keyPassphrase, 'keyPassphrase');
  const defaultChainTrust = chainTrustOf(c.defaultChainTrust, 'defaultChainTrust');
  if (!isObject(c.chainTrust)) throw invalid('chainTrust', 'expected an object of chain -> trust options');
  const chainTrust: Record<string, ChainTrustConfig> = {};
  for (const [chain, t] of Object.entries(c.chainTrust)) {
    if (!/^[a-z0-9-]{1,64}$/.test(chain)) throw invalid(`chainTrust.${chain}`, `bad chain id ${chain}`);
    chainTrust[chain] = chainTrustOf(t, `chainTrust.${chain}`, defaultChainTrust);
  }
  let verificationHttp: VerificationHttpConfig | undefined;
  if (c.verificationHttp !== undefined && c.verificationHttp !== null) {
    if (!isObject(c.verificationHttp)) throw invalid('verificationHttp', 'expected { host, port }');
    const port = c.verificationHttp.port;
    if (typeof port !== 'number' || !Number.isSafeInteger(port) || port < 0 || port > 65535)
      throw invalid('verificationHttp.port', 'expected 0 (any) or a port');
    verificationHttp = { host: str(c.verificationHttp.host ?? '127.0.0.1', 'verificationHttp.host'), port };
  }
  const receiptMode = c.receiptMode ?? 'batch';
  if (receiptMode !== 'batch' && receiptMode !== 'jwt')
    throw invalid('receiptMode', `expected "batch" or "jwt", got ${JSON.stringify(receiptMode)}`);
  const dev = devOf(c.dev);
  return Object.freeze({
    listen,
    tls,
    natsServers,
    natsAuth: natsAuthOf(c.natsAuth),
    keyFile: str(c.keyFile, 'keyFile'),
    keyPassphrase,
    genesisFile: str(c.genesisFile, 'genesisFile'),
    genesisHash,
    metricsPort,
    metricsHost: str(c.metricsHost, 'metricsHost'),
    chains,
    limits,
    actionLimits,
    breaker,
    attestation,
    jetstreamReplicas: posInt(c.jetstreamReplicas, 'jetstreamReplicas'),
    logLevel: logLevel as GatewayConfig['logLevel'],
    name: str(c.name, 'name'),
    defaultChainTrust,
    chainTrust,
    verificationHttp,
    receiptMode,
    dev,
  });
}

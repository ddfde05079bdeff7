/**
 * The configuration of the enforcement contract service (`courtbridge workflows start`): one
 * typed object, parsed once at the edge, like the gateway's (gateway-config.ts). Sources, later
 * wins: the defaults below, a JSON file, `COURTBRIDGE_WF_*` variables (`WF_ENV_FIELDS`), explicit
 * overrides (CLI flags, tests). Every validation error is INVALID_ARGUMENT `invalid_config`
 * naming the field.
 */
import { hostname } from 'node:os';

import type { NatsClientAuth } from '../bus/connection.js';
import type { CreditorRank } from '../workflows/enforcement/agreement.js';
import { checkRankOrder, DEFAULT_RANK_ORDER } from '../workflows/enforcement/distribution.js';

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

/** What every automatic order of the contract obeys (rule-check.ts `EnforcementPolicy`). */
export interface WorkflowsPolicyConfig {
  /** Statutory basis cited in every order. */
  readonly legalBasis: string;
  /** Largest amount one order may freeze or seize, cents (a decimal string: beyond 2^53). */
  readonly maxOrderCents: string;
  /** Lifetime of an order credential, ms (at most an hour). */
  readonly orderLifetimeMs: number;
  /** Voluntary-payment period after freezing before deduction, ms; 0 = no automatic deduction. */
  readonly deductAfterMs: number;
  /**
   * The order in which creditor ranks are paid from deducted funds (distribution.ts): each of
   * `secured`, `preferential`, `ordinary` exactly once; default secured, preferential, ordinary.
   */
  readonly rankOrder: readonly CreditorRank[];
  /** A terminated case (终结本次执行) is investigated again this often, ms (every 180 days unless told). */
  readonly reinvestigateEveryMs: number;
  /** At most one partner-chain asset report per debtor this often, ms; also the earliest re-investigation a report triggers after the last one. */
  readonly assetReportMinIntervalMs: number;
}

export interface WorkflowsConfig {
  readonly natsServers: readonly string[];
  /** The workflow service's nkey seed and TLS files on a secured bus (`courtbridge nats-config`, user `workflows`). */
  readonly natsAuth: NatsClientAuth | undefined;
  /** The court's key file: the contract acts for this court (audit entries, order credentials). */
  readonly courtKeyFile: string;
  /** The key (role `gateway`) that signs writes to the judicial chain's write door. */
  readonly ledgerKeyFile: string;
  /** Passphrase of encrypted key files (env only, never in the JSON file). */
  readonly keyPassphrase: string | undefined;
  /** The gateway the contract investigates and orders through, and its DID (token audience). */
  readonly gatewayAddress: string;
  readonly gatewayDid: string;
  /** The registry genesis file and its pinned hash (hex). */
  readonly genesisFile: string;
  readonly genesisHash: string;
  /** Audience of order credentials per target chain: `{chain}` is replaced by the chain id. */
  readonly orderAudience: string;
  /** How often the replica passes over the cases, ms. */
  readonly tickIntervalMs: number;
  /** Cases one replica advances at once (each case by one worker, under its lease). */
  readonly caseConcurrency: number;
  /** Steps one case takes per pass at most, so one long case does not hold a worker for ever. */
  readonly stepsPerPass: number;
  readonly policy: WorkflowsPolicyConfig;
  /** This replica's id: the holder named in its case leases. Unique per process. */
  readonly replicaId: string;
  /** A case lease not renewed for this long may be taken by another replica, ms. */
  readonly leaseTtlMs: number;
  /** JetStream KV buckets: case state and audit (shared by every replica) and case leases. */
  readonly stateBucket: string;
  readonly leaseBucket: string;
  /** JetStream KV bucket of the MediationService call ids seen (replay guard, shared by every replica). */
  readonly replayBucket: string;
  /**
   * Replicas of every stream and bucket the service creates (state, leases, replay, filings and
   * their cursor): 1 on one server, 3 on a cluster. An existing one with fewer is raised at start
   * (refused with `jetstream_replicas_unavailable` when the servers cannot hold them), never lowered.
   */
  readonly jetstreamReplicas: number;
  /** Port of the Prometheus `/metrics` HTTP endpoint; 0 picks a free one; -1 (the default) disables it. */
  readonly metricsPort: number;
  /** Address the metrics endpoint binds to. */
  readonly metricsHost: string;
  /** Client name on NATS. */
  readonly name: string;
  /** Publishing the judicial chain's case filings to CB_FILINGS (filings/filing-relay.ts). */
  readonly filings: WorkflowsFilingsConfig;
}

export interface WorkflowsFilingsConfig {
  /** Follow the judicial chain and publish every case filed, once (any number of replicas may). */
  readonly publish: boolean;
  /** JetStream KV bucket of the publisher's cursor, shared by every replica. */
  readonly cursorBucket: string;
  /** How often to look for new filings, ms. */
  readonly intervalMs: number;
}

export type WorkflowsConfigInput = { [K in keyof WorkflowsConfig]?: unknown };

export const DEFAULT_WORKFLOWS_CONFIG: Readonly<Record<string, unknown>> = {
  natsServers: ['nats://127.0.0.1:4222'],
  orderAudience: 'did:alliance:{chain}-adapter',
  tickIntervalMs: 1000,
  caseConcurrency: 8,
  stepsPerPass: 64,
  policy: {
    legalBasis: '《民事诉讼法》第二百四十九条',
    maxOrderCents: '10000000000',
    orderLifetimeMs: 10 * 60_000,
    deductAfterMs: 0,
    rankOrder: [...DEFAULT_RANK_ORDER],
    reinvestigateEveryMs: 180 * 86_400_000,
    assetReportMinIntervalMs: 60_000,
  },
  leaseTtlMs: 10_000,
  stateBucket: 'cb_workflows',
  leaseBucket: 'cb_workflow_leases',
  replayBucket: 'cb_workflow_replay',
  jetstreamReplicas: 1,
  metricsPort: -1,
  metricsHost: '127.0.0.1',
  name: 'courtbridge-workflows',
  filings: { publish: true, cursorBucket: 'cb_filings_cursor', intervalMs: 1000 },
};

/** Environment variable -> config field (dotted path). */
export const WF_ENV_FIELDS: Readonly<Record<string, string>> = {
  COURTBRIDGE_WF_NATS: 'natsServers',
  COURTBRIDGE_WF_NATS_NKEY_FILE: 'natsAuth.nkeySeedFile',
  COURTBRIDGE_WF_NATS_CA_FILE: 'natsAuth.caFile',
  COURTBRIDGE_WF_COURT_KEY_FILE: 'courtKeyFile',
  COURTBRIDGE_WF_LEDGER_KEY_FILE: 'ledgerKeyFile',
  COURTBRIDGE_WF_KEY_PASSPHRASE: 'keyPassphrase',
  COURTBRIDGE_WF_GATEWAY: 'gatewayAddress',
  COURTBRIDGE_WF_GATEWAY_DID: 'gatewayDid',
  COURTBRIDGE_WF_GENESIS_FILE: 'genesisFile',
  COURTBRIDGE_WF_GENESIS_HASH: 'genesisHash',
  COURTBRIDGE_WF_ORDER_AUDIENCE: 'orderAudience',
  COURTBRIDGE_WF_TICK_INTERVAL_MS: 'tickIntervalMs',
  COURTBRIDGE_WF_CASE_CONCURRENCY: 'caseConcurrency',
  COURTBRIDGE_WF_STEPS_PER_PASS: 'stepsPerPass',
  COURTBRIDGE_WF_LEGAL_BASIS: 'policy.legalBasis',
  COURTBRIDGE_WF_MAX_ORDER_CENTS: 'policy.maxOrderCents',
  COURTBRIDGE_WF_ORDER_LIFETIME_MS: 'policy.orderLifetimeMs',
  COURTBRIDGE_WF_DEDUCT_AFTER_MS: 'policy.deductAfterMs',
  COURTBRIDGE_WF_RANK_ORDER: 'policy.rankOrder',
  COURTBRIDGE_WF_REINVESTIGATE_EVERY_MS: 'policy.reinvestigateEveryMs',
  COURTBRIDGE_WF_ASSET_REPORT_MIN_INTERVAL_MS: 'policy.assetReportMinIntervalMs',
  COURTBRIDGE_WF_REPLICA_ID: 'replicaId',
  COURTBRIDGE_WF_LEASE_TTL_MS: 'leaseTtlMs',
  COURTBRIDGE_WF_STATE_BUCKET: 'stateBucket',
  COURTBRIDGE_WF_LEASE_BUCKET: 'leaseBucket',
  COURTBRIDGE_WF_FILINGS_PUBLISH: 'filings.publish',
  COURTBRIDGE_WF_FILINGS_CURSOR_BUCKET: 'filings.cursorBucket',
  COURTBRIDGE_WF_FILINGS_INTERVAL_MS: 'filings.intervalMs',
  COURTBRIDGE_WF_REPLAY_BUCKET: 'replayBucket',
  COURTBRIDGE_WF_JETSTREAM_REPLICAS: 'jetstreamReplicas',
  COURTBRIDGE_WF_METRICS_PORT: 'metricsPort',
  COURTBRIDGE_WF_METRICS_HOST: 'metricsHost',
};

const invalid = invalidConfig;
const isObject = isConfigObject;

export interface LoadWorkflowsConfigOptions {
  /** JSON file; none when absent. */
  file?: string;
  /** The environment; passed by the caller (the edge), never read here. */
  env?: Readonly<Record<string, string | undefined>>;
  overrides?: WorkflowsConfigInput;
}

/**
 * Build and validate the configuration.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` naming the field
 */
export function loadWorkflowsConfig(options: LoadWorkflowsConfigOptions = {}): WorkflowsConfig {
  let merged = mergeConfig({}, DEFAULT_WORKFLOWS_CONFIG as Record<string, unknown>);
  if (options.file !== undefined && options.file !== '')
    merged = mergeConfig(merged, fileConfigLayer(options.file, 'COURTBRIDGE_WF_KEY_PASSPHRASE'));
  merged = mergeConfig(
    merged,
    envConfigLayer(
      options.env ?? {},
      WF_ENV_FIELDS,
      ['natsServers', 'policy.rankOrder'],
      (path) =>
        /Ms$/.test(path) || path === 'caseConcurrency' || path === 'stepsPerPass' || path === 'metricsPort' || path === 'jetstreamReplicas',
    ),
  );
  merged = mergeConfig(merged, options.overrides ?? {});
  return validateWorkflowsConfig(merged);
}

const posInt = positiveInt;
/** NATS JetStream keeps 1 to 5 copies of a stream. */
const replicasOf = (v: unknown): number => {
  const n = posInt(v, 'jetstreamReplicas');
  if (n > 5) throw invalid('jetstreamReplicas', 'expected 1 to 5 (JetStream keeps at most 5 replicas)');
  return n;
};
const str = (v: unknown, field: string): string => nonEmptyString(v, field);
const bucket = (v: unknown, field: string): string => {
  const s = str(v, field);
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw invalid(field, 'expected a bucket name [A-Za-z0-9_-]+');
  return s;
};

function rankOrderOf(v: unknown): readonly CreditorRank[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw invalid('policy.rankOrder', 'expected a list of ranks, e.g. ["secured", "preferential", "ordinary"]');
  try {
    return checkRankOrder(v as string[]);
  } catch (e) {
    throw invalid('policy.rankOrder', (e as Error).message);
  }
}

/** A boolean, or its spelling in an environment variable. */
const flag = (v: unknown, field: string): boolean => {
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  throw invalid(field, 'expected true or false');
};

export function validateWorkflowsConfig(c: Record<string, unknown>): WorkflowsConfig {
  if (!Array.isArray(c.natsServers) || c.natsServers.length === 0) throw invalid('natsServers', 'expected at least one NATS URL');
  const natsServers = c.natsServers.map((x, i) => str(x, `natsServers[${i}]`));
  const p = isObject(c.policy) ? c.policy : {};
  const f = isObject(c.filings) ? c.filings : {};
  const maxOrderCents = str(typeof p.maxOrderCents === 'number' ? String(p.maxOrderCents) : p.maxOrderCents, 'policy.maxOrderCents');
  if (!/^[1-9][0-9]*$/.test(maxOrderCents)) throw invalid('policy.maxOrderCents', 'expected a positive integer (cents)');
  const orderLifetimeMs = posInt(p.orderLifetimeMs, 'policy.orderLifetimeMs');
  if (orderLifetimeMs > 3_600_000) throw invalid('policy.orderLifetimeMs', 'an order credential lives at most an hour (3600000)');
  const genesisHash = str(c.genesisHash, 'genesisHash');
  if (!/^[0-9a-f]{64}$/.test(genesisHash)) throw invalid('genesisHash', 'expected 64 lowercase hex digits (sha256 of the genesis file)');
  const orderAudience = str(c.orderAudience, 'orderAudience');
  const tickIntervalMs = posInt(c.tickIntervalMs, 'tickIntervalMs', 10);
  const leaseTtlMs = posInt(c.leaseTtlMs, 'leaseTtlMs', 100);
  const caseConcurrency = posInt(c.caseConcurrency, 'caseConcurrency', 1);
  const stepsPerPass = posInt(c.stepsPerPass, 'stepsPerPass', 1);
  // A lease must outlive a pass, or two replicas would take turns on a case mid-step.
  if (leaseTtlMs < 2 * tickIntervalMs) throw invalid('leaseTtlMs', `expected at least twice tickIntervalMs (${2 * tickIntervalMs})`);
  const metricsPort = metricsPortOf(c.metricsPort);
  const natsAuth = natsAuthOf(c.natsAuth);
  return {
    natsServers,
    natsAuth,
    courtKeyFile: str(c.courtKeyFile, 'courtKeyFile'),
    ledgerKeyFile: str(c.ledgerKeyFile, 'ledgerKeyFile'),
    keyPassphrase: c.keyPassphrase === undefined ? undefined : str(c.keyPassphrase, 'keyPassphrase'),
    gatewayAddress: str(c.gatewayAddress, 'gatewayAddress'),
    gatewayDid: str(c.gatewayDid, 'gatewayDid'),
    genesisFile: str(c.genesisFile, 'genesisFile'),
    genesisHash,
    orderAudience,
    tickIntervalMs,
    caseConcurrency,
    stepsPerPass,
    policy: {
      legalBasis: str(p.legalBasis, 'policy.legalBasis'),
      maxOrderCents,
      orderLifetimeMs,
      deductAfterMs: posInt(p.deductAfterMs ?? 0, 'policy.deductAfterMs', 0),
      rankOrder: rankOrderOf(p.rankOrder ?? DEFAULT_RANK_ORDER),
      reinvestigateEveryMs: posInt(p.reinvestigateEveryMs, 'policy.reinvestigateEveryMs'),
      assetReportMinIntervalMs: posInt(p.assetReportMinIntervalMs, 'policy.assetReportMinIntervalMs', 0),
    },
    replicaId: c.replicaId === undefined ? `${hostname()}-${process.pid}` : str(c.replicaId, 'replicaId'),
    leaseTtlMs,
    stateBucket: bucket(c.stateBucket, 'stateBucket'),
    leaseBucket: bucket(c.leaseBucket, 'leaseBucket'),
    replayBucket: bucket(c.replayBucket, 'replayBucket'),
    jetstreamReplicas: replicasOf(c.jetstreamReplicas),
    metricsPort,
    metricsHost: str(c.metricsHost, 'metricsHost'),
    name: str(c.name, 'name'),
    filings: {
      publish: flag(f.publish, 'filings.publish'),
      cursorBucket: bucket(f.cursorBucket, 'filings.cursorBucket'),
      intervalMs: posInt(f.intervalMs, 'filings.intervalMs', 10),
    },
  };
}

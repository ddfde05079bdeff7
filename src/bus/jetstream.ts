/**
 * JetStream provisioning and deduplicated publishing (DESIGN.md "Transport": streams for
 * headers, actions and events, durable and deduplicated; KV for the gateway's state).
 *
 * Provisioning is idempotent and safe to race: every gateway and adapter calls it at start-up;
 * the first creates, the others find what they need (or widen it) and go on.
 */
import { nanos, type JetStreamClient, type JetStreamManager, type KV, type NatsConnection, type StreamInfo } from 'nats';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { encodeEnvelope, type Envelope } from './envelope.js';
import { Buckets, Streams, type BucketKey, type StreamKey } from './subjects.js';

/** JetStream API error: "stream name already in use" (someone created it first, or with other settings). */
const JS_STREAM_NAME_IN_USE = 10058;

export interface StreamSpec {
  name: string;
  subjects: readonly string[];
  /** Window in which a repeated `Nats-Msg-Id` is dropped as a duplicate; 2 minutes unless told. */
  duplicateWindowMs?: number;
  /** Drop messages older than this; 0 (keep) unless told. */
  maxAgeMs?: number;
  /**
   * 1 on one machine, 3 on a cluster (DESIGN.md "Scale": R3 streams). An existing stream with
   * fewer is raised (or the start refused, see `replicasError`); one with more is never lowered.
   */
  replicas?: number;
  /** Told when the stream keeps more replicas than configured; silent unless given. */
  logger?: Logger;
}

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

export interface EnsuredStream {
  outcome: EnsureOutcome;
  info: StreamInfo;
}

/** JetStream API error: "replicas > 1 not supported in non-clustered mode". */
const JS_REPLICAS_NOT_SUPPORTED = 10074;
/** JetStream API error: "insufficient resources" (fewer servers than replicas). */
const JS_INSUFFICIENT_RESOURCES = 10023;

const apiErrCode = (e: unknown): number | undefined => (e as { api_error?: { err_code?: number } }).api_error?.err_code;

/**
 * Create the stream, or make an existing one capture `spec.subjects` and use the duplicate
 * window; never narrows an existing stream (another component may have added subjects).
 */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<EnsuredStream> {
  if (typeof spec.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(spec.name))
    throw new TypeError('spec.name: expected a stream name [A-Za-z0-9_-]+');
  if (!Array.isArray(spec.subjects) || spec.subjects.length === 0) throw new TypeError('spec.subjects: expected at least one subject');
  const dupMs = spec.duplicateWindowMs ?? 120_000;
  const wanted = {
    name: spec.name,
    subjects: [...spec.subjects],
    duplicate_window: nanos(dupMs),
    max_age: nanos(spec.maxAgeMs ?? 0),
    num_replicas: spec.replicas ?? 1,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await streamInfo(jsm, spec.name);
    if (existing === undefined) {
      if (wanted.num_replicas > 1 && !clustered(jsm)) throw replicasError(spec.name, 0, wanted.num_replicas);
      try {
        return { outcome: 'created', info: await jsm.streams.add(wanted) };
      } catch (e) {
        // Lost a race with another replica: read what it created and reconcile.
        if (apiErrCode(e) === JS_STREAM_NAME_IN_USE) continue;
        if (apiErrCode(e) === JS_REPLICAS_NOT_SUPPORTED || apiErrCode(e) === JS_INSUFFICIENT_RESOURCES)
          throw replicasError(spec.name, 0, wanted.num_replicas, e);
        throw provisionError(spec.name, e);
      }
    }
    const cfg = existing.config;
    const subjects = [...new Set([...cfg.subjects, ...wanted.subjects])];
    const have = cfg.num_replicas ?? 1;
    const replicas = reconcileReplicas(jsm, spec.name, have, wanted.num_replicas, spec.logger);
    const needs = subjects.length !== cfg.subjects.length || cfg.duplicate_window !== wanted.duplicate_window || replicas !== have;
    if (!needs) return { outcome: 'unchanged', info: existing };
    try {
      return {
        outcome: 'updated',
        info: await jsm.streams.update(spec.name, { ...cfg, subjects, duplicate_window: wanted.duplicate_window, num_replicas: replicas }),
      };
    } catch (e) {
      if (replicas !== have) throw replicasError(spec.name, have, replicas, e);
      throw provisionError(spec.name, e);
    }
  }
  throw provisionError(spec.name, new Error('stream kept changing while provisioning'));
}

/**
 * The replicas an existing stream should have: raised to `want` (a cluster scales an R1 stream
 * up in place: nats-server copies it to the new peers), never lowered (a smaller figure in one
 * component's config must not shrink what another relies on; it is logged instead).
 * @throws FAILED_PRECONDITION `jetstream_replicas_unavailable` when a single server is asked for more than 1
 */
function reconcileReplicas(
  jsm: JetStreamManager,
  name: string,
  have: number,
  want: number,
  logger: Logger | undefined,
  label = name,
): number {
  if (want < have) {
    logger?.warn(
      { stream: name, replicas: have, configured: want },
      `JetStream ${label} keeps ${have} replicas; configured ${want}, not lowered (lower it by hand with \`nats stream edit ${name} --replicas ${want}\` if meant)`,
    );
    return have;
  }
  if (want > have && !clustered(jsm)) throw replicasError(label, have, want);
  return want;
}

/** Whether the server we talk to is a member of a cluster (its INFO names one); a lone server stores one copy whatever a stream says. */
function clustered(jsm: JetStreamManager): boolean {
  const nc = (jsm as unknown as { nc?: NatsConnection }).nc;
  return typeof nc?.info?.cluster === 'string' && nc.info.cluster !== '';
}

/** The stream cannot get the replicas configured: say which, what it has, what it wants and what to do. */
function replicasError(name: string, have: number, want: number, cause?: unknown): CourtbridgeError {
  const now = have === 0 ? 'does not exist yet' : `has ${have} replica${have === 1 ? '' : 's'}`;
  return new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'jetstream_replicas_unavailable',
    `JetStream ${name} ${now} and ${want} are configured, which this NATS deployment cannot hold` +
      `${cause === undefined ? ' (the server is not a member of a JetStream cluster)' : `: ${(cause as Error).message}`}. ` +
      `Connect to a cluster of at least ${want} JetStream servers, or set jetstreamReplicas to ${Math.max(have, 1)} (CB_JETSTREAM_REPLICAS for adapters and notaries).`,
    cause === undefined ? {} : { cause },
  );
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (e) {
    if ((e as { code?: string }).code === '404' || apiErrCode(e) === 10059) return undefined;
    throw provisionError(name, e);
  }
}

function provisionError(name: string, e: unknown): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.Unavailable,
    'jetstream_provision_failed',
    `cannot provision JetStream ${name}: ${(e as Error).message}. Is JetStream enabled (nats-server -js)?`,
    { cause: e },
  );
}

export interface KvSpec {
  /** Forget entries after this many ms; 0 (keep) unless told. */
  ttlMs?: number;
  /** Values kept per key; 1 unless told. */
  history?: number;
  /** As `StreamSpec.replicas`: an existing bucket (stream `KV_<bucket>`) with fewer is raised, never lowered. */
  replicas?: number;
  logger?: Logger;
}

/**
 * Open the bucket, creating it when missing; an existing bucket keeps its ttl and history, and
 * its replicas are reconciled as a stream's (`ensureStream`).
 */
export async function ensureKv(js: JetStreamClient, bucket: string, spec: KvSpec = {}): Promise<KV> {
  if (typeof bucket !== 'string' || !/^[A-Za-z0-9_-]+$/.test(bucket)) throw new TypeError('bucket: expected a bucket name [A-Za-z0-9_-]+');
  const want = spec.replicas ?? 1;
  if (!Number.isSafeInteger(want) || want < 1 || want > 5) throw new TypeError('spec.replicas: expected 1 to 5');
  const jsm = await js.jetstreamManager();
  const stream = `KV_${bucket}`;
  const existing = await streamInfo(jsm, stream);
  if (existing === undefined) {
    if (want > 1 && !clustered(jsm)) throw replicasError(`KV ${bucket} (stream ${stream})`, 0, want);
    try {
      return await js.views.kv(bucket, { ttl: spec.ttlMs ?? 0, history: spec.history ?? 1, replicas: want });
    } catch (e) {
      if (apiErrCode(e) === JS_REPLICAS_NOT_SUPPORTED || apiErrCode(e) === JS_INSUFFICIENT_RESOURCES)
        throw replicasError(`KV ${bucket} (stream ${stream})`, 0, want, e);
      if (apiErrCode(e) !== JS_STREAM_NAME_IN_USE) throw provisionError(`KV ${bucket}`, e);
      // Lost a race with another component creating it: reconcile what it made.
      return ensureKv(js, bucket, spec);
    }
  }
  const have = existing.config.num_replicas ?? 1;
  const replicas = reconcileReplicas(jsm, stream, have, want, spec.logger, `KV ${bucket} (stream ${stream})`);
  if (replicas !== have) {
    try {
      await jsm.streams.update(stream, { ...existing.config, num_replicas: replicas });
    } catch (e) {
      throw replicasError(`KV ${bucket} (stream ${stream})`, have, replicas, e);
    }
  }
  return js.views.kv(bucket, { bindOnly: true });
}

export interface ProvisionOptions {
  duplicateWindowMs?: number;
  replicas?: number;
  /** TTL of `cb_replay`: at least the receivers' `maxAgeMs + maxFutureSkewMs`; 10 minutes unless told. */
  replayTtlMs?: number;
  logger?: Logger;
}

export interface Provisioned {
  streams: Record<StreamKey, EnsureOutcome>;
  kv: Record<BucketKey, KV>;
}

/**
 * Every stream and bucket courtbridge uses (names from subjects.ts).
 *
 * @example
 * const { kv } = await provisionCourtbridge(bus.nc);
 * const replay = new KvReplayGuard(kv.replay);
 */
export async function provisionCourtbridge(nc: NatsConnection, options: ProvisionOptions = {}): Promise<Provisioned> {
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  const replicas = options.replicas ?? 1;
  const streams = {} as Record<StreamKey, EnsureOutcome>;
  for (const key of Object.keys(Streams) as StreamKey[]) {
    const s = Streams[key];
    const spec: StreamSpec = { name: s.name, subjects: s.subjects, replicas, ...(options.logger ? { logger: options.logger } : {}) };
    if (options.duplicateWindowMs !== undefined) spec.duplicateWindowMs = options.duplicateWindowMs;
    streams[key] = (await ensureStream(jsm, spec)).outcome;
  }
  const log = options.logger === undefined ? {} : { logger: options.logger };
  const kv: Record<BucketKey, KV> = {
    trusted: await ensureKv(js, Buckets.trusted, { history: 1, replicas, ...log }),
    replay: await ensureKv(js, Buckets.replay, { ttlMs: options.replayTtlMs ?? 600_000, replicas, ...log }),
    actions: await ensureKv(js, Buckets.actions, { history: 5, replicas, ...log }),
    notary: await ensureKv(js, Buckets.notary, { history: 5, replicas, ...log }),
  };
  return { streams, kv };
}

export interface Published {
  stream: string;
  seq: number;
  /** `duplicate`: the stream already held a message with this id inside its window; not stored again. */
  outcome: 'stored' | 'duplicate';
}

/** Publish with `Nats-Msg-Id` so a retry within the duplicate window is stored once. */
export async function publishWithId(js: JetStreamClient, subject: string, data: Uint8Array, msgId: string): Promise<Published> {
  if (typeof msgId !== 'string' || msgId.length === 0 || /[\r\n]/.test(msgId))
    throw new TypeError('msgId: expected a one-line non-empty id');
  const ack = await js.publish(subject, data, { msgID: msgId });
  return { stream: ack.stream, seq: ack.seq, outcome: ack.duplicate ? 'duplicate' : 'stored' };
}

/** The dedupe id of an envelope: its sender and msgId (ids are unique per sender). */
export const envelopeDedupeId = (e: Envelope): string => `${e.senderDid}/${e.msgId}`;

/** Publish a sealed envelope to a stream subject, deduplicated by sender and msgId. */
export function publishEnvelope(js: JetStreamClient, subject: string, envelope: Envelope): Promise<Published> {
  return publishWithId(js, subject, encodeEnvelope(envelope), envelopeDedupeId(envelope));
}

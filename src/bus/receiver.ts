/**
 * Receiving signed envelopes: decode, verify, drop what fails with a counted and logged named
 * reason, yield what passes (DESIGN.md "Transport"; STYLE.md 6: rejections counted in metrics).
 *
 * Works over any async iterable of messages with `data` and `subject` (a core subscription, a
 * JetStream consumer's messages), so one verification path serves both. The chain a
 * chain-scoped type is checked against comes from the subject (`cb.v1.<kind>.<chain>`), never
 * from the envelope, so an adapter for one chain cannot speak on another chain's subject.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { Authority } from '../identity/authority.js';
import { silentLogger, type Logger } from '../log.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { droppedKindOf, reportDrop } from './dropped.js';
import { DEFAULT_ENVELOPE_POLICY, type EnvelopePolicy } from './envelope-policy.js';
import { openEnvelope, type EnvelopeDrop, type OpenOptions, type VerifiedEnvelope } from './envelope-verify.js';
import type { ReplayGuard } from './replay-guard.js';
import { parseChainSubject } from './subjects.js';

export interface ReceiveOptions<M> {
  authority: Authority;
  replay: ReplayGuard;
  maxAgeMs: number;
  maxFutureSkewMs: number;
  policy?: EnvelopePolicy;
  maxBodyBytes?: number;
  /** The receiver's clock; `Date.now` unless told (this is the shell that reads the clock). */
  now?: () => number;
  metrics?: CourtbridgeMetrics;
  logger?: Logger;
  /** Called for every drop after it is counted and logged (e.g. `term()` a JetStream message). */
  onDrop?: (msg: M, drop: EnvelopeDrop) => void;
}

export interface ReceivedEnvelope<M> {
  envelope: VerifiedEnvelope;
  /** The transport message, for `respond()` or `ack()`. */
  msg: M;
}

export interface BusMessage {
  data: Uint8Array;
  subject: string;
}

/**
 * Verify every message of `source`; yield the accepted ones, drop the rest.
 *
 * @example
 * for await (const { envelope, msg } of verifyEnvelopes(consumerMessages, opts)) { ...; msg.ack(); }
 */
export async function* verifyEnvelopes<M extends BusMessage>(
  source: AsyncIterable<M>,
  options: ReceiveOptions<M>,
): AsyncGenerator<ReceivedEnvelope<M>> {
  const now = options.now ?? Date.now;
  const log = options.logger ?? silentLogger();
  const policy = options.policy ?? DEFAULT_ENVELOPE_POLICY;
  for await (const msg of source) {
    const chain = parseChainSubject(msg.subject)?.chain;
    const open: OpenOptions = {
      authority: options.authority,
      replay: options.replay,
      nowMs: now(),
      maxAgeMs: options.maxAgeMs,
      maxFutureSkewMs: options.maxFutureSkewMs,
      policy,
    };
    if (chain !== undefined) open.chain = chain;
    if (options.maxBodyBytes !== undefined) open.maxBodyBytes = options.maxBodyBytes;
    const r = await openEnvelope(msg.data, open);
    if (r.kind === 'accepted') {
      options.metrics?.envelopeAccepted.inc({ type: r.envelope.type });
      yield { envelope: r.envelope, msg };
      continue;
    }
    const d = r.drop;
    // The claimed type is attacker-controlled: label only with types the policy knows.
    const type = d.claimed !== undefined && Object.hasOwn(policy, d.claimed.type) ? d.claimed.type : 'other';
    options.metrics?.envelopeDropped.inc({ reason: d.reason, type });
    reportDrop(
      { metrics: options.metrics, logger: log },
      {
        kind: droppedKindOf(msg.subject),
        reason: d.reason,
        sender: d.claimed?.senderDid,
        subject: msg.subject,
        message: `envelope dropped: ${d.message}`,
        details: { kid: d.claimed?.kid, type: d.claimed?.type, msgId: d.claimed?.msgId, authorityReason: d.authorityReason },
      },
    );
    options.onDrop?.(msg, d);
  }
}

export interface EnvelopeSubscription<M> extends AsyncIterable<ReceivedEnvelope<M>> {
  readonly subscription: Subscription;
  /** Stop receiving after the messages already delivered are processed. */
  drain(): Promise<void>;
  unsubscribe(): void;
}

/**
 * Subscribe to `subject` (optionally in a queue group) and yield verified envelopes.
 *
 * @example
 * const sub = subscribeEnvelopes(bus.nc, announceSubject('credit'), { authority, replay, maxAgeMs: 60_000, maxFutureSkewMs: 5_000, metrics, logger });
 * for await (const { envelope } of sub) handle(envelope);
 */
export function subscribeEnvelopes(
  nc: NatsConnection,
  subject: string,
  options: ReceiveOptions<Msg> & { queue?: string },
): EnvelopeSubscription<Msg> {
  const sub = nc.subscribe(subject, options.queue === undefined ? {} : { queue: options.queue });
  const verified = verifyEnvelopes(sub, options);
  return {
    subscription: sub,
    // Leaving a `for await` early already unsubscribes (the iterator's return()): then there is nothing to drain.
    drain: () => (sub.isClosed() ? Promise.resolve() : sub.drain()),
    unsubscribe: () => {
      if (!sub.isClosed()) sub.unsubscribe();
    },
    [Symbol.asyncIterator]: () => verified,
  };
}

/**
 * The agencies' side: a durable JetStream consumer per agency DID and cause type on
 * `CB_FILINGS`, each delivery verified (filing-verify.ts) before it is handed over, then
 * acknowledged twice: a signed ack in `cb_filing_acks` (what the court sees) and the JetStream
 * ack (what moves the consumer on). A forged or out-of-role filing is dropped, counted by
 * reason and terminated, never handed over. An agency whose role may not receive a cause type
 * is refused before any consumer exists.
 */
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type KV, type NatsConnection } from 'nats';
import { reportDrop } from '../../bus/dropped.js';
import type { EnvelopeSigner } from '../../bus/envelope.js';
import type { Envelope } from '../../bus/envelope.js';
import { sha256 } from '../../crypto/hash.js';
import { toHex, utf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Logger } from '../../log.js';
import type { CourtbridgeMetrics } from '../../metrics.js';
import { recordFilingAck } from './filing-acks.js';
import { DEFAULT_FILING_POLICY, mayReceiveFilings, type FilingDistributionPolicy } from './filing-policy.js';
import type { CauseType, FilingRecord } from './filing-record.js';
import { FILINGS_STREAM, filingSubject } from './filing-stream.js';
import { judgeFiling, type FilingDrop, type FilingDropReason } from './filing-verify.js';

export interface FilingDelivery {
  seq: number;
  subject: string;
  filing: FilingRecord;
  /** The verified envelope (sender = the publishing court or gateway). */
  envelope: Envelope;
}

export interface FilingDropped extends FilingDrop {
  seq: number;
  subject: string;
}

/** Throws PERMISSION_DENIED `filing_cause_not_allowed` unless `did` may receive every cause. */
export function assertMayReceive(
  authority: Authority,
  did: string,
  causes: readonly CauseType[],
  nowMs: number,
  policy: FilingDistributionPolicy = DEFAULT_FILING_POLICY,
): void {
  for (const cause of causes) {
    filingSubject(cause);
    const v = mayReceiveFilings(authority, did, cause, nowMs, policy);
    if (!v.ok)
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'filing_cause_not_allowed',
        `${did} 无权接收"${cause}"类立案信息 / may not receive ${cause} filings: ${v.message}. ` +
          'Subscribe to a cause type your role is granted, or ask the alliance admins: courtbridge alliance request',
      );
  }
}

/** The durable consumer of `did` for `cause` (hashed: DIDs hold characters names do not allow). */
export const filingDurable = (did: string, cause: CauseType): string => `filings-${toHex(sha256(utf8(did))).slice(0, 16)}-${cause}`;

export interface SubscribeFilingsOptions {
  nc: NatsConnection;
  /** The agency's key: its DID names the consumer and signs the acks. */
  agency: EnvelopeSigner;
  authority: Authority;
  causes: readonly CauseType[];
  acks: KV;
  now: () => number;
  /** Start a NEW durable consumer at this stream sequence (an existing one resumes where it was). */
  fromSeq?: number;
  policy?: FilingDistributionPolicy;
  onFiling: (d: FilingDelivery) => void | Promise<void>;
  onDrop?: (d: FilingDropped) => void;
  /** Where drops are counted and logged (bus/dropped.ts), besides `onDrop` and `dropped`. */
  metrics?: CourtbridgeMetrics;
  logger?: Logger;
}

export interface FilingSubscription {
  /** Drops so far, by reason. */
  readonly dropped: ReadonlyMap<FilingDropReason, number>;
  close(): Promise<void>;
}

export async function subscribeFilings(o: SubscribeFilingsOptions): Promise<FilingSubscription> {
  assertMayReceive(o.authority, o.agency.did, o.causes, o.now(), o.policy);
  const jsm = await o.nc.jetstreamManager();
  const js = o.nc.jetstream();
  const dropped = new Map<FilingDropReason, number>();
  const streams: ConsumerMessages[] = [];
  const loops: Promise<void>[] = [];
  for (const cause of o.causes) {
    const durable = filingDurable(o.agency.did, cause);
    try {
      await jsm.consumers.info(FILINGS_STREAM.name, durable);
    } catch {
      await jsm.consumers.add(FILINGS_STREAM.name, {
        durable_name: durable,
        filter_subject: filingSubject(cause),
        ack_policy: AckPolicy.Explicit,
        ack_wait: 30_000_000_000,
        ...(o.fromSeq !== undefined && o.fromSeq > 0
          ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: o.fromSeq }
          : { deliver_policy: DeliverPolicy.All }),
      });
    }
    const messages = await (await js.consumers.get(FILINGS_STREAM.name, durable)).consume();
    streams.push(messages);
    loops.push(
      (async () => {
        for await (const m of messages) {
          const v = judgeFiling(m.data, m.subject, { authority: o.authority, nowMs: o.now() });
          if (v.kind === 'dropped') {
            dropped.set(v.drop.reason, (dropped.get(v.drop.reason) ?? 0) + 1);
            reportDrop(o, {
              kind: 'filing',
              reason: v.drop.reason,
              sender: v.drop.claimedSender,
              subject: m.subject,
              message: `filing dropped: ${v.drop.message}`,
              details: { seq: m.seq },
            });
            o.onDrop?.({ ...v.drop, seq: m.seq, subject: m.subject });
            m.term();
            continue;
          }
          try {
            await o.onFiling({ seq: m.seq, subject: m.subject, filing: v.filing, envelope: v.envelope });
            await recordFilingAck(o.acks, o.agency, {
              chainId: v.filing.chainId,
              caseId: v.filing.caseId,
              seq: m.seq,
              filingSender: v.envelope.senderDid,
              filingMsgId: v.envelope.msgId,
              ackedAtMs: o.now(),
            });
            m.ack();
          } catch {
            // Not handled or ack not stored: delivered again after a pause.
            m.nak(1_000);
          }
        }
      })(),
    );
  }
  return {
    dropped,
    async close() {
      for (const s of streams) await s.close();
      await Promise.allSettled(loops);
    },
  };
}

export interface ReplayFilingsOptions {
  nc: NatsConnection;
  authority: Authority;
  /** Who replays: must be allowed to receive `cause`. */
  agencyDid: string;
  cause: CauseType;
  fromSeq: number;
  now: () => number;
  policy?: FilingDistributionPolicy;
}

export interface ReplayedFilings {
  deliveries: FilingDelivery[];
  dropped: FilingDropped[];
}

/**
 * Every filing of `cause` from stream sequence `fromSeq` to the last one stored now, verified
 * the same way as live deliveries. No durable state: an ordered consumer, gone when done.
 */
export async function replayFilings(o: ReplayFilingsOptions): Promise<ReplayedFilings> {
  assertMayReceive(o.authority, o.agencyDid, [o.cause], o.now(), o.policy);
  const out: ReplayedFilings = { deliveries: [], dropped: [] };
  const subject = filingSubject(o.cause);
  const jsm = await o.nc.jetstreamManager();
  let last: number;
  try {
    last = (await jsm.streams.getMessage(FILINGS_STREAM.name, { last_by_subj: subject })).seq;
  } catch {
    return out; // nothing of this cause stored yet
  }
  if (last < o.fromSeq) return out;
  const consumer = await o.nc.jetstream().consumers.get(FILINGS_STREAM.name, {
    filterSubjects: subject,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: Math.max(1, o.fromSeq),
  });
  const messages = await consumer.consume();
  for await (const m of messages) {
    const v = judgeFiling(m.data, m.subject, { authority: o.authority, nowMs: o.now() });
    if (v.kind === 'accepted') out.deliveries.push({ seq: m.seq, subject: m.subject, filing: v.filing, envelope: v.envelope });
    else out.dropped.push({ ...v.drop, seq: m.seq, subject: m.subject });
    if (m.seq >= last) break;
  }
  await messages.close();
  return out;
}

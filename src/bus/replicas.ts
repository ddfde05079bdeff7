/**
 * Adapter replicas seen per chain: each replica announces itself with a signed
 * `adapter.announce` envelope (AdapterAnnouncement) on `announceSubject(chain)`; the tracker
 * keeps those that verified (sender holds role `adapter` for that chain). The gateway reports
 * the ones seen within a recent window in ChainService.GetChainStatus; an adapter learns from
 * them which parties serve the judicial chain (adapters/sdk/runtime.ts).
 */
import type { NatsConnection, Subscription } from 'nats';
import type { Logger } from '../log.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { reportDrop } from './dropped.js';
import { checkEnvelope } from './envelope-verify.js';
import { announceSubject } from './subjects.js';
import type { Authority } from '../identity/authority.js';
import { decodeMessage } from '../wire/codec.js';
import type { MessageOutput } from '../wire/messages.js';

export interface ReplicaSeen {
  replicaId: string;
  adapterDid: string;
  version: string;
  lastSeenMs: number;
}

export interface ReplicaTrackerOptions {
  nc: NatsConnection;
  chains: readonly string[];
  authority: Authority;
  now: () => number;
  /** Envelopes older than this are dropped; 60,000 ms unless told. */
  maxAgeMs?: number;
  /** Replicas not seen for this long are not reported; 60,000 ms unless told. */
  windowMs?: number;
  /** Where dropped announcements are counted and logged (bus/dropped.ts). */
  metrics?: CourtbridgeMetrics;
  logger?: Logger;
}

export class ReplicaTracker {
  private readonly seen = new Map<string, Map<string, ReplicaSeen>>();
  private readonly subs: Subscription[] = [];

  constructor(private readonly o: ReplicaTrackerOptions) {
    for (const chain of o.chains) {
      this.seen.set(chain, new Map());
      this.subs.push(
        o.nc.subscribe(announceSubject(chain), {
          callback: (err, msg) => {
            if (err === null) this.record(chain, msg.data);
          },
        }),
      );
    }
  }

  /** Verify one announcement and remember its replica; returns whether it was accepted. */
  record(chain: string, data: Uint8Array): boolean {
    const nowMs = this.o.now();
    const r = checkEnvelope(data, {
      authority: this.o.authority,
      nowMs,
      maxAgeMs: this.o.maxAgeMs ?? 60_000,
      maxFutureSkewMs: 5_000,
      chain,
    });
    const subject = announceSubject(chain);
    const drop = (reason: string, sender: string | undefined, message: string): false => {
      reportDrop(this.o, { kind: 'adapter_announce', reason, sender, subject, message: `announcement of ${chain}: ${message}` });
      return false;
    };
    if (r.kind === 'dropped') return drop(r.drop.reason, r.drop.claimed?.senderDid, r.drop.message);
    if (r.envelope.type !== 'adapter.announce')
      return drop('wrong_type', r.envelope.senderDid, `a ${r.envelope.type} on the announce subject`);
    let ann: MessageOutput<'AdapterAnnouncement'>;
    try {
      ann = decodeMessage('AdapterAnnouncement', r.envelope.body);
    } catch {
      return drop('malformed_announcement', r.envelope.senderDid, 'the body is not an AdapterAnnouncement');
    }
    if (ann.chainId !== chain) return drop('wrong_chain_id', r.envelope.senderDid, `it names chain ${ann.chainId}`);
    if (ann.adapterDid !== r.envelope.senderDid)
      return drop('sender_mismatch', r.envelope.senderDid, 'it names another adapter than its signer');
    this.seen
      .get(chain)
      ?.set(ann.replicaId, { replicaId: ann.replicaId, adapterDid: ann.adapterDid, version: ann.version, lastSeenMs: nowMs });
    return true;
  }

  /** Start counting the replicas of a chain admitted at run time (no-op when already tracked). */
  track(chain: string): void {
    if (this.seen.has(chain)) return;
    this.seen.set(chain, new Map());
    this.subs.push(
      this.o.nc.subscribe(announceSubject(chain), {
        callback: (err, msg) => {
          if (err === null) this.record(chain, msg.data);
        },
      }),
    );
  }

  /** Stop counting a removed chain's replicas. */
  untrack(chain: string): void {
    this.seen.delete(chain);
    const subject = announceSubject(chain);
    for (let i = this.subs.length - 1; i >= 0; i--) {
      if (this.subs[i]!.getSubject() === subject) this.subs.splice(i, 1)[0]!.unsubscribe();
    }
  }

  /** Replicas of `chain` seen within the window, most recent first. */
  replicas(chain: string): ReplicaSeen[] {
    const cutoff = this.o.now() - (this.o.windowMs ?? 60_000);
    return [...(this.seen.get(chain)?.values() ?? [])].filter((r) => r.lastSeenMs >= cutoff).sort((a, b) => b.lastSeenMs - a.lastSeenMs);
  }

  /** The distinct parties (adapter DIDs) of `chain` seen within the window, most recent first. */
  parties(chain: string): string[] {
    return [...new Set(this.replicas(chain).map((r) => r.adapterDid))];
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
  }
}

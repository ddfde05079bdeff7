/**
 * Collects the adapter's `action.result` envelopes from the moment the kit starts (a core
 * subscription on `resultsSubject(chain)`: JetStream stores them, every publish also reaches core
 * subscribers, deduplicated or not, which is how the kit sees a redelivery's second result).
 * Each envelope is verified as a gateway would (signed by a DID holding the adapter role for
 * this chain, fresh); one that is not is kept as a drop, so a check can say why it saw nothing.
 */
import type { NatsConnection, Subscription } from 'nats';
import { checkEnvelope, type EnvelopeDrop } from '../bus/envelope-verify.js';
import { resultsSubject } from '../bus/subjects.js';
import type { Authority } from '../identity/authority.js';
import { decodeMessage } from '../wire/codec.js';
import type { MessageOutput } from '../wire/messages.js';

export interface SeenResult {
  result: MessageOutput<'ActionResult'>;
  senderDid: string;
  receivedAtMs: number;
}

export class ResultWatch {
  private readonly byAction = new Map<string, SeenResult[]>();
  private readonly waiters = new Set<() => void>();
  /** Result envelopes that failed verification (forged, out of role, undecodable). */
  readonly drops: EnvelopeDrop[] = [];
  private readonly sub: Subscription;

  constructor(nc: NatsConnection, chain: string, authority: Authority, now: () => number) {
    this.sub = nc.subscribe(resultsSubject(chain), {
      callback: (err, msg) => {
        if (err) return;
        const nowMs = now();
        const r = checkEnvelope(msg.data, { authority, nowMs, maxAgeMs: 600_000, maxFutureSkewMs: 30_000, chain });
        if (r.kind === 'dropped') {
          this.drops.push(r.drop);
        } else if (r.envelope.type !== 'action.result') {
          this.drops.push({ reason: 'unknown_type', message: `expected action.result, got ${r.envelope.type}` });
        } else {
          try {
            const result = decodeMessage('ActionResult', r.envelope.body);
            const list = this.byAction.get(result.actionId) ?? [];
            list.push({ result, senderDid: r.envelope.senderDid, receivedAtMs: nowMs });
            this.byAction.set(result.actionId, list);
          } catch (e) {
            this.drops.push({ reason: 'malformed', message: `ActionResult: ${(e as Error).message}` });
          }
        }
        for (const w of this.waiters) w();
      },
    });
  }

  /** Results seen so far for `actionId`, in arrival order. */
  seen(actionId: string): readonly SeenResult[] {
    return this.byAction.get(actionId) ?? [];
  }

  /** Wait until `count` results for `actionId` arrived, or `timeoutMs` passed; returns what arrived. */
  async wait(actionId: string, count: number, timeoutMs: number): Promise<readonly SeenResult[]> {
    if (this.seen(actionId).length >= count) return this.seen(actionId);
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = (): void => {
        if (this.seen(actionId).length >= count) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(check);
    });
    return this.seen(actionId);
  }

  close(): void {
    this.sub.unsubscribe();
    for (const w of this.waiters) w();
  }
}

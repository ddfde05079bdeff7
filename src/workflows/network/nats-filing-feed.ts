/**
 * The judicial chain's filings feed over NATS (`judicialFilingsSubject`, served next to the chain
 * by the judicial adapter's write door): positions and case ids only, which the publisher then
 * proves record by record (filing-relay.ts).
 */
import type { NatsConnection } from 'nats';
import { request } from '../../bus/request.js';
import { judicialFilingsSubject } from '../../bus/subjects.js';
import { VerificationError } from '../../errors.js';
import { decodeFilingsPage, encodeFilingsRequest, type FilingPosition, type FilingsPage } from '../../judicial/filings-feed.js';

export interface NatsFilingFeedOptions {
  nc: NatsConnection;
  chainId?: string;
  now: () => number;
  timeoutMs?: number;
}

export class NatsFilingFeed {
  constructor(private readonly o: NatsFilingFeedOptions) {}

  async after(position: FilingPosition, max: number): Promise<FilingsPage> {
    const reply = await request(this.o.nc, judicialFilingsSubject(this.o.chainId ?? 'judicial'), encodeFilingsRequest(position, max), {
      deadlineMs: this.o.now() + (this.o.timeoutMs ?? 10_000),
      now: this.o.now,
    });
    try {
      return decodeFilingsPage(reply.data);
    } catch (e) {
      throw new VerificationError('bundle_malformed', `judicial.filings reply: ${(e as Error).message}`, { cause: e });
    }
  }
}

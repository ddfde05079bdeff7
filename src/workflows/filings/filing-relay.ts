/**
 * The running filings publisher: follows the judicial chain's case filings over the network (the
 * feed of positions, then each `case/<caseId>` record proven against a quorum-signed header) and
 * publishes each one to `CB_FILINGS` exactly once, from any number of replicas and across
 * restarts (kill -9 included).
 *
 * Exactly once, by three checks: a cursor (the position of the last filing published) in a
 * JetStream KV bucket, advanced only from the revision read (of racing replicas one advances, the
 * others stop their pass and re-read); before a publish the cursor is read again and the
 * subject's last message looked at (a publish whose cursor write was lost to a crash is found
 * there and not sent again); and the publish carries `Nats-Msg-Id` `filing/<chain>/<caseId>`,
 * which the stream deduplicates within its window (two replicas publishing at the same moment).
 */
import type { JetStreamClient, JetStreamManager, KV, NatsConnection } from 'nats';
import type { EnvelopeSigner } from '../../bus/envelope.js';
import { ensureKv } from '../../bus/jetstream.js';
import { readRecord } from '../../chain/ledger/record.js';
import { fromUtf8, utf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { type FilingPosition, positionBefore, START_POSITION, type ChainFiling } from '../../judicial/filings-feed.js';
import { caseKey } from '../../judicial/record-keys.js';
import { readCase } from '../../judicial/records.js';
import type { JudicialLedger } from '../ports.js';
import { NatsFilingFeed } from '../network/nats-filing-feed.js';
import { FilingPublisher, type PublishedFiling } from './filing-publisher.js';
import { FILINGS_STREAM, filingSubject, provisionFilings } from './filing-stream.js';

export const FILINGS_CURSOR_BUCKET = 'cb_filings_cursor';

export interface FilingRelayOptions {
  feed: Pick<NatsFilingFeed, 'after'>;
  /** Proves each case record (NatsJudicialLedger verifies the header's quorum and the proof). */
  ledger: Pick<JudicialLedger, 'prove' | 'chainId'>;
  publisher: FilingPublisher;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** The cursor bucket (`cb_filings_cursor`), shared by every replica. */
  cursor: KV;
  intervalMs: number;
  /** Filings asked per request; 50 unless told. */
  pageSize?: number;
  onPublished?: (p: PublishedFiling) => void;
  onError?: (e: unknown, caseId: string) => void;
}

interface Cursor {
  position: FilingPosition;
  /** KV revision; 0 when no cursor was written yet. */
  revision: number;
}

export class FilingRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly o: FilingRelayOptions) {}

  start(): void {
    const loop = (): void => {
      if (this.stopping) return;
      this.running = this.pass()
        .then(
          () => undefined,
          (e: unknown) => this.o.onError?.(e, ''),
        )
        .finally(() => {
          this.running = undefined;
          if (!this.stopping) this.timer = setTimeout(loop, this.o.intervalMs);
        });
    };
    loop();
  }

  /** Stop after the filing in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publish every filing after the cursor; returns how many this call published (for tests). */
  async pass(): Promise<number> {
    let published = 0;
    for (;;) {
      const cur = await this.readCursor();
      const page = await this.o.feed.after(cur.position, this.o.pageSize ?? 50);
      // Only what lies after the cursor counts (a feed answering older positions must not spin us).
      const next = page.filings.filter((f) => positionBefore(cur.position, f));
      if (next.length === 0) return published;
      for (const f of next) {
        if (this.stopping) return published;
        const r = await this.publishOne(f);
        if (r === 'lost') return published; // another replica is ahead: re-read next pass
        if (r === 'published') published++;
      }
    }
  }

  private async publishOne(f: ChainFiling): Promise<'published' | 'skipped' | 'lost'> {
    const cur = await this.readCursor();
    if (!positionBefore(cur.position, f)) return 'skipped';
    const proven = await this.o.ledger.prove(caseKey(f.caseId));
    const c = readRecord({ get: () => proven.value ?? undefined }, caseKey(f.caseId), 'case', 1, readCase);
    if (c === undefined)
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'filing_not_proven',
        `立案 ${f.caseId} 在司法链上查无记录（索引领先于证明），下一轮重试 / the judicial chain proves no case ${f.caseId} yet; retried next pass`,
      );
    let p: PublishedFiling | undefined;
    // A crash between the publish and the cursor write left it as the subject's last message.
    if (!(await this.isLastOnSubject(c.kind, f.caseId))) p = await this.o.publisher.publishCase(c, f.height);
    if (!(await this.writeCursor({ height: f.height, index: f.index }, cur.revision))) return 'lost';
    if (p === undefined) return 'skipped';
    this.o.onPublished?.(p);
    return p.outcome === 'stored' ? 'published' : 'skipped';
  }

  private async isLastOnSubject(cause: Parameters<typeof filingSubject>[0], caseId: string): Promise<boolean> {
    try {
      const m = await this.o.jsm.streams.getMessage(FILINGS_STREAM.name, { last_by_subj: filingSubject(cause) });
      return m.header?.get('Nats-Msg-Id') === msgIdOf(this.o.ledger.chainId, caseId);
    } catch (e) {
      if (/no message found|10037/i.test(e instanceof Error ? e.message : String(e))) return false;
      throw e;
    }
  }

  private async readCursor(): Promise<Cursor> {
    const e = await this.o.cursor.get(this.key());
    if (e === null || e.operation !== 'PUT') return { position: START_POSITION, revision: 0 };
    return { position: JSON.parse(fromUtf8(e.value)) as FilingPosition, revision: e.revision };
  }

  /** False when another replica moved the cursor since `revision`. */
  private async writeCursor(position: FilingPosition, revision: number): Promise<boolean> {
    const v = utf8(JSON.stringify({ height: position.height, index: position.index }));
    try {
      if (revision === 0) await this.o.cursor.create(this.key(), v);
      else await this.o.cursor.update(this.key(), v, revision);
      return true;
    } catch (e) {
      if (/wrong last sequence|key exists|10071/i.test(e instanceof Error ? e.message : String(e))) return false;
      throw e;
    }
  }

  private key(): string {
    return `cursor.${this.o.ledger.chainId}`;
  }
}

/** The stream's dedupe id of a filing (filing-publisher.ts publishes with it). */
export const msgIdOf = (chainId: string, caseId: string): string => `filing/${chainId}/${caseId}`;

export interface StartFilingRelayOptions {
  nc: NatsConnection;
  ledger: Pick<JudicialLedger, 'prove' | 'chainId'>;
  /** Signs every filing: the gateway's key (a gateway relays the judicial chain's filings: filing-policy.ts). */
  signer: EnvelopeSigner;
  cursorBucket: string;
  /** Replicas of CB_FILINGS, its acks bucket and the cursor bucket; 1 unless told. */
  jetstreamReplicas?: number;
  intervalMs: number;
  now: () => number;
  onPublished?: (p: PublishedFiling) => void;
  onError?: (e: unknown, caseId: string) => void;
}

/** Provision `CB_FILINGS` and the cursor bucket, and follow the judicial chain's filings. */
export async function startFilingRelay(o: StartFilingRelayOptions): Promise<FilingRelay> {
  const replicas = o.jetstreamReplicas ?? 1;
  await provisionFilings(o.nc, { replicas });
  const js = o.nc.jetstream();
  const relay = new FilingRelay({
    feed: new NatsFilingFeed({ nc: o.nc, chainId: o.ledger.chainId, now: o.now }),
    ledger: o.ledger,
    publisher: new FilingPublisher({ js, signer: o.signer, now: o.now, chainId: o.ledger.chainId }),
    js,
    jsm: await o.nc.jetstreamManager(),
    cursor: await ensureKv(js, o.cursorBucket, { replicas }),
    intervalMs: o.intervalMs,
    ...(o.onPublished ? { onPublished: o.onPublished } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  });
  relay.start();
  return relay;
}

/**
 * Publishes the judicial chain's case filings to `CB_FILINGS`, each in a signed envelope
 * (`filing.record`) of the publishing court or gateway. It reads filings from the chain itself:
 * every committed `case.file` tx of a block, through the `case/<caseId>` record the contract
 * wrote (so what circulates is what the chain holds, parties as keyed hashes). A re-publish of
 * the same filing (restart, a second gateway) is stored once: the stream deduplicates by case.
 */
import type { JetStreamClient } from 'nats';
import { sealEnvelope, type EnvelopeSigner } from '../../bus/envelope.js';
import { publishWithId, type Published } from '../../bus/jetstream.js';
import { encodeEnvelope } from '../../bus/envelope.js';
import type { Block } from '../../chain/ledger/block.js';
import { readRecord } from '../../chain/ledger/record.js';
import { decodeCanonicalObject } from '../../encoding/canonical-json.js';
import { caseKey } from '../../judicial/record-keys.js';
import { readCase, type CaseRecord } from '../../judicial/records.js';
import { JudicialTx } from '../../judicial/tx.js';
import { encodeFiling, filingFromCase, type FilingRecord } from './filing-record.js';
import { filingSubject } from './filing-stream.js';
import { FILING_TYPE } from './filing-verify.js';

/** What the publisher reads the chain through: a judicial DevLedger fits. */
export interface FilingSource {
  onBlock(listener: (b: Block) => void): () => void;
  get(key: string): Uint8Array | undefined;
}

export interface FilingPublisherOptions {
  js: JetStreamClient;
  /** The court's or gateway's key: signs every filing. */
  signer: EnvelopeSigner;
  now: () => number;
  chainId?: string;
  /** A publish failed (the bus is down): logged by the caller; the filing is retried on the next block. */
  onError?: (e: unknown, caseId: string) => void;
  /** Each filing stored (or found already stored) while following the chain. */
  onPublished?: (p: PublishedFiling) => void;
}

export interface PublishedFiling extends Published {
  filing: FilingRecord;
}

export class FilingPublisher {
  private readonly chainId: string;
  private readonly retry = new Map<string, number>();
  constructor(private readonly o: FilingPublisherOptions) {
    this.chainId = o.chainId ?? 'judicial';
  }

  /** Publish one filing (deduplicated by chain and case id within the stream's window). */
  async publish(filing: FilingRecord): Promise<PublishedFiling> {
    const env = sealEnvelope(this.o.signer, FILING_TYPE, encodeFiling(filing), this.o.now());
    const p = await publishWithId(
      this.o.js,
      filingSubject(filing.causeType),
      encodeEnvelope(env),
      `filing/${filing.chainId}/${filing.caseId}`,
    );
    return { ...p, filing };
  }

  /** Publish the filing of a case record read (and proven) at `height`. */
  publishCase(c: CaseRecord, height: number): Promise<PublishedFiling> {
    return this.publish(filingFromCase(c, height, this.chainId));
  }

  /** The filings of one committed block: its `case.file` txs, read back from their records. */
  async publishBlock(block: Block, source: Pick<FilingSource, 'get'>): Promise<PublishedFiling[]> {
    const height = block.light.signedHeader.header.height;
    const caseIds = new Map<string, number>(this.retry);
    for (const tx of block.txs) {
      if (tx.type !== JudicialTx.CaseFile) continue;
      const id = decodeCanonicalObject(tx.body, 'case_file')['caseId'];
      if (typeof id === 'string') caseIds.set(id, height);
    }
    const out: PublishedFiling[] = [];
    for (const [caseId, h] of caseIds) {
      const c = readRecord(source, caseKey(caseId), 'case', 1, readCase);
      if (c === undefined) continue;
      try {
        const p = await this.publishCase(c, h);
        out.push(p);
        this.retry.delete(caseId);
        this.o.onPublished?.(p);
      } catch (e) {
        this.retry.set(caseId, h);
        this.o.onError?.(e, caseId);
      }
    }
    return out;
  }

  /** Follow the chain: publish the filings of every block committed from now on. Returns a stop function. */
  follow(source: FilingSource): () => void {
    let chain = Promise.resolve();
    const off = source.onBlock((b) => {
      chain = chain.then(() => this.publishBlock(b, source).then(() => undefined));
    });
    return off;
  }
}

/**
 * The judicial chain's case filings in chain order, kept next to the chain for the filings
 * publisher (wire: src/judicial/filings-feed.ts): built from the block log at start, then from
 * every block committed. Positions are (height, tx index); each `case.file` committed is one
 * filing (the contract refuses a second filing of a case, so a case id appears once).
 */
import type { Block } from '../../src/chain/ledger/block.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { type ChainFiling, type FilingPosition, type FilingsPage, positionBefore } from '../../src/judicial/filings-feed.js';
import { JudicialTx } from '../../src/judicial/tx.js';

export class JudicialFilingIndex {
  private readonly filings: ChainFiling[] = [];
  private indexedTo = 0;
  private readonly off: () => void;

  constructor(private readonly ledger: DevLedger) {
    // Both synchronous, one after the other: no block is committed in between.
    for (const b of ledger.committedBlocks()) this.add(b);
    this.off = ledger.onBlock((b) => this.add(b));
  }

  private add(b: Block): void {
    const height = b.light.signedHeader.header.height;
    if (height <= this.indexedTo) return;
    this.indexedTo = height;
    b.txs.forEach((tx, index) => {
      if (tx.type !== JudicialTx.CaseFile) return;
      const caseId = decodeCanonicalObject(tx.body, 'case_file')['caseId'];
      if (typeof caseId === 'string') this.filings.push({ height, index, caseId });
    });
  }

  /** At most `max` filings strictly after `after`, oldest first. */
  after(after: FilingPosition, max: number): FilingsPage {
    let lo = 0;
    let hi = this.filings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positionBefore(after, this.filings[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return { latestHeight: this.ledger.height, filings: this.filings.slice(lo, lo + max) };
  }

  stop(): void {
    this.off();
  }
}

/**
 * The judicial chain's filings index (adapters/judicial/filing-index.ts), which the write door
 * serves to the filings publisher: positions in chain order, rebuilt from the block log when the
 * judicial adapter restarts, followed block by block after; the wire refuses malformed requests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JudicialFilingIndex } from '../../adapters/judicial/filing-index.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import {
  decodeFilingsPage,
  decodeFilingsRequest,
  encodeFilingsPage,
  encodeFilingsRequest,
  START_POSITION,
} from '../../src/judicial/filings-feed.js';
import { JudicialTx } from '../../src/judicial/tx.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-filing-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caseFile = (caseId: string): Tx => ({
  type: JudicialTx.CaseFile,
  sender: FixtureDids.court,
  id: `case:${caseId}`,
  body: encodeCanonical(
    {
      type: 'case_file',
      schema: 1,
      caseId,
      court: FixtureDids.court,
      kind: 'civil',
      cause: '民间借贷纠纷',
      parties: [{ role: 'plaintiff', party: toHex(sha256(utf8(caseId))) }],
    },
    'case_file',
  ),
});

const commit = async (l: DevLedger, txs: Tx[]): Promise<void> => {
  const done = txs.map((t) => l.submit(t));
  l.produceBlock();
  await Promise.all(done);
};

describe('judicial filings index', () => {
  it('lists filings in chain order after a position, rebuilt from the block log after a restart', async () => {
    const open = (): DevLedger => DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicial), dataDir: join(dir, 'judicial') });
    let l = open();
    await commit(l, [caseFile('A'), caseFile('B')]);
    await commit(l, [caseFile('C')]);
    l.close();

    l = open();
    const idx = new JudicialFilingIndex(l);
    const all = idx.after(START_POSITION, 10).filings;
    expect(all.map((f) => f.caseId)).toEqual(['A', 'B', 'C']);
    expect(all[0]!.height).toBe(all[1]!.height);
    expect(all[1]!.index).toBe(all[0]!.index + 1);
    // Strictly after a position; pages of `max`; then followed as blocks commit.
    expect(idx.after(all[0]!, 1).filings.map((f) => f.caseId)).toEqual(['B']);
    expect(idx.after(all[2]!, 10).filings).toEqual([]);
    await commit(l, [caseFile('D')]);
    expect(idx.after(all[2]!, 10).filings.map((f) => f.caseId)).toEqual(['D']);
    // A refused second filing of a case is in no block: still one filing per case.
    await expect(commit(l, [{ ...caseFile('A'), id: 'case:A-again' }])).rejects.toMatchObject({ reason: 'record_exists' });
    expect(idx.after(START_POSITION, 10).filings.map((f) => f.caseId)).toEqual(['A', 'B', 'C', 'D']);
    idx.stop();
    l.close();
  });

  it('round-trips the wire and refuses a malformed request', () => {
    const page = { latestHeight: 9, filings: [{ height: 3, index: 1, caseId: '(2026)京0105民初101号' }] };
    expect(decodeFilingsPage(encodeFilingsPage(page))).toEqual(page);
    expect(decodeFilingsRequest(encodeFilingsRequest({ height: 3, index: 1 }, 50))).toEqual({ after: { height: 3, index: 1 }, max: 50 });
    expect(() => decodeFilingsRequest(encodeFilingsRequest(START_POSITION, 0))).toThrow(/max/);
    expect(() => decodeFilingsRequest(encodeFilingsRequest(START_POSITION, 201))).toThrow(/max/);
    expect(() => decodeFilingsRequest(Uint8Array.of(1, 2))).toThrow();
  });
});

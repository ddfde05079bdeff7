/**
 * The judicial chain's case filings in chain order, on request (`judicialFilingsSubject`, served
 * next to the chain by adapters/judicial/filing-index.ts): what the filings publisher follows.
 *
 *   request  u64 afterHeight, u32 afterIndex, u32 max (1..MAX_FILINGS_PAGE)
 *   reply    u64 latestHeight, u32 n, n x (u64 height, u32 index, string caseId)
 *
 * A filing's position is (height, index of its `case.file` tx in the block): filings come
 * strictly after the position asked, oldest first. Not signed: the reader proves each
 * `case/<caseId>` against a quorum-signed header before it publishes anything, so a forged
 * position list can make it publish nothing false, only skip or wait.
 */
import { ByteReader, ByteWriter } from '../encoding/bytes.js';

export const MAX_FILINGS_PAGE = 200;

/** Where a filing sits on the chain; (0, 0) is before the first. */
export interface FilingPosition {
  height: number;
  index: number;
}

export interface ChainFiling extends FilingPosition {
  caseId: string;
}

export interface FilingsPage {
  latestHeight: number;
  filings: ChainFiling[];
}

export const START_POSITION: FilingPosition = Object.freeze({ height: 0, index: 0 });

/** a < b in chain order. */
export const positionBefore = (a: FilingPosition, b: FilingPosition): boolean =>
  a.height < b.height || (a.height === b.height && a.index < b.index);

export function encodeFilingsRequest(after: FilingPosition, max: number): Uint8Array {
  return new ByteWriter().u64(after.height).u32(after.index).u32(max).finish();
}

/** @throws RangeError on a malformed request */
export function decodeFilingsRequest(data: Uint8Array): { after: FilingPosition; max: number } {
  const r = new ByteReader(data);
  const height = r.u64n('afterHeight');
  const index = r.u32('afterIndex');
  const max = r.u32('max');
  r.end('judicial.filings request');
  if (max < 1 || max > MAX_FILINGS_PAGE) throw new RangeError(`max: expected 1..${MAX_FILINGS_PAGE}, got ${max}`);
  return { after: { height, index }, max };
}

export function encodeFilingsPage(p: FilingsPage): Uint8Array {
  const w = new ByteWriter().u64(p.latestHeight).u32(p.filings.length);
  for (const f of p.filings) w.u64(f.height).u32(f.index).string(f.caseId);
  return w.finish();
}

/** @throws RangeError on a malformed reply */
export function decodeFilingsPage(data: Uint8Array): FilingsPage {
  const r = new ByteReader(data);
  const latestHeight = r.u64n('latestHeight');
  const n = r.u32('count');
  if (n > MAX_FILINGS_PAGE) throw new RangeError(`at most ${MAX_FILINGS_PAGE} filings a page, got ${n}`);
  const filings: ChainFiling[] = [];
  for (let i = 0; i < n; i++) filings.push({ height: r.u64n('height'), index: r.u32('index'), caseId: r.string('caseId') });
  r.end('judicial.filings reply');
  return { latestHeight, filings };
}

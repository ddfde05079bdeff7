/**
 * The body of an `asset.report` envelope (subject `cb.v1.assets.<chain>`, signed by that chain's
 * adapter): a record was newly filed for a hashed owner under the chain's asset index, the index
 * the enforcement's investigation reads (src/workflows/enforcement/asset-profiles.ts `ownerIndex`).
 * It is a HINT: the workflow service re-investigates the owner's terminated cases with proofs and
 * acts only on what the investigation proves; the report itself is never evidence.
 *
 * Layout (the fixed layout of src/encoding/bytes.ts, fields in this order):
 *   fixed(32) ownerHash   the keyed hash of the owner (the index value), raw bytes
 *   string    index       the index name, e.g. `holder`, `owner` (1-64 chars [a-z0-9_-])
 *   string    recordKey   the record's key, e.g. `account/6216...` (1-256 bytes)
 *   u64       height      the block that filed it
 * Decoding is strict (trailing bytes, a field outside its grammar: RangeError naming the field).
 */
import { ByteReader, ByteWriter, fromHex, toHex } from '../encoding/bytes.js';

export const ASSET_REPORT_TYPE = 'asset.report';

export interface AssetReport {
  /** Hex (64 lowercase) keyed hash of the owner. */
  ownerHash: string;
  index: string;
  recordKey: string;
  height: number;
}

const HEX64 = /^[0-9a-f]{64}$/;
const INDEX = /^[a-z0-9_-]{1,64}$/;

function check(r: AssetReport): void {
  if (!HEX64.test(r.ownerHash)) throw new RangeError('ownerHash: expected 64 lowercase hex characters');
  if (!INDEX.test(r.index)) throw new RangeError('index: expected 1-64 characters [a-z0-9_-]');
  const keyBytes = Buffer.byteLength(r.recordKey);
  if (keyBytes < 1 || keyBytes > 256) throw new RangeError('recordKey: expected 1-256 bytes');
  if (!Number.isSafeInteger(r.height) || r.height < 1) throw new RangeError('height: expected an integer >= 1');
}

export function encodeAssetReport(r: AssetReport): Uint8Array {
  check(r);
  return new ByteWriter().fixed(fromHex(r.ownerHash), 32, 'ownerHash').string(r.index).string(r.recordKey).u64(r.height).finish();
}

/** @throws RangeError naming the field when the bytes are not an asset report */
export function decodeAssetReport(bytes: Uint8Array): AssetReport {
  const r = new ByteReader(bytes);
  const ownerHash = toHex(r.fixed(32, 'ownerHash'));
  const index = r.string('index');
  const recordKey = r.string('recordKey');
  const height = r.u64n('height');
  r.end('asset report');
  const report = { ownerHash, index, recordKey, height };
  check(report);
  return report;
}

/** The `asset.report` body (src/bus/asset-report.ts): its fixed layout, decoded strictly. */
import { describe, expect, it } from 'vitest';
import { decodeAssetReport, encodeAssetReport } from '../../src/bus/asset-report.js';
import { ByteWriter, fromHex, toHex } from '../../src/encoding/bytes.js';
import envelopeVectors from '../vectors/envelope.json' with { type: 'json' };

const OWNER = 'ab'.repeat(32);
const REPORT = { ownerHash: OWNER, index: 'holder', recordKey: 'account/6216610100009999001', height: 42 };

describe('asset report body', () => {
  it('round-trips in the documented layout: 32 raw bytes, index, record key, u64 height', () => {
    const bytes = encodeAssetReport(REPORT);
    expect(toHex(bytes)).toBe(toHex(new ByteWriter().fixed(fromHex(OWNER), 32).string('holder').string(REPORT.recordKey).u64(42).finish()));
    expect(decodeAssetReport(bytes)).toEqual(REPORT);
  });

  it('decodes the body of the asset.report envelope vector (test/vectors/envelope.json)', () => {
    const v = envelopeVectors.vectors.find((x) => x.type === 'asset.report')!;
    expect(decodeAssetReport(fromHex(v.bodyHex))).toEqual({
      ownerHash: '5f'.repeat(32),
      index: 'holder',
      recordKey: 'account/6216610100009999001',
      height: 7,
    });
  });

  const cases: { name: string; bytes: () => Uint8Array; error: RegExp }[] = [
    { name: 'trailing bytes', bytes: () => Uint8Array.from([...encodeAssetReport(REPORT), 0]), error: /asset report/ },
    { name: 'truncated', bytes: () => encodeAssetReport(REPORT).slice(0, 40), error: /index|recordKey|height/ },
    {
      name: 'an index outside its grammar',
      bytes: () => new ByteWriter().fixed(fromHex(OWNER), 32).string('Holder!').string('k').u64(1).finish(),
      error: /index/,
    },
    {
      name: 'height 0',
      bytes: () => new ByteWriter().fixed(fromHex(OWNER), 32).string('holder').string('k').u64(0).finish(),
      error: /height/,
    },
    {
      name: 'an empty record key',
      bytes: () => new ByteWriter().fixed(fromHex(OWNER), 32).string('holder').string('').u64(1).finish(),
      error: /recordKey/,
    },
  ];
  for (const c of cases)
    it(`refuses ${c.name}`, () => {
      expect(() => decodeAssetReport(c.bytes())).toThrow(c.error);
    });

  it('refuses to encode an owner that is not a keyed hash', () => {
    expect(() => encodeAssetReport({ ...REPORT, ownerHash: '110101199003077777' })).toThrow(/ownerHash/);
  });
});

/**
 * What is shown is what was proven (src/verify/proven-record.ts): a real property-title bundle
 * decoded by its record type with zh-CN labels; nothing shown for a bundle that does not verify,
 * for a verdict about other bytes, or for a record nothing binds to the block; an unknown record
 * type shown as undecoded hex; the proven absence shown as absence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { beijingTime, provenRecordLines, provenRecordView, yuan, type ProvenRecordView } from '../../src/verify/proven-record.js';
import { ALLIANCE_RECORD_LAYOUTS } from '../../adapters/catalog.js';
import { ENTERPRISE_RECORD_LAYOUTS } from '../../adapters/notary/enterprise-schema.js';
import { MARKET_RECORD_LAYOUTS } from '../../adapters/market/layouts.js';
import { recordLayoutsOf } from '../../src/verify/record-layout.js';
import { verifyBundleBytes, type BundleVerification } from '../../src/verify/bundle-verify.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { toHex } from '../../src/encoding/bytes.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { APARTMENT, titleBundles, type TitleBundles } from '../helpers/title-bundle.js';

let b: TitleBundles;
beforeAll(async () => {
  b = await titleBundles();
});

const verify = (bytes: Uint8Array): BundleVerification => verifyBundleBytes(bytes, { atMs: Date.now(), authority: b.authority });
const shown = (v: ProvenRecordView) =>
  v.shown === 'record' && v.decoded.ok ? Object.fromEntries(v.decoded.fields.map((f) => [f.path, f.text])) : {};

describe('provenRecordView', () => {
  it('shows a valid title decoded by its type: zh-CN labels, area, money in 元, Beijing time, the owner as the keyed hash it is', () => {
    const bytes = b.bytes(b.title);
    const v = provenRecordView(bytes, verify(bytes), ALLIANCE_RECORD_LAYOUTS);
    expect(v).toMatchObject({
      shown: 'record',
      chainId: 'property',
      recordType: 'title',
      key: APARTMENT.key,
      typeLabel: { zh: '不动产/动产权属' },
      decoded: { ok: true },
    });
    const f = shown(v);
    expect(f['titleNo']).toBe(APARTMENT.titleNo);
    expect(f['areaM2']).toBe(`${APARTMENT.areaM2} 平方米 (m²)`);
    expect(f['valueEstimateCents']).toBe('6,500,000.00 元');
    expect(f['kind']).toBe('不动产 (real_estate)');
    expect(f['owners[0].owner']).toBe(DEMO_CAST.debtor.idHash);
    expect(f['owners[0].shareBp']).toBe('100.00%');
    expect(f['registeredAtMs']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(北京时间 UTC\+8\)$/);
    const fields = v.shown === 'record' && v.decoded.ok ? v.decoded.fields : [];
    expect(fields.find((x) => x.path === 'owners[0].owner')?.label).toEqual({
      zh: '权利人 1 · 权利人（加密哈希）',
      en: 'Owners 1: Owner (keyed hash)',
    });
    const lines = provenRecordLines(v).join('\n');
    expect(lines).toContain('面积 Area: 89 平方米 (m²)');
    expect(lines).toContain(DEMO_CAST.debtor.idHash);
  });

  it('shows nothing when the record was changed (the proof fails), and nothing for a verdict about other bytes', () => {
    const edited = decodeMessage('ProofBundle', b.bytes(b.title));
    const value = decodeCanonicalObject(edited.record!.value) as Record<string, unknown>;
    edited.record!.value = Buffer.from(encodeCanonical({ ...value, areaM2: 189 }));
    const bytes = encodeMessage('ProofBundle', edited as unknown as MessageInput<'ProofBundle'>);
    const v = verify(bytes);
    expect(v.verdict).toBe('invalid');
    expect(provenRecordView(bytes, v, ALLIANCE_RECORD_LAYOUTS)).toMatchObject({ shown: 'nothing', reason: 'verdict_invalid' });
    // A valid verdict for the genuine bundle (same header) does not make the edited bytes shown.
    expect(provenRecordView(bytes, verify(b.bytes(b.title)), ALLIANCE_RECORD_LAYOUTS)).toMatchObject({
      shown: 'nothing',
      reason: 'verification_of_other_bytes',
    });
    // Another genuine bundle's verdict (another header) is not about these bytes.
    const other = verify(b.bytes(b.absent));
    const forged: BundleVerification = { ...other, verifiedHeader: { ...other.verifiedHeader!, headerHash: new Uint8Array(32) } };
    expect(provenRecordView(b.bytes(b.title), forged, ALLIANCE_RECORD_LAYOUTS)).toMatchObject({
      shown: 'nothing',
      reason: 'verification_of_other_bytes',
    });
  });

  it('shows nothing for an indeterminate verdict or a record no check binds to the block', () => {
    const bytes = b.bytes(b.title);
    const v = verify(bytes);
    expect(provenRecordView(bytes, { ...v, verdict: 'indeterminate' }, ALLIANCE_RECORD_LAYOUTS)).toMatchObject({
      shown: 'nothing',
      reason: 'verdict_indeterminate',
    });
    const unbound = { ...v, checks: v.checks.map((c) => (c.name === 'state_proof' ? { ...c, outcome: 'skipped' as const } : c)) };
    expect(provenRecordView(bytes, unbound, ALLIANCE_RECORD_LAYOUTS)).toMatchObject({ shown: 'nothing', reason: 'record_not_bound' });
    expect(provenRecordView(new Uint8Array([0xff, 0xff]), v, ALLIANCE_RECORD_LAYOUTS)).toMatchObject({
      shown: 'nothing',
      reason: 'malformed_bundle',
    });
  });

  it('shows the proven absence as absence, and an unknown record type as undecoded hex', () => {
    const a = b.bytes(b.absent);
    expect(provenRecordView(a, verify(a), ALLIANCE_RECORD_LAYOUTS)).toMatchObject({ shown: 'absence', recordType: 'title' });
    expect(provenRecordLines(provenRecordView(a, verify(a), ALLIANCE_RECORD_LAYOUTS)).join('\n')).toMatch(/不存在（已证明）.*ABSENT/);
    const u = b.bytes(b.unknownType);
    const v = provenRecordView(u, verify(u), ALLIANCE_RECORD_LAYOUTS);
    expect(v).toMatchObject({
      shown: 'record',
      recordType: 'parcel',
      decoded: { ok: false, why: { en: expect.stringMatching(/unknown record type/) } },
    });
    expect(v.shown === 'record' && v.valueHex).toBe(toHex(b.title.record!.value as Uint8Array));
    expect(provenRecordLines(v).join('\n')).toMatch(/未解码.*undecoded, hex\): [0-9a-f]+$/m);
  });

  it('formats money with bigint (no float) and times in Beijing time', () => {
    expect(yuan(0n)).toBe('0.00 元');
    expect(yuan(123456789012345678n)).toBe('1,234,567,890,123,456.78 元');
    expect(beijingTime(Date.UTC(2024, 0, 31, 16, 30, 5))).toBe('2024-02-01 00:30:05 (北京时间 UTC+8)');
  });

  it('a record type two chains share has one layout object; two different layouts for it are refused', () => {
    // The market chain's enterprise record is the enterprise registry's (adapters/market/layouts.ts).
    expect(ALLIANCE_RECORD_LAYOUTS.get('enterprise')).toBe(ENTERPRISE_RECORD_LAYOUTS[0]);
    expect(MARKET_RECORD_LAYOUTS).toContain(ENTERPRISE_RECORD_LAYOUTS[0]);
    const copy = { ...ENTERPRISE_RECORD_LAYOUTS[0]! };
    expect(() => recordLayoutsOf([ENTERPRISE_RECORD_LAYOUTS, [copy]])).toThrow(
      expect.objectContaining({ reason: 'duplicate_record_layout' }),
    );
  });

  it('every adapter record type has a layout whose labels have zh-CN and English', () => {
    expect([...ALLIANCE_RECORD_LAYOUTS.keys()].sort()).toEqual(
      [
        'access',
        'account',
        'agreement',
        'anchor',
        'anchor-batch',
        'asset',
        'audit',
        'ballot',
        'bankruptcy_case',
        'card',
        'case',
        'claim',
        'copyright',
        'device',
        'dishonest',
        'enterprise',
        'equity',
        'equity_change',
        'financial_lease',
        'evidence',
        'lawyer',
        'loan',
        'movable',
        'onsite',
        'meeting',
        'loan_approval',
        'order',
        'patent',
        'performance',
        'restriction',
        'served-document',
        'service',
        'shareholder_register',
        'termination',
        'title',
        'trade',
        'trademark',
        'warehouse_receipt',
        'transfer',
      ].sort(),
    );
    for (const l of ALLIANCE_RECORD_LAYOUTS.values()) {
      for (const [name, f] of Object.entries(l.fields)) {
        expect(f.zh, `${l.recordType}.${name}`).toMatch(/[\u4e00-\u9fff]/u);
        expect(f.en, `${l.recordType}.${name}`).toMatch(/[A-Za-z]/);
      }
    }
  });
});

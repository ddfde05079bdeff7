/**
 * The decision whether, and what, a verified bundle's record is shown to a person
 * (src/verify/proven-record.ts `provenRecordView`), on real bundles of a hand-made state (real
 * Merkle proofs, quorum-signed headers, gateway receipts; `verifyBundle` gives the verdict):
 * nothing, with its reason and the zh/en words a person reads, for a verdict that is not valid,
 * about other bytes (another header, chain, height, value) or binding nothing to the block; the
 * record decoded by its layout, field by field (labels of unlabelled fields from their name, the
 * value's own `type`/`schema` left out), or undecoded hex with why for an unknown record type or
 * a value its layout refuses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { fromUtf8, toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { verifyBundle, type BundleVerification } from '../../src/verify/bundle-verify.js';
import { beijingTime, provenRecordView, type ProvenRecordView } from '../../src/verify/proven-record.js';
import { label, NO_RECORD_LAYOUTS, type RecordLayout, type RecordLayouts } from '../../src/verify/record-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { makeBundle, stateWith, type WireBundle } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../helpers/chain-fixture.js';

const CHAIN = 'testchain';
const NOW = FIXTURE_START_MS + 3_600_000;
/** A value of every shape a reader can return: number, text, null, boolean, lists, nested objects. */
const SAMPLE = {
  type: 'sample',
  schema: 1,
  name: 'Zhang',
  count: 3,
  note: null,
  tags: ['a', 'b'],
  none: [],
  inner: { type: 'kept', flag: true },
  items: [{ id: 'i-1' }, { id: 'i-2' }],
};
const RECORDS: Record<string, string> = {
  'rec/sample': fromUtf8(encodeCanonical(SAMPLE)),
  'rec/bare': fromUtf8(encodeCanonical({ type: 'bare', schema: 1 })),
};

const chain = new ChainFixture(CHAIN, fixtureValidators(4));
chain.next({ stateRoot: stateWith(RECORDS, 'rec/sample').root });
chain.next({ stateRoot: stateWith(RECORDS, 'rec/sample').root });
const lb = (h: number): LightBlock => ({ signedHeader: chain.at(h).signedHeader, validatorSet: chain.at(h).validatorSet });
const fx = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lb(1) } });
const receiptSigner = nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);

const proven = (key: string, recordType: string): Promise<WireBundle> =>
  makeBundle({
    block: lb(2),
    trace: [lb(1)],
    recordType,
    key,
    value: RECORDS[key]!,
    proof: stateWith(RECORDS, key).proof,
    receiptSigner,
    nowMs: NOW,
  });

const bytesOf = (b: WireBundle): Uint8Array => encodeMessage('ProofBundle', b as unknown as MessageInput<'ProofBundle'>);
const verify = (bytes: Uint8Array): BundleVerification =>
  verifyBundle(decodeMessage('ProofBundle', bytes), { atMs: NOW, authority: fx.authority });
/** The bundle's bytes with `edit` applied to its decoded form. */
const edited = (b: WireBundle, edit: (d: WireBundle) => void): Uint8Array => {
  const d = decodeMessage('ProofBundle', bytesOf(b));
  edit(d);
  return bytesOf(d);
};
const layouts = (...l: RecordLayout[]): RecordLayouts => new Map(l.map((x) => [x.recordType, x]));
const fieldsOf = (v: ProvenRecordView) => (v.shown === 'record' && v.decoded.ok ? v.decoded.fields : undefined);

/** The sample's reader: every field read (none refused), the value returned as stored. */
const SAMPLE_LAYOUT: RecordLayout = {
  recordType: 'sample',
  valueType: 'sample',
  schema: 1,
  label: { zh: '样例', en: 'Sample' },
  read: (f) => {
    for (const k of Object.keys(f.value)) f.raw(k);
    return f.value;
  },
  // Only `name` is labelled: every other field is named by its own name.
  fields: { name: label('姓名', 'Name') },
};

const OTHER_BYTES = { zh: '核验结论不属于这份证明包', en: 'the verdict is not about these bytes' };

let sample: WireBundle;
let sampleBytes: Uint8Array;
let valid: BundleVerification;
let bare: WireBundle;
beforeAll(async () => {
  sample = await proven('rec/sample', 'sample');
  sampleBytes = bytesOf(sample);
  valid = verify(sampleBytes);
  bare = await proven('rec/bare', 'bare');
});

describe('provenRecordView: nothing is shown, with the reason and the words a person reads', () => {
  it('a verdict that is not valid: invalid and indeterminate each say so, in zh-CN and English', () => {
    expect(valid.verdict).toBe('valid');
    expect(provenRecordView(sampleBytes, { ...valid, verdict: 'invalid' }, NO_RECORD_LAYOUTS)).toEqual({
      shown: 'nothing',
      reason: 'verdict_invalid',
      why: { zh: '证明未通过核验：不显示任何记录内容', en: 'the proof did not verify: no record is shown' },
    });
    expect(provenRecordView(sampleBytes, { ...valid, verdict: 'indeterminate' }, NO_RECORD_LAYOUTS)).toEqual({
      shown: 'nothing',
      reason: 'verdict_indeterminate',
      why: { zh: '证明未能完全核验：不显示任何记录内容', en: 'the proof could not be fully checked: no record is shown' },
    });
  });

  it('bytes that are no bundle, or a bundle without its signed header, do not decode', () => {
    const notDecoded = {
      shown: 'nothing',
      reason: 'malformed_bundle',
      why: { zh: '证明包无法解码', en: 'the bundle does not decode' },
    };
    expect(provenRecordView(new Uint8Array([0xff, 0xff]), valid, NO_RECORD_LAYOUTS)).toEqual(notDecoded);
    const headless = edited(sample, (d) => {
      d.signedHeader = null;
    });
    expect(provenRecordView(headless, valid, NO_RECORD_LAYOUTS)).toEqual(notDecoded);
  });

  it('a verdict that names no header, or another chain or height than these bytes, is not about them', () => {
    const { verifiedHeader, ...noHeader } = valid;
    expect(verifiedHeader).toBeDefined();
    expect(provenRecordView(sampleBytes, noHeader, NO_RECORD_LAYOUTS)).toEqual({
      shown: 'nothing',
      reason: 'verification_of_other_bytes',
      why: OTHER_BYTES,
    });
    // The same header hash under another chain id or height: still another header than these bytes'.
    for (const vh of [
      { ...verifiedHeader!, chainId: 'otherchain' },
      { ...verifiedHeader!, height: verifiedHeader!.height + 1 },
      // The same bytes hashed under another suite than the verdict's are another header.
      { ...verifiedHeader!, hashSuite: 'sm3' as const },
    ])
      expect(provenRecordView(sampleBytes, { ...valid, verifiedHeader: vh }, NO_RECORD_LAYOUTS)).toEqual({
        shown: 'nothing',
        reason: 'verification_of_other_bytes',
        why: OTHER_BYTES,
      });
  });

  it("a record that names another chain than its header's is not what the verdict is about", () => {
    const moved = edited(sample, (d) => {
      d.record!.chainId = 'otherchain';
    });
    expect(provenRecordView(moved, valid, NO_RECORD_LAYOUTS)).toEqual({
      shown: 'nothing',
      reason: 'verification_of_other_bytes',
      why: OTHER_BYTES,
    });
  });

  it('another value under the same header is not shown on its header verdict, whatever trust basis the bundle claims', () => {
    const value = Buffer.from(encodeCanonical({ ...SAMPLE, count: 4 }));
    for (const trustBasis of ['TRUST_BASIS_HEADER_PROOF', 'TRUST_BASIS_ATTESTATIONS'] as const) {
      const other = edited(sample, (d) => {
        d.record!.value = value;
        d.trustBasis = trustBasis;
      });
      expect(provenRecordView(other, valid, NO_RECORD_LAYOUTS), trustBasis).toEqual({
        shown: 'nothing',
        reason: 'verification_of_other_bytes',
        why: OTHER_BYTES,
      });
    }
  });

  it('a record neither the state proof nor attestations bind to the block: nothing; attestations alone do bind', () => {
    const outcome = (name: string, outcome: 'passed' | 'skipped') =>
      valid.checks.map((c) => (c.name === name ? { ...c, outcome, reason: outcome === 'passed' ? '' : 'not_applicable' } : c));
    expect(valid.checks.find((c) => c.name === 'state_proof')?.outcome).toBe('passed');
    expect(provenRecordView(sampleBytes, { ...valid, checks: outcome('state_proof', 'skipped') }, NO_RECORD_LAYOUTS)).toEqual({
      shown: 'nothing',
      reason: 'record_not_bound',
      why: { zh: '没有证明把该记录与区块绑定', en: 'nothing ties the record to the block' },
    });
    const attested = outcome('state_proof', 'skipped').map((c) =>
      c.name === 'attestations' ? { ...c, outcome: 'passed' as const, reason: '' } : c,
    );
    expect(provenRecordView(sampleBytes, { ...valid, checks: attested }, NO_RECORD_LAYOUTS)).toMatchObject({
      shown: 'record',
      key: 'rec/sample',
    });
  });
});

describe('provenRecordView: the record shown', () => {
  it('an unknown record type: its type named, the value undecoded as hex, and why', () => {
    const h = lb(2).signedHeader.header;
    expect(provenRecordView(sampleBytes, valid, NO_RECORD_LAYOUTS)).toEqual({
      shown: 'record',
      chainId: CHAIN,
      recordType: 'sample',
      key: 'rec/sample',
      typeLabel: { zh: '记录类型 sample', en: 'record type sample' },
      at: { chainId: CHAIN, height: 2, headerHash: toHex(headerHash(h)), timeMs: h.timeMs, timeText: beijingTime(h.timeMs) },
      valueHex: toHex(utf8(RECORDS['rec/sample']!)),
      decoded: {
        ok: false,
        why: { zh: '未知的记录类型：记录值未解码，仅显示原始字节', en: 'unknown record type: the value is shown undecoded, as hex' },
      },
    });
  });

  it('a verdict that names no hash suite is taken as SHA-256', () => {
    const { hashSuite, ...named } = valid.verifiedHeader!;
    expect(hashSuite).toBe('sha256');
    expect(provenRecordView(sampleBytes, { ...valid, verifiedHeader: named }, NO_RECORD_LAYOUTS)).toMatchObject({
      shown: 'record',
      at: { headerHash: toHex(named.headerHash) },
    });
  });

  it("every field in the reader's order: labels of unlabelled fields from their names and formats from their values; the value's own type and schema left out, a nested type kept", () => {
    const v = provenRecordView(sampleBytes, valid, layouts(SAMPLE_LAYOUT));
    expect(v).toMatchObject({ shown: 'record', typeLabel: { zh: '样例', en: 'Sample' }, decoded: { ok: true } });
    const same = (t: string) => ({ zh: t, en: t });
    expect(fieldsOf(v)).toEqual([
      { path: 'count', label: same('count'), format: 'integer', text: '3', plain: same('3') },
      {
        path: 'inner.flag',
        label: { zh: 'inner · flag', en: 'inner: flag' },
        format: 'text',
        text: '是 (yes)',
        plain: { zh: '是', en: 'yes' },
      },
      { path: 'inner.type', label: { zh: 'inner · type', en: 'inner: type' }, format: 'text', text: 'kept', plain: same('kept') },
      { path: 'items[0].id', label: { zh: 'items 1 · id', en: 'items 1: id' }, format: 'text', text: 'i-1', plain: same('i-1') },
      { path: 'items[1].id', label: { zh: 'items 2 · id', en: 'items 2: id' }, format: 'text', text: 'i-2', plain: same('i-2') },
      { path: 'name', label: { zh: '姓名', en: 'Name' }, format: 'text', text: 'Zhang', plain: same('Zhang') },
      { path: 'none', label: same('none'), format: 'group', text: '无 (none)', plain: { zh: '无', en: 'none' } },
      { path: 'note', label: same('note'), format: 'text', text: 'null', plain: same('null') },
      { path: 'tags', label: same('tags'), format: 'group', text: 'a、b', plain: { zh: 'a、b', en: 'a, b' } },
    ]);
  });

  it("a binary record's decoder decodes the proven value bytes, instead of a reader", () => {
    let given: Uint8Array | undefined;
    const binary: RecordLayout = {
      recordType: 'sample',
      valueType: 'sample',
      schema: 1,
      label: { zh: '二进制样例', en: 'Binary sample' },
      decode: (value) => {
        given = value;
        return { length: value.length };
      },
      fields: { length: label('长度', 'Length', 'integer') },
    };
    const v = provenRecordView(sampleBytes, valid, layouts(binary));
    expect(toHex(given!)).toBe(toHex(utf8(RECORDS['rec/sample']!)));
    expect(fieldsOf(v)).toEqual([
      {
        path: 'length',
        label: { zh: '长度', en: 'Length' },
        format: 'integer',
        text: String(given!.length),
        plain: { zh: String(given!.length), en: String(given!.length) },
      },
    ]);
  });

  it('a layout without a reader shows a value of only its type and schema, with no field', () => {
    const bareBytes = bytesOf(bare);
    const layout: RecordLayout = { recordType: 'bare', valueType: 'bare', schema: 1, label: { zh: '空记录', en: 'Bare' }, fields: {} };
    expect(provenRecordView(bareBytes, verify(bareBytes), layouts(layout))).toMatchObject({
      shown: 'record',
      recordType: 'bare',
      typeLabel: { zh: '空记录', en: 'Bare' },
      decoded: { ok: true, fields: [] },
    });
  });

  it('a value its layout refuses (another value type, a decoder that throws) is shown undecoded with why, naming the field', () => {
    const why = (msg: string) => ({
      zh: `记录值不符合该类型的结构（${msg}）：仅显示原始字节`,
      en: `the value does not match its record type's schema (${msg}): shown undecoded, as hex`,
    });
    const h = lb(2).signedHeader.header;
    const undecoded = (msg: string, typeLabel: { zh: string; en: string }) => ({
      shown: 'record',
      chainId: CHAIN,
      recordType: 'sample',
      key: 'rec/sample',
      typeLabel,
      at: { chainId: CHAIN, height: 2, headerHash: toHex(headerHash(h)), timeMs: h.timeMs, timeText: beijingTime(h.timeMs) },
      valueHex: toHex(utf8(RECORDS['rec/sample']!)),
      decoded: { ok: false, why: why(msg) },
    });
    // The record type's layout reads another value type: refused at `type`.
    const mismatched = { ...SAMPLE_LAYOUT, valueType: 'other' };
    expect(provenRecordView(sampleBytes, valid, layouts(mismatched))).toEqual(
      undecoded('rec/sample.type: expected "other"', SAMPLE_LAYOUT.label),
    );
    // A binary decoder's refusal names its field.
    const { read: _reader, ...unread } = SAMPLE_LAYOUT;
    const refusing: RecordLayout = {
      ...unread,
      decode: () => {
        throw new RangeError('sample.length: expected 4 bytes');
      },
    };
    expect(provenRecordView(sampleBytes, valid, layouts(refusing))).toEqual(
      undecoded('sample.length: expected 4 bytes', SAMPLE_LAYOUT.label),
    );
  });
});

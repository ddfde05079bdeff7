/**
 * Each field of a proven record as a person reads it (src/verify/proven-record.ts): what the
 * view writes is what the party acts on, so every format is pinned to its exact text at its
 * boundaries — cents to 元, Unix ms to the Beijing clock, codes to their names, lists one line or
 * one line per identifier, nested paths and labels — in both the CLI line (`text`) and the page's
 * one-language value (`plain`), and through the terminal lines and the wire message.
 *
 * The values are given to the view by a layout's `decode` over a real, verified title bundle, so
 * they reach the renderer by the only road a proven value takes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from '../../src/encoding/bytes.js';
import { verifyBundleBytes, type BundleVerification } from '../../src/verify/bundle-verify.js';
import {
  beijingTime,
  provenRecordLines,
  provenRecordToWire,
  provenRecordView,
  yuan,
  type ProvenRecordView,
  type ShownField,
} from '../../src/verify/proven-record.js';
import { codes, label, type FieldLabels, type RecordLayout } from '../../src/verify/record-layout.js';
import { titleBundles } from '../helpers/title-bundle.js';

let bytes: Uint8Array;
let verdict: BundleVerification;
beforeAll(async () => {
  const b = await titleBundles();
  bytes = b.bytes(b.title);
  verdict = verifyBundleBytes(bytes, { atMs: Date.UTC(2030, 0, 1), authority: b.authority });
  expect(verdict.verdict).toBe('valid');
});

/** The fields the view shows for a proven value that decodes to `value`, labelled by `fields`. */
function shownFields(value: Record<string, unknown>, fields: FieldLabels): ShownField[] {
  const layout: RecordLayout = {
    recordType: 'title',
    valueType: 'title',
    schema: 1,
    label: { zh: '测试记录', en: 'Test record' },
    decode: () => value,
    fields,
  };
  const v = provenRecordView(bytes, verdict, new Map([['title', layout]]));
  if (v.shown !== 'record' || !v.decoded.ok) throw new Error(`not shown decoded: ${JSON.stringify(v)}`);
  return v.decoded.fields;
}

const same = (t: string) => ({ zh: t, en: t });
const NONE_PLAIN = { zh: '无', en: 'none' };

describe('money: integer cents in 元, on bigint', () => {
  it('writes canonical cents as 元 with two decimals and separators; anything else as stored; empty as none', () => {
    const values: Record<string, unknown> = {
      zero: '0',
      one: '1',
      n99: '99',
      n100: '100',
      thousand: '100000',
      big: '123456789012345678901',
      empty: '',
      negative: '-5',
      leadingZero: '007',
      fraction: '12.5',
      number: 5,
    };
    const labels = Object.fromEntries(Object.keys(values).map((k) => [k, label(`金额${k}`, `Amount ${k}`, 'money')]));
    const expected: [string, string][] = [
      ['zero', '0.00 元'],
      ['one', '0.01 元'],
      ['n99', '0.99 元'],
      ['n100', '1.00 元'],
      ['thousand', '1,000.00 元'],
      ['big', '1,234,567,890,123,456,789.01 元'],
      ['empty', '无 (none)'],
      // Not canonical non-negative cents (a reader refuses these): shown exactly as stored, never reinterpreted.
      ['negative', '-5'],
      ['leadingZero', '007'],
      ['fraction', '12.5'],
      ['number', '5'],
    ];
    expect(shownFields(values, labels)).toStrictEqual(
      expected.map(([k, text]) => ({
        path: k,
        label: { zh: `金额${k}`, en: `Amount ${k}` },
        format: 'money',
        text,
        plain: k === 'empty' ? NONE_PLAIN : same(text),
      })),
    );
  });

  it('yuan: boundaries of the cents, the thousands and the sign', () => {
    expect(yuan(0n)).toBe('0.00 元');
    expect(yuan(1n)).toBe('0.01 元');
    expect(yuan(99n)).toBe('0.99 元');
    expect(yuan(100n)).toBe('1.00 元');
    expect(yuan(99_999n)).toBe('999.99 元');
    expect(yuan(100_000n)).toBe('1,000.00 元');
    expect(yuan(-5n)).toBe('-0.05 元');
    expect(yuan(-100n)).toBe('-1.00 元');
    expect(yuan(-123_456n)).toBe('-1,234.56 元');
    expect(yuan(-(2n ** 64n))).toBe('-184,467,440,737,095,516.16 元');
  });
});

describe('time: Unix ms on the Beijing clock', () => {
  const t = label('登记时间', 'Registered at', 'time');
  const row = (path: string, text: string, plain: { zh: string; en: string }, timeMs?: number): ShownField => ({
    path,
    label: { zh: '登记时间', en: 'Registered at' },
    format: 'time',
    text,
    plain,
    ...(timeMs === undefined ? {} : { timeMs }),
  });
  const clock = (c: string) => ({ zh: `${c} 北京时间`, en: `${c} Beijing time (UTC+8)` });

  it('writes midnight, single-digit fields and a whole year, drops milliseconds, and hands the page the ms', () => {
    const midnight = Date.UTC(2024, 0, 31, 16, 0, 0);
    const digits = Date.UTC(2024, 2, 1, 1, 2, 3, 999);
    const yearEnd = Date.UTC(2023, 11, 31, 15, 59, 59, 999);
    const before1970 = -1;
    const v = { midnight, digits, yearEnd, before1970 };
    expect(shownFields(v, { midnight: t, digits: t, yearEnd: t, before1970: t })).toStrictEqual([
      row('midnight', '2024-02-01 00:00:00 (北京时间 UTC+8)', clock('2024-02-01 00:00:00'), midnight),
      row('digits', '2024-03-01 09:02:03 (北京时间 UTC+8)', clock('2024-03-01 09:02:03'), digits),
      row('yearEnd', '2023-12-31 23:59:59 (北京时间 UTC+8)', clock('2023-12-31 23:59:59'), yearEnd),
      row('before1970', '1970-01-01 07:59:59 (北京时间 UTC+8)', clock('1970-01-01 07:59:59'), before1970),
    ]);
  });

  it('0 is none; a fraction, a string and a number off the Date range are written as stored, with no ms for the page', () => {
    const edge = 8_640_000_000_000_000 - 8 * 3_600_000;
    const v = {
      none: 0,
      fraction: 1.5,
      text: '1700000000000',
      year10000: Date.UTC(9999, 11, 31, 16, 0, 0),
      lastInstant: edge,
      offRange: edge + 1,
      maxSafe: Number.MAX_SAFE_INTEGER,
    };
    const labels = Object.fromEntries(Object.keys(v).map((k) => [k, t]));
    expect(shownFields(v, labels)).toStrictEqual([
      row('none', '无 (none)', NONE_PLAIN),
      row('fraction', '1.5', same('1.5')),
      row('text', '1700000000000', same('1700000000000')),
      // Past year 9999 the ISO year has six digits and a sign: the seconds are still written.
      row('year10000', '+010000-01-01 00:00:00 (北京时间 UTC+8)', clock('+010000-01-01 00:00:00'), v.year10000),
      row('lastInstant', '+275760-09-13 00:00:00 (北京时间 UTC+8)', clock('+275760-09-13 00:00:00'), edge),
      // A reader accepts any safe integer; beyond the Date range there is no clock to write.
      row('offRange', String(edge + 1), same(String(edge + 1))),
      row('maxSafe', '9007199254740991', same('9007199254740991')),
    ]);
  });

  it('a large integer that is not a time field is not handed to the page as a time', () => {
    const f = shownFields({ count: 1_700_000_000_000 }, { count: label('数量', 'Count', 'integer') });
    expect(f).toStrictEqual([
      { path: 'count', label: { zh: '数量', en: 'Count' }, format: 'integer', text: '1700000000000', plain: same('1700000000000') },
    ]);
  });

  it('beijingTime: the exported writer, and what is not a time', () => {
    expect(beijingTime(0)).toBe('1970-01-01 08:00:00 (北京时间 UTC+8)');
    expect(beijingTime(Date.UTC(2024, 5, 9, 23, 59, 59, 1))).toBe('2024-06-10 07:59:59 (北京时间 UTC+8)');
    expect(beijingTime(Number.NaN)).toBe('NaN');
    expect(beijingTime(8_640_000_000_000_000)).toBe('8640000000000000');
  });
});

describe('other scalars: area, shares, codes, booleans, text, unlabelled fields', () => {
  it('writes each format in both languages', () => {
    const kind = label('类别', 'Kind', 'code', { values: codes({ real_estate: ['不动产', 'Real estate'], '1': ['一号', 'Number one'] }) });
    const labels: FieldLabels = {
      area: label('面积', 'Area', 'area_m2'),
      full: label('份额', 'Share', 'share_bp'),
      tiny: label('份额', 'Share', 'share_bp'),
      third: label('份额', 'Share', 'share_bp'),
      shareText: label('份额', 'Share', 'share_bp'),
      kind,
      unknownKind: kind,
      numericKind: kind,
      bareCode: label('代码', 'Code', 'code'),
      yes: label('有效', 'Valid', 'text'),
      no: label('有效', 'Valid', 'text'),
      textTrue: label('备注', 'Note', 'text'),
      nothing: label('备注', 'Note', 'text'),
      owner: label('权利人', 'Owner', 'person_hash'),
    };
    const v = {
      area: 89,
      full: 10_000,
      tiny: 1,
      third: 3333,
      shareText: '5000',
      kind: 'real_estate',
      unknownKind: 'boat',
      numericKind: 1,
      bareCode: 'x',
      yes: true,
      no: false,
      textTrue: 'true',
      nothing: null,
      owner: 'h-owner',
      unlabelledFlag: true,
      unlabelledCount: 7,
      unlabelledNull: null,
    };
    const f = (path: string, zh: string, en: string, format: string, text: string, plain = same(text)) => ({
      path,
      label: { zh, en },
      format,
      text,
      plain,
    });
    expect(shownFields(v, labels)).toStrictEqual([
      f('area', '面积', 'Area', 'area_m2', '89 平方米 (m²)', { zh: '89 平方米 (m²)', en: '89 m²' }),
      f('full', '份额', 'Share', 'share_bp', '100.00%'),
      f('tiny', '份额', 'Share', 'share_bp', '0.01%'),
      f('third', '份额', 'Share', 'share_bp', '33.33%'),
      f('shareText', '份额', 'Share', 'share_bp', '5000'),
      f('kind', '类别', 'Kind', 'code', '不动产 (real_estate)', { zh: '不动产', en: 'Real estate' }),
      f('unknownKind', '类别', 'Kind', 'code', 'boat'),
      // A code is a string: a number is not looked up even where a code of its digits exists.
      f('numericKind', '类别', 'Kind', 'code', '1'),
      f('bareCode', '代码', 'Code', 'code', 'x'),
      f('yes', '有效', 'Valid', 'text', '是 (yes)', { zh: '是', en: 'yes' }),
      f('no', '有效', 'Valid', 'text', '否 (no)', { zh: '否', en: 'no' }),
      f('textTrue', '备注', 'Note', 'text', 'true'),
      f('nothing', '备注', 'Note', 'text', 'null'),
      f('owner', '权利人（加密哈希）', 'Owner (keyed hash)', 'person_hash', 'h-owner'),
      // No label: the field's own name in both languages, the format guessed from the value.
      f('unlabelledFlag', 'unlabelledFlag', 'unlabelledFlag', 'text', '是 (yes)', { zh: '是', en: 'yes' }),
      f('unlabelledCount', 'unlabelledCount', 'unlabelledCount', 'integer', '7'),
      f('unlabelledNull', 'unlabelledNull', 'unlabelledNull', 'text', 'null'),
    ]);
  });
});

describe('lists and nested objects: paths and labels', () => {
  it('an empty list is none; identifiers a line each, numbered; other lists one line, joined per language', () => {
    const labels: FieldLabels = {
      tags: label('标签', 'Tags', 'text'),
      parties: label('当事人', 'Parties', 'person_hash'),
      cases: label('案号', 'Case number', 'id'),
      heirs: label('继承人', 'Heirs', 'person_hash'),
      names: label('名称', 'Names', 'text'),
      kinds: label('案件类别', 'Case kinds', 'code', { values: codes({ civil: ['民事', 'Civil'], criminal: ['刑事', 'Criminal'] }) }),
      flags: label('标记', 'Flags', 'text'),
      amounts: label('金额', 'Amounts', 'money'),
      notes: label('备注', 'Notes', 'text'),
    };
    const v = {
      tags: [],
      parties: [],
      cases: ['(2024)沪01执1号', 'A-2'],
      heirs: ['h1', 'h2'],
      names: ['甲', '乙'],
      kinds: ['civil', 'criminal'],
      flags: [true, false],
      amounts: ['100', '1'],
      // null is no object: a list holding one is still a list of scalars, written as stored.
      notes: ['甲', null],
    };
    expect(shownFields(v, labels)).toStrictEqual([
      { path: 'tags', label: { zh: '标签', en: 'Tags' }, format: 'text', text: '无 (none)', plain: NONE_PLAIN },
      {
        path: 'parties',
        label: { zh: '当事人（加密哈希）', en: 'Parties (keyed hash)' },
        format: 'person_hash',
        text: '无 (none)',
        plain: NONE_PLAIN,
      },
      {
        path: 'cases[0]',
        label: { zh: '案号 1', en: 'Case number 1' },
        format: 'id',
        text: '(2024)沪01执1号',
        plain: same('(2024)沪01执1号'),
      },
      { path: 'cases[1]', label: { zh: '案号 2', en: 'Case number 2' }, format: 'id', text: 'A-2', plain: same('A-2') },
      {
        path: 'heirs[0]',
        label: { zh: '继承人（加密哈希） 1', en: 'Heirs (keyed hash) 1' },
        format: 'person_hash',
        text: 'h1',
        plain: same('h1'),
      },
      {
        path: 'heirs[1]',
        label: { zh: '继承人（加密哈希） 2', en: 'Heirs (keyed hash) 2' },
        format: 'person_hash',
        text: 'h2',
        plain: same('h2'),
      },
      { path: 'names', label: { zh: '名称', en: 'Names' }, format: 'text', text: '甲、乙', plain: { zh: '甲、乙', en: '甲, 乙' } },
      {
        path: 'kinds',
        label: { zh: '案件类别', en: 'Case kinds' },
        format: 'code',
        text: '民事 (civil)、刑事 (criminal)',
        plain: { zh: '民事、刑事', en: 'Civil, Criminal' },
      },
      {
        path: 'flags',
        label: { zh: '标记', en: 'Flags' },
        format: 'text',
        text: '是 (yes)、否 (no)',
        plain: { zh: '是、否', en: 'yes, no' },
      },
      {
        path: 'amounts',
        label: { zh: '金额', en: 'Amounts' },
        format: 'money',
        text: '1.00 元、0.01 元',
        plain: { zh: '1.00 元、0.01 元', en: '1.00 元, 0.01 元' },
      },
      { path: 'notes', label: { zh: '备注', en: 'Notes' }, format: 'text', text: '甲、null', plain: { zh: '甲、null', en: '甲, null' } },
    ]);
  });

  it('objects and lists of objects: each field on its own path, its label under its parent', () => {
    const labels: FieldLabels = {
      owners: label('权利人', 'Owners', 'group', {
        fields: { owner: label('权利人', 'Owner', 'person_hash'), shareBp: label('份额', 'Share', 'share_bp') },
      }),
      address: label('地址', 'Address', 'group', { fields: { city: label('城市', 'City') } }),
    };
    const v = {
      type: 'title',
      schema: 1,
      owners: [
        { owner: 'h1', shareBp: 6000 },
        { owner: 'h2', shareBp: 4000 },
      ],
      address: { city: '上海', geo: { lat: 31 } },
    };
    expect(shownFields(v, labels)).toStrictEqual([
      {
        path: 'owners[0].owner',
        label: { zh: '权利人 1 · 权利人（加密哈希）', en: 'Owners 1: Owner (keyed hash)' },
        format: 'person_hash',
        text: 'h1',
        plain: same('h1'),
      },
      {
        path: 'owners[0].shareBp',
        label: { zh: '权利人 1 · 份额', en: 'Owners 1: Share' },
        format: 'share_bp',
        text: '60.00%',
        plain: same('60.00%'),
      },
      {
        path: 'owners[1].owner',
        label: { zh: '权利人 2 · 权利人（加密哈希）', en: 'Owners 2: Owner (keyed hash)' },
        format: 'person_hash',
        text: 'h2',
        plain: same('h2'),
      },
      {
        path: 'owners[1].shareBp',
        label: { zh: '权利人 2 · 份额', en: 'Owners 2: Share' },
        format: 'share_bp',
        text: '40.00%',
        plain: same('40.00%'),
      },
      { path: 'address.city', label: { zh: '地址 · 城市', en: 'Address: City' }, format: 'text', text: '上海', plain: same('上海') },
      // Unlabelled nested fields keep their names, under the labelled parent.
      {
        path: 'address.geo.lat',
        label: { zh: '地址 · geo · lat', en: 'Address: geo: lat' },
        format: 'integer',
        text: '31',
        plain: same('31'),
      },
    ]);
  });

  it('a list holding an object is shown field by field, never flattened to one line of its scalars', () => {
    const f = shownFields({ mixed: [{ a: 1 }, 'x'] }, { mixed: label('混合', 'Mixed', 'group') });
    expect(f[0]).toStrictEqual({
      path: 'mixed[0].a',
      label: { zh: '混合 1 · a', en: 'Mixed 1: a' },
      format: 'integer',
      text: '1',
      plain: same('1'),
    });
    expect(f.map((x) => x.text)).not.toContain('[object Object]');
    expect(f.some((x) => x.path === 'mixed')).toBe(false);
  });
});

describe('the terminal lines and the wire message', () => {
  const at = {
    chainId: 'property',
    height: 7,
    headerHash: 'ab'.repeat(32),
    timeMs: Date.UTC(2024, 0, 31, 16, 0, 0),
    timeText: '2024-02-01 00:00:00 (北京时间 UTC+8)',
  };
  const about = {
    chainId: 'property',
    recordType: 'title',
    key: 'title/T-1',
    typeLabel: { zh: '不动产权属', en: 'Property title' },
    at,
  };
  const head = [
    '已证明的记录 Proven record: 不动产权属 Property title',
    '  链 Chain: property',
    '  记录键 Key: title/T-1',
    '  区块 Block: 高度 height 7, 2024-02-01 00:00:00 (北京时间 UTC+8)',
    `  区块哈希 Header hash: ${'ab'.repeat(32)}`,
  ];
  const nothing: ProvenRecordView = {
    shown: 'nothing',
    reason: 'verdict_invalid',
    why: { zh: '证明未通过核验', en: 'the proof did not verify' },
  };
  const decoded: ProvenRecordView = {
    shown: 'record',
    ...about,
    valueHex: '0a0b',
    decoded: {
      ok: true,
      fields: [
        {
          path: 'areaM2',
          label: { zh: '面积', en: 'Area' },
          format: 'area_m2',
          text: '89 平方米 (m²)',
          plain: { zh: '89 平方米 (m²)', en: '89 m²' },
        },
        {
          path: 'registeredAtMs',
          label: { zh: '登记时间', en: 'Registered at' },
          format: 'time',
          text: at.timeText,
          plain: same(at.timeText),
          timeMs: at.timeMs,
        },
      ],
    },
  };
  const undecoded: ProvenRecordView = {
    shown: 'record',
    ...about,
    valueHex: '0a0b',
    decoded: { ok: false, why: { zh: '未知的记录类型', en: 'unknown record type' } },
  };

  it('lines: nothing in one line; the head, then each field zh then en; the note and hex when undecoded; the absence', () => {
    expect(provenRecordLines(nothing)).toStrictEqual(['已证明的记录 Proven record: 证明未通过核验 · the proof did not verify']);
    expect(provenRecordLines(decoded)).toStrictEqual([
      ...head,
      '  面积 Area: 89 平方米 (m²)',
      '  登记时间 Registered at: 2024-02-01 00:00:00 (北京时间 UTC+8)',
    ]);
    expect(provenRecordLines(undecoded)).toStrictEqual([
      ...head,
      '  注意 Note: 未知的记录类型 · unknown record type',
      '  记录值（未解码，十六进制） Value (undecoded, hex): 0a0b',
    ]);
    expect(provenRecordLines({ shown: 'absence', ...about })).toStrictEqual([
      ...head,
      '  结论 Answer: 该记录在此区块的状态中不存在（已证明） · the record is proven ABSENT at this block',
    ]);
  });

  it('wire: the decoded fields (path, label, format, text) or the reason it is undecoded, never both', () => {
    const common = {
      shown: 'PROVEN_SHOWN_RECORD',
      chainId: 'property',
      recordType: 'title',
      key: 'title/T-1',
      typeLabel: { zhCn: '不动产权属', en: 'Property title' },
      provenAt: { chainId: 'property', height: 7, headerHash: fromHex('ab'.repeat(32)) },
      provenAtTimeMs: at.timeMs,
      value: fromHex('0a0b'),
    };
    expect(provenRecordToWire(undecoded)).toStrictEqual({ ...common, undecoded: { zhCn: '未知的记录类型', en: 'unknown record type' } });
    expect(provenRecordToWire(decoded)).toStrictEqual({
      ...common,
      fields: [
        { path: 'areaM2', label: { zhCn: '面积', en: 'Area' }, format: 'area_m2', text: '89 平方米 (m²)' },
        { path: 'registeredAtMs', label: { zhCn: '登记时间', en: 'Registered at' }, format: 'time', text: at.timeText },
      ],
    });
    expect(provenRecordToWire(nothing)).toStrictEqual({
      shown: 'PROVEN_SHOWN_NOTHING',
      notShownReason: 'verdict_invalid',
      notShown: { zhCn: '证明未通过核验', en: 'the proof did not verify' },
    });
  });
});

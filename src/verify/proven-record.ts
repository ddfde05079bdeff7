/**
 * The proven record as a person reads it (DESIGN.md "Self-contained bundles": what a page or CLI
 * shows is decoded from verified bytes only). From the bundle's protobuf bytes and the verdict
 * the verifier gave for THOSE bytes, returns the record (or the proven absence) decoded by its
 * record type with the schema's zh-CN labels (English kept), and nothing when the verdict is not
 * valid or not about these bytes (each chain kind binds it its own way: bft-smt, notary, evm).
 * A saved file's readable JSON, a caller's claim, a display cache: none of them reach it.
 *
 * Pure: bytes and a verdict in, a value out; no I/O, no clock (times are the record's own).
 * Times are written in Beijing time (Asia/Shanghai, UTC+8 all year since 1991, so a fixed offset
 * is exact and needs no time-zone database); money in 元 with two decimals, computed on bigint.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { readTyped } from '../chain/ledger/record.js';
import { headerHash } from '../chain/header.js';
import { equalBytes, fromHex, toHex, utf8 } from '../encoding/bytes.js';
import { verifyProof } from '../proof/verify.js';
import { decodeMessage } from '../wire/codec.js';
import type { MessageInput } from '../wire/messages.js';
import { proofFromWire, signedHeaderFromWire } from './bundle-convert.js';
import { resultOf, type BundleVerification, type WireBundle } from './bundle-verify.js';
import { type EvmStatement, evmAnswerDigest, evmStatementOf } from './evm/evm-bundle-verify.js';
import { notarizedRecordDigest, notaryStatementOf } from './notary-bundle-verify.js';
import type { NotarizedRecord } from './notary-record.js';
import { isEvm, isNotary } from './proof-bundle-verify.js';
import type { FieldFormat, FieldLabel, FieldLabels, Label, RecordLayouts } from './record-layout.js';

/** One field as shown: its path in the value, its label, and its value written for a person. */
export interface ShownField {
  /** e.g. `owners[0].shareBp`. */
  path: string;
  label: Label;
  format: FieldFormat;
  /** zh-CN first with the English after (the CLI's line). */
  text: string;
  /** The value in each language alone, for a page that shows one language at a time. */
  plain: Label;
  /** Unix ms of a `time` field, so a page writes it in its own words. */
  timeMs?: number;
}

/** The header the answer was proven at: a block, or for a notary chain (a database) the version its notaries signed. */
export interface ProvenAt {
  chainId: string;
  /** The block's height; the notarized version of a notary chain's record. */
  height: number;
  /** Hex, whole: the block's hash; for a notary chain, sha256 of the notarized record (what its notaries signed). */
  headerHash: string;
  /** Block time; for a notary chain, when its notaries read the record. */
  timeMs: number;
  /** `timeMs` in Beijing time. */
  timeText: string;
  /** Set for a notary chain's record: not a block but a database version (a page words it so). */
  of?: 'notarized_version';
}

/** Why nothing is shown as proven. */
export type NotShownReason =
  | 'verdict_invalid'
  | 'verdict_indeterminate'
  | 'malformed_bundle'
  | 'verification_of_other_bytes'
  | 'record_not_bound';

export type ProvenRecordView =
  | { shown: 'nothing'; reason: NotShownReason; why: Label }
  | { shown: 'absence'; chainId: string; recordType: string; key: string; typeLabel: Label; at: ProvenAt }
  | {
      shown: 'record';
      chainId: string;
      recordType: string;
      key: string;
      typeLabel: Label;
      at: ProvenAt;
      /** The proven value bytes, hex. */
      valueHex: string;
      /** Decoded by its record type's schema, or why not (then only `valueHex` is shown). */
      decoded: { ok: true; fields: ShownField[] } | { ok: false; why: Label };
    };

const NONE = '无 (none)';
const nothing = (reason: NotShownReason, zh: string, en: string): ProvenRecordView => ({ shown: 'nothing', reason, why: { zh, en } });

/**
 * What to show as proven by `bundleBytes`, given the verifier's verdict on those same bytes;
 * the value is decoded by its record type's layout in `layouts` (the alliance's:
 * adapters/catalog.ts `ALLIANCE_RECORD_LAYOUTS`), shown undecoded when it has none.
 *
 * @example
 * const v = verifyBundleBytes(bytes, { atMs: Date.now(), authority });
 * const shown = provenRecordView(bytes, v, layouts); // shown.shown === 'record' only when v.verdict === 'valid'
 */
export function provenRecordView(bundleBytes: Uint8Array, verification: BundleVerification, layouts: RecordLayouts): ProvenRecordView {
  if (verification.verdict === 'invalid')
    return nothing('verdict_invalid', '证明未通过核验：不显示任何记录内容', 'the proof did not verify: no record is shown');
  if (verification.verdict !== 'valid')
    return nothing(
      'verdict_indeterminate',
      '证明未能完全核验：不显示任何记录内容',
      'the proof could not be fully checked: no record is shown',
    );
  let bundle: WireBundle;
  try {
    bundle = decodeMessage('ProofBundle', bundleBytes);
  } catch {
    return malformed();
  }
  // Read the bytes as the verifier that judged them did (proof-bundle-verify.ts picks it the same way).
  const proven = isNotary(bundle)
    ? notaryProven(bundle, verification)
    : isEvm(bundle)
      ? evmProven(bundle, verification)
      : headerProven(bundle, verification);
  if ('shown' in proven) return proven;
  const { result, at } = proven;

  const layout = layouts.get(result.recordType);
  const typeLabel = layout?.label ?? { zh: `记录类型 ${result.recordType}`, en: `record type ${result.recordType}` };
  const about = { chainId: result.chainId, recordType: result.recordType, key: result.key, typeLabel, at };
  if (result.kind === 'absence') return { shown: 'absence', ...about };
  const valueHex = toHex(result.value);
  if (layout === undefined)
    return {
      shown: 'record',
      ...about,
      valueHex,
      decoded: {
        ok: false,
        why: { zh: '未知的记录类型：记录值未解码，仅显示原始字节', en: 'unknown record type: the value is shown undecoded, as hex' },
      },
    };
  let value: unknown;
  try {
    value =
      layout.decode !== undefined
        ? layout.decode(result.value)
        : readTyped(result.value, result.key, layout.valueType, layout.schema, layout.read ?? ((f) => f.value));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      shown: 'record',
      ...about,
      valueHex,
      decoded: {
        ok: false,
        why: {
          zh: `记录值不符合该类型的结构（${msg}）：仅显示原始字节`,
          en: `the value does not match its record type's schema (${msg}): shown undecoded, as hex`,
        },
      },
    };
  }
  const fields: ShownField[] = [];
  showObject(value as Record<string, unknown>, layout.fields, '', { zh: '', en: '' }, fields);
  return { shown: 'record', ...about, valueHex, decoded: { ok: true, fields } };
}

// Functions, not shared objects: a caller may add to the view it is given.
const malformed = (): ProvenRecordView => nothing('malformed_bundle', '证明包无法解码', 'the bundle does not decode');
const otherBytes = (): ProvenRecordView =>
  nothing('verification_of_other_bytes', '核验结论不属于这份证明包', 'the verdict is not about these bytes');
const notBound = (): ProvenRecordView => nothing('record_not_bound', '没有证明把该记录与区块绑定', 'nothing ties the record to the block');

/** The answer of a bundle whose verdict is about it, and where it was proven; or why nothing is shown. */
type Proven = { result: ReturnType<typeof resultOf>; at: ProvenAt } | ProvenRecordView;

const passedCheck = (v: BundleVerification, ...names: string[]): boolean =>
  v.checks.some((c) => names.includes(c.name) && c.outcome === 'passed');

/** A bft-smt bundle: a signed header and the Merkle proof of the value under its state root. */
function headerProven(bundle: WireBundle, verification: BundleVerification): Proven {
  let header: ReturnType<typeof signedHeaderFromWire>['header'];
  let result: ReturnType<typeof resultOf>;
  try {
    header = signedHeaderFromWire(bundle.signedHeader, 'signed_header').header;
    result = resultOf(bundle);
  } catch {
    return malformed();
  }
  // The verdict must be about these bytes: same header, same chain and height. The verifier
  // names the suite it hashed under (the chain entry's); the same suite re-checks the bytes here.
  const vh = verification.verifiedHeader;
  const suite = vh?.hashSuite ?? 'sha256';
  if (
    vh === undefined ||
    !equalBytes(vh.headerHash, headerHash(header, suite)) ||
    vh.chainId !== header.chainId ||
    vh.height !== header.height ||
    result.chainId !== header.chainId
  ) {
    return otherBytes();
  }
  // Something must tie the answer to the header: the state proof, or agencies' attestations.
  if (!passedCheck(verification, 'state_proof', 'attestations')) return notBound();
  // A verdict names its header, not the value: re-walk the Merkle proof of THIS value (a few
  // dozen hashes) so a valid verdict handed over with other bytes of the same header shows nothing.
  // Every bundle of this shape carries the proof: attestations alone never make one valid
  // (bundle-verify.ts refuses them, trust_basis_not_allowed), so none is shown without it.
  try {
    verifyProof(
      header.stateRoot,
      utf8(result.key),
      result.kind === 'record' ? result.value : null,
      proofFromWire(bundle.proof, 'proof'),
      suite,
    );
  } catch {
    return otherBytes();
  }
  return { result, at: { chainId: vh.chainId, height: vh.height, headerHash: toHex(vh.headerHash), ...timeOf(header.timeMs) } };
}

/**
 * A notary bundle: the notaries signed the record itself (chain, type, key, value, version, time),
 * and the verdict names the digest of what they signed. The same digest of THESE bytes binds all
 * of it, value included; there is no header and no proof to re-walk.
 */
function notaryProven(bundle: WireBundle, verification: BundleVerification): Proven {
  let record: NotarizedRecord;
  try {
    record = notaryStatementOf(bundle).record;
  } catch {
    return malformed();
  }
  const vh = verification.verifiedHeader;
  if (
    vh === undefined ||
    vh.hashSuite !== undefined ||
    vh.chainId !== record.chainId ||
    vh.height !== record.version ||
    !equalBytes(vh.headerHash, notarizedRecordDigest(record))
  ) {
    return otherBytes();
  }
  // The notaries' quorum over the record is what binds it (state_proof is not applicable).
  if (!passedCheck(verification, 'header_quorum')) return notBound();
  const { chainId, recordType, key, result } = record;
  return {
    result: { ...result, chainId, recordType, key },
    at: { chainId, height: record.version, headerHash: toHex(vh.headerHash), ...timeOf(record.timeMs), of: 'notarized_version' },
  };
}

/**
 * An evm bundle: the notaries signed the block (keccak256 of its header RLP); the storage proofs
 * under its state root prove the value. The view does not re-walk the tries: that walk is async,
 * and alone it would not bind (which contract holds the chain's records, and which slots hold
 * this record, are the registry's and the catalog's word, which only the verifier was given).
 * The verifier names the answer it proved instead (`provenAnswer`, a digest of the header RLP,
 * the whole proof and the answer); the same digest of THESE bytes, a few sha256, binds them.
 */
function evmProven(bundle: WireBundle, verification: BundleVerification): Proven {
  let stated: EvmStatement;
  let hash: Uint8Array;
  try {
    stated = evmStatementOf(bundle);
    hash = keccak_256(stated.headerRlp);
  } catch {
    return malformed();
  }
  const { header, result } = stated;
  const height = Number(header.number);
  const vh = verification.verifiedHeader;
  if (
    vh === undefined ||
    vh.hashSuite !== undefined ||
    !equalBytes(vh.headerHash, hash) ||
    vh.chainId !== result.chainId ||
    vh.height !== height
  ) {
    return otherBytes();
  }
  if (!passedCheck(verification, 'state_proof')) return notBound();
  const proved = verification.provenAnswer;
  if (proved === undefined || !equalBytes(proved, evmAnswerDigest(stated))) return otherBytes();
  return { result, at: { chainId: vh.chainId, height, headerHash: toHex(hash), ...timeOf(Number(header.timestamp) * 1000) } };
}

const timeOf = (timeMs: number): Pick<ProvenAt, 'timeMs' | 'timeText'> => ({ timeMs, timeText: beijingTime(timeMs) });

/** Each field of `obj` (the reader's output: every field checked), in the reader's order. */
function showObject(obj: Record<string, unknown>, labels: FieldLabels | undefined, prefix: string, parent: Label, out: ShownField[]): void {
  for (const [name, v] of Object.entries(obj)) {
    if (prefix === '' && (name === 'type' || name === 'schema')) continue;
    const l: FieldLabel = labels?.[name] ?? {
      zh: name,
      en: name,
      format: typeof v === 'number' ? 'integer' : v !== null && typeof v === 'object' ? 'group' : 'text',
    };
    const label = join(parent, l);
    showValue(v, l, `${prefix}${name}`, label, out);
  }
}

function join(parent: Label, l: Label): Label {
  return parent.zh === '' ? { zh: l.zh, en: l.en } : { zh: `${parent.zh} · ${l.zh}`, en: `${parent.en}: ${l.en}` };
}

/** Lists of identifiers get a line each (a person copies them); other lists one line. */
const ONE_PER_LINE: ReadonlySet<FieldFormat> = new Set(['person_hash', 'hash', 'id', 'did']);

function showValue(v: unknown, l: FieldLabel, path: string, label: Label, out: ShownField[]): void {
  const personal = l.format === 'person_hash' ? { zh: `${label.zh}（加密哈希）`, en: `${label.en} (keyed hash)` } : label;
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push({ path, label: personal, format: l.format, text: NONE, plain: NONE_PLAIN });
    if (v.some((x) => x !== null && typeof x === 'object')) {
      for (const [i, item] of v.entries())
        showObject(
          item as Record<string, unknown>,
          l.fields,
          `${path}[${i}].`,
          { zh: `${label.zh} ${i + 1}`, en: `${label.en} ${i + 1}` },
          out,
        );
      return;
    }
    if (ONE_PER_LINE.has(l.format)) {
      for (const [i, x] of v.entries())
        out.push({
          path: `${path}[${i}]`,
          label: { zh: `${personal.zh} ${i + 1}`, en: `${personal.en} ${i + 1}` },
          format: l.format,
          text: scalar(x, l),
          plain: plainScalar(x, l),
        });
      return;
    }
    const plains = v.map((x) => plainScalar(x, l));
    return void out.push({
      path,
      label,
      format: l.format,
      text: v.map((x) => scalar(x, l)).join('、'),
      plain: { zh: plains.map((p) => p.zh).join('、'), en: plains.map((p) => p.en).join(', ') },
    });
  }
  if (v !== null && typeof v === 'object') showObject(v as Record<string, unknown>, l.fields, `${path}.`, label, out);
  else {
    const ms = l.format === 'time' ? instant(v) : undefined;
    out.push({
      path,
      label: personal,
      format: l.format,
      text: scalar(v, l),
      plain: plainScalar(v, l),
      ...(ms === undefined ? {} : { timeMs: ms }),
    });
  }
}

/**
 * A `time` field's Unix ms when the Beijing clock can write it: not 0 (none), an integer, and
 * inside the Date range (a reader accepts any safe integer; beyond the range it is shown as stored).
 */
function instant(v: unknown): number | undefined {
  return Number.isSafeInteger(v) && v !== 0 && beijingClock(v as number) !== '' ? (v as number) : undefined;
}

const NONE_PLAIN: Label = { zh: '无', en: 'none' };

/** A value in each language alone (the page's one-language view); money and identifiers read the same in both. */
function plainScalar(v: unknown, l: FieldLabel): Label {
  const same = (t: string): Label => ({ zh: t, en: t });
  switch (l.format) {
    case 'money':
      return v === '' ? NONE_PLAIN : same(scalar(v, l));
    case 'time': {
      if (v === 0) return NONE_PLAIN;
      const ms = instant(v);
      return ms === undefined ? same(String(v)) : { zh: `${beijingClock(ms)} 北京时间`, en: `${beijingClock(ms)} Beijing time (UTC+8)` };
    }
    case 'area_m2':
      return { zh: scalar(v, l), en: `${String(v)} m²` };
    case 'code': {
      const name = typeof v === 'string' ? l.values?.[v] : undefined;
      return name === undefined ? same(String(v)) : { zh: name.zh, en: name.en };
    }
    default:
      return typeof v === 'boolean' ? (v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' }) : same(scalar(v, l));
  }
}

function scalar(v: unknown, l: FieldLabel): string {
  switch (l.format) {
    case 'money':
      return typeof v === 'string' && /^(0|[1-9][0-9]*)$/.test(v) ? yuan(BigInt(v)) : v === '' ? NONE : String(v);
    case 'time': {
      if (v === 0) return NONE;
      const ms = instant(v);
      return ms === undefined ? String(v) : beijingTime(ms);
    }
    case 'area_m2':
      return `${String(v)} 平方米 (m²)`;
    case 'share_bp':
      return typeof v === 'number' ? `${(v / 100).toFixed(2)}%` : String(v);
    case 'code': {
      const name = typeof v === 'string' ? l.values?.[v] : undefined;
      return name === undefined ? String(v) : `${name.zh} (${v as string})`;
    }
    default:
      return typeof v === 'boolean' ? (v ? '是 (yes)' : '否 (no)') : String(v);
  }
}

/** Integer cents as 元 with two decimals and thousands separators, e.g. `6,500,000.00 元`. */
export function yuan(cents: bigint): string {
  const neg = cents < 0n;
  const c = neg ? -cents : cents;
  const whole = (c / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${(c % 100n).toString().padStart(2, '0')} 元`;
}

/** Unix ms in Beijing time, e.g. `2024-03-01 14:05:09 (北京时间 UTC+8)`. */
export function beijingTime(ms: number): string {
  const clock = beijingClock(ms);
  return clock === '' ? String(ms) : `${clock} (北京时间 UTC+8)`;
}

/**
 * Unix ms as `2024-03-01 14:05:09` on the Beijing clock (UTC+8, no daylight saving); '' when not a time.
 * Cut before `.sssZ` rather than at a fixed width: years past 9999 are written `+010000-…`.
 */
function beijingClock(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, -5).replace('T', ' ');
}

/** Lines for a terminal, zh-CN first with the English after: what `courtbridge verify` prints. */
export function provenRecordLines(v: ProvenRecordView): string[] {
  if (v.shown === 'nothing') return [`已证明的记录 Proven record: ${v.why.zh} · ${v.why.en}`];
  const head = [
    `已证明的记录 Proven record: ${v.typeLabel.zh} ${v.typeLabel.en}`,
    `  链 Chain: ${v.chainId}`,
    `  记录键 Key: ${v.key}`,
    ...(v.at.of === 'notarized_version'
      ? [
          `  公证版本 Notarized version: 第 ${v.at.height} 版 version ${v.at.height}, 公证机构读取于 read by the notaries at ${v.at.timeText}`,
          `  公证记录摘要 Notarized record digest: ${v.at.headerHash}`,
        ]
      : [`  区块 Block: 高度 height ${v.at.height}, ${v.at.timeText}`, `  区块哈希 Header hash: ${v.at.headerHash}`]),
  ];
  if (v.shown === 'absence')
    return [
      ...head,
      v.at.of === 'notarized_version'
        ? `  结论 Answer: 该记录在此版本中不存在（已证明） · the record is proven ABSENT at this version`
        : `  结论 Answer: 该记录在此区块的状态中不存在（已证明） · the record is proven ABSENT at this block`,
    ];
  if (!v.decoded.ok)
    return [
      ...head,
      `  注意 Note: ${v.decoded.why.zh} · ${v.decoded.why.en}`,
      `  记录值（未解码，十六进制） Value (undecoded, hex): ${v.valueHex}`,
    ];
  return [...head, ...v.decoded.fields.map((f) => `  ${f.label.zh} ${f.label.en}: ${f.text}`)];
}

const SHOWN = { nothing: 'PROVEN_SHOWN_NOTHING', record: 'PROVEN_SHOWN_RECORD', absence: 'PROVEN_SHOWN_ABSENCE' } as const;
const text = (l: Label): MessageInput<'LocalizedText'> => ({ zhCn: l.zh, en: l.en });

/** The view as the VerifyBundleResponse's `proven_record` (verification.proto ProvenRecord). */
export function provenRecordToWire(v: ProvenRecordView): MessageInput<'ProvenRecord'> {
  if (v.shown === 'nothing') return { shown: SHOWN.nothing, notShownReason: v.reason, notShown: text(v.why) };
  const out: MessageInput<'ProvenRecord'> = {
    shown: SHOWN[v.shown],
    chainId: v.chainId,
    recordType: v.recordType,
    key: v.key,
    typeLabel: text(v.typeLabel),
    provenAt: { chainId: v.at.chainId, height: v.at.height, headerHash: fromHex(v.at.headerHash) },
    provenAtTimeMs: v.at.timeMs,
  };
  if (v.shown === 'record') {
    out.value = fromHex(v.valueHex);
    if (v.decoded.ok) out.fields = v.decoded.fields.map((f) => ({ path: f.path, label: text(f.label), format: f.format, text: f.text }));
    else out.undecoded = text(v.decoded.why);
  }
  return out;
}

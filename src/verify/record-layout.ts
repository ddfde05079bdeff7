/**
 * How a person reads a record: per record type, the reader that checks its value (the same one
 * the contract uses) and a label per field, zh-CN first with the English kept, and how the
 * field's value is written (money in 元, times in Beijing time, personal hashes as hashes).
 * src/verify/proven-record.ts decodes a PROVEN value with these; nothing here is trusted for
 * verification, it only names what the proof already fixed.
 */
import type { Fields } from '../chain/ledger/record.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';

/** How a field's value is written for a person. */
export type FieldFormat =
  /** Free text, as stored. */
  | 'text'
  /** An identifier a person copies (title number, case number): printed whole. */
  | 'id'
  /** A DID. */
  | 'did'
  /** A keyed hash of a personal identifier (src/privacy/keyed-hash.ts): never reversible. */
  | 'person_hash'
  /** Any other hash or signature, hex or base64url, printed whole. */
  | 'hash'
  /** Integer cents as a decimal string: printed in 元 with two decimals. */
  | 'money'
  /** Unix ms: printed in Beijing time (Asia/Shanghai); 0 means none. */
  | 'time'
  | 'integer'
  /** Whole square metres. */
  | 'area_m2'
  /** Basis points (10,000 = 100%). */
  | 'share_bp'
  /** A code from a closed list; `values` names each code. */
  | 'code'
  /** A nested object or a list of objects; `fields` labels their fields. */
  | 'group';

/** A label: zh-CN first, English kept. */
export interface Label {
  zh: string;
  en: string;
}

export interface FieldLabel extends Label {
  format: FieldFormat;
  /** Names of codes (`format: 'code'`, or a list of codes). */
  values?: Readonly<Record<string, Label>>;
  /** Labels of the fields of a nested object, or of each object of a list. */
  fields?: FieldLabels;
}

export type FieldLabels = Readonly<Record<string, FieldLabel>>;

/** One record type's layout: what `type`/`schema` its value has, its reader, its labels. */
export interface RecordLayout {
  /** The record type as queried (RecordTypeSpec.name, src/chain/ledger/record-type.ts), e.g. `title`. */
  recordType: string;
  /** The value's `type` field, e.g. `title`, `dishonest_listing`. */
  valueType: string;
  schema: number;
  label: Label;
  /** The schema's reader: checks every field (readTyped refuses unknown ones). */
  read?: (f: Fields) => unknown;
  /** A binary record's decoder (instead of `read`): fields out, or a RangeError naming the field. */
  decode?: (value: Uint8Array) => Record<string, unknown>;
  fields: FieldLabels;
}

/** Shorthand for a label. */
export const label = (
  zh: string,
  en: string,
  format: FieldFormat = 'text',
  more: { values?: Record<string, Label>; fields?: FieldLabels } = {},
): FieldLabel => ({ zh, en, format, ...more });

/** Shorthand for code names: `codes({ civil: ['民事', 'civil'] })`. */
export const codes = (names: Record<string, readonly [string, string]>): Record<string, Label> =>
  Object.fromEntries(Object.entries(names).map(([k, [zh, en]]) => [k, { zh, en }]));

/** Labels shared by every court action: who ordered it, in which case, by which order. */
export const COURT_ACTION_LABELS = {
  court: label('法院', 'Court', 'did'),
  caseId: label('案号', 'Case number', 'id'),
  orderId: label('执行文书编号', 'Order id', 'id'),
} as const satisfies FieldLabels;

/** Layouts by record type: what a view decodes proven values with (proven-record.ts). */
export type RecordLayouts = ReadonlyMap<string, RecordLayout>;

/** No layouts: every proven value is shown undecoded, as hex. */
export const NO_RECORD_LAYOUTS: RecordLayouts = new Map<string, RecordLayout>();

/**
 * One map of the layouts of several chains (the alliance's: adapters/catalog.ts). Refuses a record
 * type given two different layouts: the display of its values would be ambiguous.
 */
export function recordLayoutsOf(lists: Iterable<readonly RecordLayout[]>): RecordLayouts {
  const m = new Map<string, RecordLayout>();
  for (const list of lists) {
    for (const l of list) {
      // One layout object given by two chains (a record shape they share) is one layout.
      if (m.get(l.recordType) === l) continue;
      if (m.has(l.recordType)) {
        const message = `record type ${l.recordType} has two layouts; give each record type one`;
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'duplicate_record_layout', message);
      }
      m.set(l.recordType, l);
    }
  }
  return m;
}

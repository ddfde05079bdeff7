/**
 * Property registry records: real estate and movables titles (不动产权证 / vehicle and
 * equipment registrations). Owners are keyed personal hashes with shares in basis points
 * (10,000 = the whole title); encumbrances are mortgages and court seizures (查封).
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { Fields, invalidRecord, objectItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';
import type { CanonicalValue } from '../../src/encoding/canonical-json.js';

export const PROPERTY_CHAIN_ID = 'property';

export type TitleKind = 'real_estate' | 'vehicle' | 'equipment';
export const TITLE_KINDS: readonly TitleKind[] = ['real_estate', 'vehicle', 'equipment'];

export interface TitleOwner {
  /** Keyed hash of the owner's ID number (index `owner`). */
  owner: string;
  /** Share in basis points; the shares of a title sum to 10,000. */
  shareBp: number;
}

export interface Mortgage {
  kind: 'mortgage';
  holder: string;
  amountCents: string;
  registeredAtMs: number;
}

export interface Seizure {
  kind: 'seizure';
  orderId: string;
  caseId: string;
  court: string;
  sinceMs: number;
}

export type Encumbrance = Mortgage | Seizure;

/** `title/<titleNo>`. */
export interface Title {
  type: 'title';
  schema: 1;
  titleNo: string;
  kind: TitleKind;
  owners: TitleOwner[];
  /** Address (real estate) or make/model and plate or serial (movables). */
  description: string;
  /** Floor area in whole square metres (0 for movables). */
  areaM2: number;
  valueEstimateCents: string;
  encumbrances: Encumbrance[];
  registeredAtMs: number;
}

/** Title numbers as issued, e.g. `京(2020)朝阳区不动产权第0012345号`; no `/`. */
export const TITLE_NO_PATTERN = /^[^/\u0000-\u001f\u007f]{4,80}$/u;

function readOwner(f: Fields): TitleOwner {
  return { owner: f.personHash('owner'), shareBp: f.int('shareBp', { min: 1, max: 10_000 }) };
}

function readEncumbrance(v: CanonicalValue, path: string): Encumbrance {
  const f = Fields.of(v, path);
  const kind = f.oneOf('kind', ['mortgage', 'seizure'] as const);
  const out: Encumbrance =
    kind === 'mortgage'
      ? { kind, holder: f.str('holder', { max: 100 }), amountCents: f.cents('amountCents'), registeredAtMs: f.int('registeredAtMs') }
      : { kind, orderId: f.id('orderId'), caseId: f.id('caseId'), court: f.did('court'), sinceMs: f.int('sinceMs') };
  f.done();
  return out;
}

export function readTitle(f: Fields): Title {
  const t: Title = {
    type: 'title',
    schema: 1,
    titleNo: f.str('titleNo', { pattern: TITLE_NO_PATTERN }),
    kind: f.oneOf('kind', TITLE_KINDS),
    owners: f.array('owners', objectItem(readOwner), { min: 1, max: 20 }),
    description: f.str('description', { max: 300 }),
    areaM2: f.int('areaM2', { max: 10_000_000 }),
    valueEstimateCents: f.cents('valueEstimateCents'),
    encumbrances: f.array('encumbrances', readEncumbrance, { max: 100 }),
    registeredAtMs: f.int('registeredAtMs'),
  };
  if (t.owners.reduce((s, o) => s + o.shareBp, 0) !== 10_000)
    throw invalidRecord(`${f.path}.owners`, 'shares must sum to 10000 basis points');
  if (new Set(t.owners.map((o) => o.owner)).size !== t.owners.length) throw invalidRecord(`${f.path}.owners`, 'an owner is listed twice');
  return t;
}

export const PropertyTx = {
  /** Body: a `Title` (mortgages allowed, no seizures: only a court order seizes). */
  Register: 'property.register',
  Seize: 'property.seize',
  Release: 'property.release',
} as const;

export const PROPERTY_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'title',
    keyPrefix: 'title/',
    description: 'Real estate or movable title: owner hashes and shares, description, value estimate, mortgages and seizures',
    indexes: ['owner'],
  },
];

export const PROPERTY_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'seize',
    txType: PropertyTx.Seize,
    amount: 'none',
    targetRecordType: 'title',
    description: 'Seize (查封) the title for a case; a title already seized is refused (already_seized)',
  },
  {
    kind: 'release',
    txType: PropertyTx.Release,
    amount: 'none',
    targetRecordType: 'title',
    description: "Lift this case's seizure (解封); refused when the case holds none (not_seized)",
  },
];

/** How a person reads a title (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const PROPERTY_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'title',
    valueType: 'title',
    schema: 1,
    label: { zh: '不动产/动产权属', en: 'Property title' },
    read: readTitle,
    fields: {
      titleNo: label('权证号', 'Title number', 'id'),
      kind: label('类别', 'Kind', 'code', {
        values: codes({ real_estate: ['不动产', 'real estate'], vehicle: ['车辆', 'vehicle'], equipment: ['设备', 'equipment'] }),
      }),
      owners: label('权利人', 'Owners', 'group', {
        fields: { owner: label('权利人', 'Owner', 'person_hash'), shareBp: label('份额', 'Share', 'share_bp') },
      }),
      description: label('坐落/描述', 'Description'),
      areaM2: label('面积', 'Area', 'area_m2'),
      valueEstimateCents: label('估值', 'Estimated value', 'money'),
      encumbrances: label('权利负担', 'Encumbrances', 'group', {
        fields: {
          kind: label('类型', 'Kind', 'code', { values: codes({ mortgage: ['抵押', 'mortgage'], seizure: ['查封', 'seizure'] }) }),
          holder: label('抵押权人', 'Holder'),
          amountCents: label('金额', 'Amount', 'money'),
          registeredAtMs: label('登记时间', 'Registered at', 'time'),
          ...COURT_ACTION_LABELS,
          sinceMs: label('起始时间', 'Since', 'time'),
        },
      }),
      registeredAtMs: label('登记时间', 'Registered at', 'time'),
    },
  },
];

/**
 * Property registry records (issue 4): real estate and movables titles (不动产权证 / vehicle and
 * equipment registrations). Owners are keyed personal hashes with shares in basis points
 * (10,000 = the whole title); encumbrances are mortgages and court seizures (查封).
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { Fields, invalidRecord, objectItem } from '../sdk/record.js';
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
  if (t.owners.reduce((s, o) => s + o.shareBp, 0) !== 10_000) throw invalidRecord(`${f.path}.owners`, 'shares must sum to 10000 basis points');
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
  { name: 'title', keyPrefix: 'title/', description: 'Real estate or movable title: owner hashes and shares, description, value estimate, mortgages and seizures', indexes: ['owner'] },
];

export const PROPERTY_ACTIONS: readonly ActionSpec[] = [
  { kind: 'seize', txType: PropertyTx.Seize, amount: 'none', targetRecordType: 'title', description: 'Seize (查封) the title for a case; a title already seized is refused (already_seized)' },
  { kind: 'release', txType: PropertyTx.Release, amount: 'none', targetRecordType: 'title', description: "Lift this case's seizure (解封); refused when the case holds none (not_seized)" },
];

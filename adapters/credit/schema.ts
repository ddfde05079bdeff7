/**
 * Credit system records (issue 4): the list of dishonest judgment debtors (失信被执行人名单) and
 * high-consumption restrictions (限制消费令). A person is named only by keyed hash; the record's
 * key is `dishonest/<personHash>` so that its ABSENCE is provable: a non-membership proof of
 * that key at height H shows the person was not listed at H.
 *
 * Legal grounds are not restated here: every listing names the court's order, whose record on
 * the judicial chain (`order/<orderId>`) carries the legal basis (SPC Provisions on Publishing
 * the List of Dishonest Judgment Debtors, 2017, art. 1; SPC Provisions on Restricting High
 * Consumption, 2015, art. 3).
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { Fields, stringItem } from '../sdk/record.js';

export const CREDIT_CHAIN_ID = 'credit';

/** `dishonest/<personHash>`. */
export interface DishonestListing {
  type: 'dishonest_listing';
  schema: 1;
  person: string;
  court: string;
  caseId: string;
  orderId: string;
  sinceMs: number;
  /** Short code of the ground, e.g. `court_order` (details in the judicial order record). */
  reason: string;
}

/** What a high-consumption restriction forbids (SPC 2015 Provisions art. 3). */
export const RESTRICTED_CONSUMPTION = ['air_travel', 'soft_sleeper_and_first_class_rail', 'star_rated_hotels', 'golf_and_luxury_venues', 'real_estate_purchase', 'luxury_office_rental', 'luxury_vehicle_purchase', 'luxury_travel', 'private_school_tuition', 'high_premium_insurance'] as const;

/** `restriction/<personHash>`. */
export interface ConsumptionRestriction {
  type: 'consumption_restriction';
  schema: 1;
  person: string;
  court: string;
  caseId: string;
  orderId: string;
  sinceMs: number;
  scope: string[];
}

export function readListing(f: Fields): DishonestListing {
  return { type: 'dishonest_listing', schema: 1, person: f.personHash('person'), court: f.did('court'), caseId: f.id('caseId'), orderId: f.id('orderId'), sinceMs: f.int('sinceMs'), reason: f.str('reason', { max: 80, pattern: /^[a-z0-9_]+$/ }) };
}

export function readRestriction(f: Fields): ConsumptionRestriction {
  return {
    type: 'consumption_restriction',
    schema: 1,
    person: f.personHash('person'),
    court: f.did('court'),
    caseId: f.id('caseId'),
    orderId: f.id('orderId'),
    sinceMs: f.int('sinceMs'),
    scope: f.array('scope', stringItem({ pattern: new RegExp(`^(${RESTRICTED_CONSUMPTION.join('|')})$`) }), { min: 1, max: RESTRICTED_CONSUMPTION.length }),
  };
}

export const CreditTx = {
  /** Body: `{type:"credit_import", schema:1, listings:[DishonestListing], restrictions:[ConsumptionRestriction]}`: bulk load of existing entries. */
  Import: 'credit.import',
  List: 'credit.list',
  Delist: 'credit.delist',
  Restrict: 'credit.restrict',
  Unrestrict: 'credit.unrestrict',
} as const;

export const CREDIT_RECORD_TYPES: readonly RecordTypeSpec[] = [
  { name: 'dishonest', keyPrefix: 'dishonest/', description: 'Dishonest judgment debtor listing by person hash (absence = not listed, provable)', indexes: ['court'] },
  { name: 'restriction', keyPrefix: 'restriction/', description: 'High-consumption restriction by person hash', indexes: ['court'] },
];

/** Credit actions target a person hash. */
export const CREDIT_ACTIONS: readonly ActionSpec[] = [
  { kind: 'list', txType: CreditTx.List, amount: 'none', targetRecordType: 'dishonest', description: 'List the person as a dishonest judgment debtor (already_listed if listed)' },
  { kind: 'delist', txType: CreditTx.Delist, amount: 'none', targetRecordType: 'dishonest', description: "Remove the case's listing (not_listed if absent)" },
  { kind: 'restrict', txType: CreditTx.Restrict, amount: 'none', targetRecordType: 'restriction', description: 'Restrict high consumption (all ten SPC categories)' },
  { kind: 'unrestrict', txType: CreditTx.Unrestrict, amount: 'none', targetRecordType: 'restriction', description: "Lift the case's restriction (not_restricted if absent)" },
];

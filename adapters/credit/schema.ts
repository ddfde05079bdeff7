/**
 * Credit system records: the list of dishonest judgment debtors (失信被执行人名单) and
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
import { type Fields, stringItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';

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
export const RESTRICTED_CONSUMPTION = [
  'air_travel',
  'soft_sleeper_and_first_class_rail',
  'star_rated_hotels',
  'golf_and_luxury_venues',
  'real_estate_purchase',
  'luxury_office_rental',
  'luxury_vehicle_purchase',
  'luxury_travel',
  'private_school_tuition',
  'high_premium_insurance',
] as const;

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
  return {
    type: 'dishonest_listing',
    schema: 1,
    person: f.personHash('person'),
    court: f.did('court'),
    caseId: f.id('caseId'),
    orderId: f.id('orderId'),
    sinceMs: f.int('sinceMs'),
    reason: f.str('reason', { max: 80, pattern: /^[a-z0-9_]+$/ }),
  };
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
    scope: f.array('scope', stringItem({ pattern: new RegExp(`^(${RESTRICTED_CONSUMPTION.join('|')})$`) }), {
      min: 1,
      max: RESTRICTED_CONSUMPTION.length,
    }),
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
  {
    name: 'dishonest',
    keyPrefix: 'dishonest/',
    description: 'Dishonest judgment debtor listing by person hash (absence = not listed, provable)',
    indexes: ['court'],
  },
  { name: 'restriction', keyPrefix: 'restriction/', description: 'High-consumption restriction by person hash', indexes: ['court'] },
];

/** Credit actions target a person hash. */
export const CREDIT_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'list',
    txType: CreditTx.List,
    amount: 'none',
    targetRecordType: 'dishonest',
    description: 'List the person as a dishonest judgment debtor (already_listed if listed)',
  },
  {
    kind: 'delist',
    txType: CreditTx.Delist,
    amount: 'none',
    targetRecordType: 'dishonest',
    description: "Remove the case's listing (not_listed if absent)",
  },
  {
    kind: 'restrict',
    txType: CreditTx.Restrict,
    amount: 'none',
    targetRecordType: 'restriction',
    description: 'Restrict high consumption (all ten SPC categories)',
  },
  {
    kind: 'unrestrict',
    txType: CreditTx.Unrestrict,
    amount: 'none',
    targetRecordType: 'restriction',
    description: "Lift the case's restriction (not_restricted if absent)",
  },
];

/** Names of the restricted kinds of consumption (SPC 2015 Provisions art. 3). */
const RESTRICTED_CONSUMPTION_NAMES = codes({
  air_travel: ['乘坐飞机', 'air travel'],
  soft_sleeper_and_first_class_rail: ['乘坐列车软卧、轮船二等以上舱位、高铁及其他动车组一等以上座位', 'soft sleeper and first-class rail'],
  star_rated_hotels: ['在星级以上宾馆、酒店等场所进行高消费', 'star-rated hotels'],
  golf_and_luxury_venues: ['在夜总会、高尔夫球场等场所进行高消费', 'golf and luxury venues'],
  real_estate_purchase: ['购买不动产或者新建、扩建、高档装修房屋', 'real estate purchase'],
  luxury_office_rental: ['租赁高档写字楼、宾馆、公寓等场所办公', 'luxury office rental'],
  luxury_vehicle_purchase: ['购买非经营必需车辆', 'non-essential vehicle purchase'],
  luxury_travel: ['旅游、度假', 'travel and holidays'],
  private_school_tuition: ['子女就读高收费私立学校', 'private school tuition'],
  high_premium_insurance: ['支付高额保费购买保险理财产品', 'high-premium insurance'],
});

/** How a person reads credit records (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const CREDIT_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'dishonest',
    valueType: 'dishonest_listing',
    schema: 1,
    label: { zh: '失信被执行人名单', en: 'Dishonest judgment debtor listing' },
    read: readListing,
    fields: {
      person: label('被执行人', 'Person', 'person_hash'),
      ...COURT_ACTION_LABELS,
      sinceMs: label('列入时间', 'Listed since', 'time'),
      reason: label('列入原因', 'Reason', 'code', { values: codes({ court_order: ['法院决定', 'court order'] }) }),
    },
  },
  {
    recordType: 'restriction',
    valueType: 'consumption_restriction',
    schema: 1,
    label: { zh: '限制消费令', en: 'High-consumption restriction' },
    read: readRestriction,
    fields: {
      person: label('被限制人', 'Person', 'person_hash'),
      ...COURT_ACTION_LABELS,
      sinceMs: label('限制起始', 'Restricted since', 'time'),
      scope: label('限制范围', 'Scope', 'code', { values: RESTRICTED_CONSUMPTION_NAMES }),
    },
  },
];

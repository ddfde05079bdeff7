/**
 * Market regulation chain records (市场监管; opinions on blockchain in the judicial field, art. 22):
 * enterprise registrations, shareholders' equity stakes and their changes, equity pledges
 * (股权出质), movable-property mortgages (动产抵押), financial leasing registrations (融资租赁) and
 * precious-metal warehouse receipts (贵金属仓单). A natural person appears only as a keyed hash
 * (src/privacy/keyed-hash.ts); an enterprise as its unified social credit code. Amounts are integer
 * cents as decimal strings; shares basis points (10,000 = the whole enterprise).
 *
 * Invariants every contract keeps (readers re-check what a record alone can show):
 * - a stake's `frozenCents` is the sum of its freezes, `pledgedCents` the sum of its pledges, and
 *   `frozenCents + pledgedCents <= subscribedCents` (no part is frozen or pledged twice);
 * - the stakes of an enterprise (its `shareholders`) sum to 10,000 bp and to its registered capital.
 */
import type { CanonicalValue } from '../../src/encoding/canonical-json.js';
import { ENTERPRISE_STATUSES, type Enterprise, type EnterpriseStatus, USCC_PATTERN } from '../notary/enterprise-schema.js';
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, invalidRecord, objectItem } from '../sdk/record.js';
import { isPartyId, isUscc } from './uscc.js';

export { USCC_PATTERN };

export const MARKET_CHAIN_ID = 'market';

/** Who holds something: a natural person (keyed hash of the ID number) or an enterprise (its USCC). */
export type PartyKind = 'person' | 'enterprise';
export const PARTY_KINDS: readonly PartyKind[] = ['person', 'enterprise'];

/** A unified social credit code with its check character, never a resident ID number in clear (uscc.ts). */
export function readUscc(f: Fields, name: string): string {
  const v = f.str(name, { pattern: USCC_PATTERN, max: 18 });
  if (!isUscc(v)) throw invalidRecord(`${f.path}.${name}`, 'not a unified social credit code (check character, or a resident ID number)');
  return v;
}

/** A party's id checked against its kind: a keyed hash for a person (never a clear ID), a USCC for an enterprise. */
export function readParty(f: Fields, name: string, kind: PartyKind): string {
  return kind === 'person' ? f.personHash(name) : readUscc(f, name);
}

/** A party's id of either kind (a stake's holder named without its kind). */
export function readPartyId(f: Fields, name: string): string {
  const v = f.str(name, { max: 64 });
  if (!isPartyId(v)) throw invalidRecord(`${f.path}.${name}`, 'expected a person hash or a unified social credit code');
  return v;
}

/**
 * `enterprise/<USCC>` is the alliance's one enterprise record (adapters/notary/enterprise-schema.ts
 * `Enterprise`: name, legal representative hash, registered capital, frozen equity, status), so every
 * gateway reads it with one layout; here `equityFrozenCents` is the sum of the freezes of its stakes.
 */
export type { Enterprise };

/** `shareholder_register/<USCC>`: the register of members (股东名册), the holder ids of the enterprise's stakes. */
export interface ShareholderRegister {
  type: 'shareholder_register';
  schema: 1;
  uscc: string;
  /** Holder ids of its stakes (`equity/<uscc>/<holder>`), sorted. */
  holders: string[];
}

/** One court freeze (股权冻结) on a stake: how much subscribed contribution it holds. */
export interface EquityFreeze {
  orderId: string;
  caseId: string;
  court: string;
  amountCents: string;
  sinceMs: number;
}

/** One registered pledge (股权出质) on a stake. */
export interface EquityPledge {
  /** Pledge registration number (出质登记编号). */
  regNo: string;
  pledgeeKind: PartyKind;
  pledgee: string;
  amountCents: string;
  registeredAtMs: number;
}

/** `equity/<USCC>/<holder>`: one shareholder's stake (index `holder`, and `enterprise` by USCC). */
export interface EquityStake {
  type: 'equity';
  schema: 1;
  uscc: string;
  holderKind: PartyKind;
  holder: string;
  /** Subscribed capital contribution (认缴出资额). */
  subscribedCents: string;
  shareBp: number;
  frozenCents: string;
  freezes: EquityFreeze[];
  pledgedCents: string;
  pledges: EquityPledge[];
}

/** `equity_change/<USCC>/<changeNo>`: a registered transfer of equity (股权变更). */
export interface EquityChange {
  type: 'equity_change';
  schema: 1;
  uscc: string;
  changeNo: string;
  fromKind: PartyKind;
  from: string;
  toKind: PartyKind;
  to: string;
  amountCents: string;
  shareBp: number;
  atMs: number;
}

/** A court seizure (查封) of a movable. */
export interface Seizure {
  orderId: string;
  caseId: string;
  court: string;
  sinceMs: number;
}

/** A registered mortgage on a movable (动产抵押登记). */
export interface MovableMortgage {
  mortgageNo: string;
  mortgagee: string;
  amountCents: string;
  registeredAtMs: number;
}

/** `movable/<regNo>`: a movable registered for mortgage (index `owner`). */
export interface Movable {
  type: 'movable';
  schema: 1;
  regNo: string;
  ownerKind: PartyKind;
  owner: string;
  description: string;
  valueCents: string;
  mortgages: MovableMortgage[];
  /** At most one: a second seizure waits for the release (轮候查封 is not modelled). */
  seizures: Seizure[];
  registeredAtMs: number;
}

/** `financial_lease/<regNo>`: a financial leasing registration (融资租赁登记; index `lessee`). */
export interface FinancialLease {
  type: 'financial_lease';
  schema: 1;
  regNo: string;
  /** The lessor is a leasing company: its USCC. */
  lessor: string;
  lesseeKind: PartyKind;
  lessee: string;
  leasedObject: string;
  termStartMs: number;
  termEndMs: number;
  registeredAtMs: number;
}

export type Metal = 'gold' | 'silver' | 'platinum' | 'palladium';
export const METALS: readonly Metal[] = ['gold', 'silver', 'platinum', 'palladium'];

/** A pledge of a warehouse receipt (仓单质押). */
export interface ReceiptPledge {
  regNo: string;
  pledgee: string;
  amountCents: string;
  registeredAtMs: number;
}

/** `warehouse_receipt/<receiptNo>`: a precious-metal warehouse receipt (贵金属仓单; index `holder`). */
export interface WarehouseReceipt {
  type: 'warehouse_receipt';
  schema: 1;
  receiptNo: string;
  holderKind: PartyKind;
  holder: string;
  metal: Metal;
  weightGrams: number;
  warehouse: string;
  pledges: ReceiptPledge[];
  seizures: Seizure[];
  registeredAtMs: number;
}

/** Registration, change, pledge and receipt numbers: part of a state key, so no `/`. */
export const REG_NO_PATTERN = /^[^/\u0000-\u001f\u007f\s]{4,64}$/u;

/** A registration, change or receipt number: the registrar's own, never holding a key separator. */
const readRegNo = (f: Fields, name: string): string => f.str(name, { pattern: REG_NO_PATTERN, max: 64 });

/** A share of an enterprise in basis points (1 to 10 000). */
const readShareBp = (f: Fields): number => f.int('shareBp', { min: 1, max: 10_000 });

const sumCents = (xs: readonly { amountCents: string }[]): bigint => xs.reduce((s, x) => s + BigInt(x.amountCents), 0n);

export function readShareholderRegister(f: Fields): ShareholderRegister {
  const r: ShareholderRegister = {
    type: 'shareholder_register',
    schema: 1,
    uscc: readUscc(f, 'uscc'),
    holders: f.array('holders', (v, p) => holderItem(v, p), { min: 1, max: 200 }),
  };
  if (new Set(r.holders).size !== r.holders.length) throw invalidRecord(`${f.path}.holders`, 'a holder is listed twice');
  return r;
}

function holderItem(v: CanonicalValue, path: string): string {
  if (typeof v !== 'string' || !isPartyId(v)) throw invalidRecord(path, 'expected a person hash or a unified social credit code');
  return v;
}

export function readEquityFreeze(f: Fields): EquityFreeze {
  return {
    orderId: f.id('orderId'),
    caseId: f.id('caseId'),
    court: f.did('court'),
    amountCents: f.cents('amountCents'),
    sinceMs: f.int('sinceMs'),
  };
}

function readEquityPledge(f: Fields): EquityPledge {
  const pledgeeKind = f.oneOf('pledgeeKind', PARTY_KINDS);
  return {
    regNo: readRegNo(f, 'regNo'),
    pledgeeKind,
    pledgee: readParty(f, 'pledgee', pledgeeKind),
    amountCents: f.cents('amountCents'),
    registeredAtMs: f.int('registeredAtMs'),
  };
}

export function readEquityStake(f: Fields): EquityStake {
  const holderKind = f.oneOf('holderKind', PARTY_KINDS);
  const s: EquityStake = {
    type: 'equity',
    schema: 1,
    uscc: readUscc(f, 'uscc'),
    holderKind,
    holder: readParty(f, 'holder', holderKind),
    subscribedCents: f.cents('subscribedCents'),
    shareBp: readShareBp(f),
    frozenCents: f.cents('frozenCents'),
    freezes: f.array('freezes', objectItem(readEquityFreeze), { max: 100 }),
    pledgedCents: f.cents('pledgedCents'),
    pledges: f.array('pledges', objectItem(readEquityPledge), { max: 100 }),
  };
  if (BigInt(s.frozenCents) !== sumCents(s.freezes)) throw invalidRecord(`${f.path}.frozenCents`, 'is not the sum of the freezes');
  if (BigInt(s.pledgedCents) !== sumCents(s.pledges)) throw invalidRecord(`${f.path}.pledgedCents`, 'is not the sum of the pledges');
  if (BigInt(s.frozenCents) + BigInt(s.pledgedCents) > BigInt(s.subscribedCents))
    throw invalidRecord(f.path, 'frozen and pledged parts exceed the subscribed contribution');
  return s;
}

/** The part of a stake neither frozen nor pledged: what may be transferred, pledged, frozen, enforced against. */
export function freeCents(s: Pick<EquityStake, 'subscribedCents' | 'frozenCents' | 'pledgedCents'>): bigint {
  return BigInt(s.subscribedCents) - BigInt(s.frozenCents) - BigInt(s.pledgedCents);
}

/** An applied transfer: its body, with the time the chain applied it. */
export function readEquityChange(f: Fields): EquityChange {
  return { ...readEquityTransfer(f), type: 'equity_change', atMs: f.int('atMs') };
}

export function readSeizure(f: Fields): Seizure {
  return { orderId: f.id('orderId'), caseId: f.id('caseId'), court: f.did('court'), sinceMs: f.int('sinceMs') };
}

function readMortgage(f: Fields): MovableMortgage {
  return {
    mortgageNo: readRegNo(f, 'mortgageNo'),
    mortgagee: f.str('mortgagee', { max: 100 }),
    amountCents: f.cents('amountCents'),
    registeredAtMs: f.int('registeredAtMs'),
  };
}

export function readMovable(f: Fields): Movable {
  const ownerKind = f.oneOf('ownerKind', PARTY_KINDS);
  return {
    type: 'movable',
    schema: 1,
    regNo: readRegNo(f, 'regNo'),
    ownerKind,
    owner: readParty(f, 'owner', ownerKind),
    description: f.str('description', { max: 300 }),
    valueCents: f.cents('valueCents'),
    mortgages: f.array('mortgages', objectItem(readMortgage), { max: 50 }),
    seizures: f.array('seizures', objectItem(readSeizure), { max: 1 }),
    registeredAtMs: f.int('registeredAtMs'),
  };
}

export function readFinancialLease(f: Fields): FinancialLease {
  const lessor = readUscc(f, 'lessor');
  const lesseeKind = f.oneOf('lesseeKind', PARTY_KINDS);
  return {
    type: 'financial_lease',
    schema: 1,
    regNo: readRegNo(f, 'regNo'),
    lessor,
    lesseeKind,
    lessee: readParty(f, 'lessee', lesseeKind),
    leasedObject: f.str('leasedObject', { max: 300 }),
    termStartMs: f.int('termStartMs'),
    termEndMs: f.int('termEndMs'),
    registeredAtMs: f.int('registeredAtMs'),
  };
}

function readReceiptPledge(f: Fields): ReceiptPledge {
  return {
    regNo: readRegNo(f, 'regNo'),
    pledgee: f.str('pledgee', { max: 100 }),
    amountCents: f.cents('amountCents'),
    registeredAtMs: f.int('registeredAtMs'),
  };
}

export function readWarehouseReceipt(f: Fields): WarehouseReceipt {
  const holderKind = f.oneOf('holderKind', PARTY_KINDS);
  return {
    type: 'warehouse_receipt',
    schema: 1,
    receiptNo: readRegNo(f, 'receiptNo'),
    holderKind,
    holder: readParty(f, 'holder', holderKind),
    metal: f.oneOf('metal', METALS),
    weightGrams: f.int('weightGrams', { min: 1, max: 100_000_000 }),
    warehouse: f.str('warehouse', { max: 100 }),
    pledges: f.array('pledges', objectItem(readReceiptPledge), { max: 1 }),
    seizures: f.array('seizures', objectItem(readSeizure), { max: 1 }),
    registeredAtMs: f.int('registeredAtMs'),
  };
}

// ---- registrar tx bodies ----

/** One founding shareholder as registered with the enterprise. */
export interface ShareholderInput {
  holderKind: PartyKind;
  holder: string;
  subscribedCents: string;
  shareBp: number;
}

/** Body of `market.enterprise.register`: the enterprise and its shareholders, in one tx. */
export interface EnterpriseRegisterBody {
  type: 'enterprise_register';
  schema: 1;
  uscc: string;
  name: string;
  legalRepresentativeHash: string;
  registeredCapitalCents: string;
  shareholders: ShareholderInput[];
}

function readShareholderInput(f: Fields): ShareholderInput {
  const holderKind = f.oneOf('holderKind', PARTY_KINDS);
  return {
    holderKind,
    holder: readParty(f, 'holder', holderKind),
    subscribedCents: f.cents('subscribedCents'),
    shareBp: readShareBp(f),
  };
}

export function readEnterpriseRegister(f: Fields): EnterpriseRegisterBody {
  return {
    type: 'enterprise_register',
    schema: 1,
    uscc: readUscc(f, 'uscc'),
    name: f.str('name', { max: 200 }),
    legalRepresentativeHash: f.personHash('legalRepresentativeHash'),
    registeredCapitalCents: f.cents('registeredCapitalCents'),
    shareholders: f.array('shareholders', objectItem(readShareholderInput), { min: 1, max: 200 }),
  };
}

/** Body of `market.enterprise.status`. */
export interface EnterpriseStatusBody {
  type: 'enterprise_status';
  schema: 1;
  uscc: string;
  status: EnterpriseStatus;
}

export function readEnterpriseStatus(f: Fields): EnterpriseStatusBody {
  return {
    type: 'enterprise_status',
    schema: 1,
    uscc: readUscc(f, 'uscc'),
    status: f.oneOf('status', ENTERPRISE_STATUSES),
  };
}

/** Body of `market.equity.transfer`: `amountCents` of subscribed contribution and `shareBp` move from → to. */
export interface EquityTransferBody {
  type: 'equity_transfer';
  schema: 1;
  uscc: string;
  changeNo: string;
  fromKind: PartyKind;
  from: string;
  toKind: PartyKind;
  to: string;
  amountCents: string;
  shareBp: number;
}

export function readEquityTransfer(f: Fields): EquityTransferBody {
  const fromKind = f.oneOf('fromKind', PARTY_KINDS);
  const from = readParty(f, 'from', fromKind);
  const toKind = f.oneOf('toKind', PARTY_KINDS);
  return {
    type: 'equity_transfer',
    schema: 1,
    uscc: readUscc(f, 'uscc'),
    changeNo: readRegNo(f, 'changeNo'),
    fromKind,
    from,
    toKind,
    to: readParty(f, 'to', toKind),
    amountCents: f.cents('amountCents'),
    shareBp: readShareBp(f),
  };
}

/** Body of `market.equity.pledge` (股权出质登记). */
export interface EquityPledgeBody {
  type: 'equity_pledge';
  schema: 1;
  uscc: string;
  holder: string;
  regNo: string;
  pledgeeKind: PartyKind;
  pledgee: string;
  amountCents: string;
}

export function readEquityPledgeBody(f: Fields): EquityPledgeBody {
  const uscc = readUscc(f, 'uscc');
  const holder = readPartyId(f, 'holder');
  const pledgeeKind = f.oneOf('pledgeeKind', PARTY_KINDS);
  return {
    type: 'equity_pledge',
    schema: 1,
    uscc,
    holder,
    regNo: readRegNo(f, 'regNo'),
    pledgeeKind,
    pledgee: readParty(f, 'pledgee', pledgeeKind),
    amountCents: f.cents('amountCents'),
  };
}

/** Body of `market.equity.unpledge` (注销出质登记). */
export interface EquityUnpledgeBody {
  type: 'equity_unpledge';
  schema: 1;
  uscc: string;
  holder: string;
  regNo: string;
}

export function readEquityUnpledge(f: Fields): EquityUnpledgeBody {
  return {
    type: 'equity_unpledge',
    schema: 1,
    uscc: readUscc(f, 'uscc'),
    holder: readPartyId(f, 'holder'),
    regNo: readRegNo(f, 'regNo'),
  };
}

/** Body of `market.movable.mortgage` (动产抵押登记). */
export interface MovableMortgageBody {
  type: 'movable_mortgage';
  schema: 1;
  regNo: string;
  mortgageNo: string;
  mortgagee: string;
  amountCents: string;
}

export function readMovableMortgage(f: Fields): MovableMortgageBody {
  return {
    type: 'movable_mortgage',
    schema: 1,
    regNo: readRegNo(f, 'regNo'),
    mortgageNo: readRegNo(f, 'mortgageNo'),
    mortgagee: f.str('mortgagee', { max: 100 }),
    amountCents: f.cents('amountCents'),
  };
}

/** Body of `market.receipt.pledge` (仓单质押). */
export interface ReceiptPledgeBody {
  type: 'receipt_pledge';
  schema: 1;
  receiptNo: string;
  regNo: string;
  pledgee: string;
  amountCents: string;
}

export function readReceiptPledgeBody(f: Fields): ReceiptPledgeBody {
  return {
    type: 'receipt_pledge',
    schema: 1,
    receiptNo: readRegNo(f, 'receiptNo'),
    regNo: readRegNo(f, 'regNo'),
    pledgee: f.str('pledgee', { max: 100 }),
    amountCents: f.cents('amountCents'),
  };
}

export const MarketTx = {
  EnterpriseRegister: 'market.enterprise.register',
  EnterpriseStatus: 'market.enterprise.status',
  EquityTransfer: 'market.equity.transfer',
  EquityPledge: 'market.equity.pledge',
  EquityUnpledge: 'market.equity.unpledge',
  /** Body: a `Movable` without seizures. */
  MovableRegister: 'market.movable.register',
  MovableMortgage: 'market.movable.mortgage',
  /** Body: a `FinancialLease`. */
  LeaseRegister: 'market.lease.register',
  /** Body: a `WarehouseReceipt` without pledges or seizures. */
  ReceiptRegister: 'market.receipt.register',
  ReceiptPledge: 'market.receipt.pledge',
  Freeze: 'market.freeze',
  Unfreeze: 'market.unfreeze',
  Seize: 'market.seize',
  Release: 'market.release',
} as const;

export const MARKET_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'enterprise',
    keyPrefix: 'enterprise/',
    description: 'Enterprise registration: name, legal representative hash, registered capital, frozen equity, status',
    indexes: [],
  },
  {
    name: 'shareholder_register',
    keyPrefix: 'shareholder_register/',
    description: 'Register of members: the holders of the enterprise stakes',
    indexes: [],
  },
  {
    name: 'equity',
    keyPrefix: 'equity/',
    description: 'Equity stake: holder hash or USCC, subscribed contribution, share, court freezes, pledges',
    indexes: ['holder', 'enterprise'],
  },
  {
    name: 'equity_change',
    keyPrefix: 'equity_change/',
    description: 'Equity change: transfer of contribution and share from one holder to another',
    indexes: ['enterprise'],
  },
  {
    name: 'movable',
    keyPrefix: 'movable/',
    description: 'Movable property: owner, description, value, mortgages, court seizure',
    indexes: ['owner'],
  },
  {
    name: 'financial_lease',
    keyPrefix: 'financial_lease/',
    description: 'Financial leasing registration: lessor, lessee, leased object, term',
    indexes: ['lessee'],
  },
  {
    name: 'warehouse_receipt',
    keyPrefix: 'warehouse_receipt/',
    description: 'Precious-metal warehouse receipt: holder, metal, weight, warehouse, pledge, seizure',
    indexes: ['holder'],
  },
];

export const MARKET_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'freeze',
    txType: MarketTx.Freeze,
    amount: 'required',
    targetRecordType: 'equity',
    description:
      'Freeze (股权冻结) this much subscribed contribution of the stake `<USCC>/<holder>`; more than its free part (neither frozen nor pledged) is refused (insufficient_equity)',
  },
  {
    kind: 'unfreeze',
    txType: MarketTx.Unfreeze,
    amount: 'none',
    targetRecordType: 'equity',
    description: "Lift this case's freezes of the stake (解除冻结); refused when the case holds none (not_frozen)",
  },
  {
    kind: 'seize',
    txType: MarketTx.Seize,
    amount: 'none',
    targetRecordType: 'movable',
    description: 'Seize (查封) the movable for a case; a movable already seized is refused (already_seized)',
  },
  {
    kind: 'release',
    txType: MarketTx.Release,
    amount: 'none',
    targetRecordType: 'movable',
    description: "Lift this case's seizure of the movable (解封); refused when the case holds none (not_seized)",
  },
];

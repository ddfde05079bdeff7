/**
 * Credit cards on the finance chain (opinions on blockchain in the judicial field, art. 24: loan and
 * credit-card records queried across chains). A card is what its bank approved (time and limit),
 * the balance owed, the repayments made, and whether it is in default and how many days overdue.
 * Holders are keyed personal hashes; amounts integer cents as decimal strings. Event times are the
 * bank's (like a loan's dates): the contract checks their order, never the wall clock.
 *
 * A card is a debt of its holder, not an asset: enforcement never freezes it
 * (src/workflows/enforcement/asset-profiles.ts reads only `account/` records).
 */
import type { RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, objectItem } from '../sdk/record.js';
import { codes, label, type RecordLayout } from '../sdk/record-layout.js';

/** Card numbers as issued (13 to 19 digits, ISO/IEC 7812). */
export const CARD_NO_PATTERN = /^[0-9]{13,19}$/;

/** Days from a charge on a clear card to its payment due date (the longest interest-free period, 最长免息期). */
export const CARD_GRACE_DAYS = 50;
export const DAY_MS = 86_400_000;
/** Repayments kept on the record, newest last (older ones leave the record, their sum stays in `repaidCents`). */
export const CARD_REPAYMENTS_KEPT = 100;

export type CardStatus = 'normal' | 'default';
export const CARD_STATUSES: readonly CardStatus[] = ['normal', 'default'];

export interface CardApproval {
  approvedAtMs: number;
  limitCents: string;
}

export interface CardRepayment {
  amountCents: string;
  atMs: number;
}

/** `card/<cardNo>`. */
export interface Card {
  type: 'card';
  schema: 1;
  cardNo: string;
  /** Keyed hash of the holder's ID number (index `holder`). */
  holder: string;
  bank: string;
  approval: CardApproval;
  /** Balance owed. */
  balanceCents: string;
  /** When the balance owed falls due; 0 while nothing is owed. */
  dueAtMs: number;
  /** Every repayment ever made, summed. */
  repaidCents: string;
  /** The latest repayments, oldest first. */
  repayments: CardRepayment[];
  status: CardStatus;
  /** Days past due when the bank marked the default; 0 while normal. */
  overdueDays: number;
  /** Time of the card's latest event: a later tx may not be dated before it. */
  updatedAtMs: number;
}

const readApproval = (f: Fields): CardApproval => ({ approvedAtMs: f.int('approvedAtMs'), limitCents: f.cents('limitCents') });
const readRepayment = (f: Fields): CardRepayment => ({ amountCents: f.cents('amountCents'), atMs: f.int('atMs') });

const readCardNo = (f: Fields): string => f.str('cardNo', { pattern: CARD_NO_PATTERN });

export function readCard(f: Fields): Card {
  return {
    type: 'card',
    schema: 1,
    cardNo: readCardNo(f),
    holder: f.personHash('holder'),
    bank: f.str('bank', { max: 100 }),
    approval: f.nested('approval', readApproval),
    balanceCents: f.cents('balanceCents'),
    dueAtMs: f.int('dueAtMs'),
    repaidCents: f.cents('repaidCents'),
    repayments: f.array('repayments', objectItem(readRepayment), { max: CARD_REPAYMENTS_KEPT }),
    status: f.oneOf('status', CARD_STATUSES),
    overdueDays: f.int('overdueDays', { max: 100_000 }),
    updatedAtMs: f.int('updatedAtMs'),
  };
}

/** Body of `finance.card.approve`: the bank's approval opens the card. */
export interface CardApproveBody {
  type: 'card_approve';
  schema: 1;
  cardNo: string;
  holder: string;
  bank: string;
  approvedAtMs: number;
  limitCents: string;
}

export function readCardApprove(f: Fields): CardApproveBody {
  return {
    type: 'card_approve',
    schema: 1,
    cardNo: readCardNo(f),
    holder: f.personHash('holder'),
    bank: f.str('bank', { max: 100 }),
    approvedAtMs: f.int('approvedAtMs'),
    limitCents: f.cents('limitCents'),
  };
}

/** Body of `finance.card.limit`: the new limit from `atMs`. */
export interface CardLimitBody {
  type: 'card_limit';
  schema: 1;
  cardNo: string;
  limitCents: string;
  atMs: number;
}

export function readCardLimit(f: Fields): CardLimitBody {
  return {
    type: 'card_limit',
    schema: 1,
    cardNo: readCardNo(f),
    limitCents: f.cents('limitCents'),
    atMs: f.int('atMs'),
  };
}

/** Body of `finance.card.charge` and `finance.card.repay`: an amount at a time. */
export interface CardAmountBody {
  type: 'card_charge' | 'card_repay';
  schema: 1;
  cardNo: string;
  amountCents: string;
  atMs: number;
}

export function readCardAmount(type: CardAmountBody['type']) {
  return (f: Fields): CardAmountBody => ({
    type,
    schema: 1,
    cardNo: readCardNo(f),
    amountCents: f.cents('amountCents'),
    atMs: f.int('atMs'),
  });
}

/** Body of `finance.card.default`: the bank marks the card in default at `atMs`. */
export interface CardDefaultBody {
  type: 'card_default';
  schema: 1;
  cardNo: string;
  atMs: number;
}

export function readCardDefault(f: Fields): CardDefaultBody {
  return { type: 'card_default', schema: 1, cardNo: readCardNo(f), atMs: f.int('atMs') };
}

export const CardTx = {
  Approve: 'finance.card.approve',
  Limit: 'finance.card.limit',
  Charge: 'finance.card.charge',
  Repay: 'finance.card.repay',
  Default: 'finance.card.default',
} as const;

export const CARD_RECORD_TYPE: RecordTypeSpec = {
  name: 'card',
  keyPrefix: 'card/',
  description: 'Credit card: holder hash, bank, approval (time, limit), balance owed, repayments, default and overdue days',
  indexes: ['holder'],
};

export const CARD_RECORD_LAYOUT: RecordLayout = {
  recordType: 'card',
  valueType: 'card',
  schema: 1,
  label: { zh: '信用卡', en: 'Credit card' },
  read: readCard,
  fields: {
    cardNo: label('卡号', 'Card number', 'id'),
    holder: label('持卡人', 'Holder', 'person_hash'),
    bank: label('发卡行', 'Issuing bank'),
    approval: label('审批', 'Approval', 'group', {
      fields: { approvedAtMs: label('审批时间', 'Approved at', 'time'), limitCents: label('授信额度', 'Credit limit', 'money') },
    }),
    balanceCents: label('欠款余额', 'Balance owed', 'money'),
    dueAtMs: label('到期还款日', 'Payment due', 'time'),
    repaidCents: label('累计还款', 'Repaid in total', 'money'),
    repayments: label('还款记录', 'Repayments', 'group', {
      fields: { amountCents: label('还款金额', 'Amount', 'money'), atMs: label('还款时间', 'Repaid at', 'time') },
    }),
    status: label('状态', 'Status', 'code', { values: codes({ normal: ['正常', 'normal'], default: ['违约', 'default'] }) }),
    overdueDays: label('逾期天数', 'Days overdue', 'integer'),
    updatedAtMs: label('最近变动', 'Last event', 'time'),
  },
};

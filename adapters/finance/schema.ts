/**
 * Finance chain records: bank accounts, loan contracts, and (card-schema.ts, loan-approval-schema.ts)
 * credit cards and loan approvals. Holders and borrowers are
 * keyed personal hashes (src/privacy/keyed-hash.ts), amounts integer cents as decimal strings.
 *
 * Invariant every contract keeps: `0 <= frozenCents <= balanceCents` and `frozenCents` is the sum
 * of `freezes[].amountCents` (a freeze never exceeds what is there, a deduction never leaves a
 * balance below zero).
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, objectItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';
import { CARD_RECORD_LAYOUT, CARD_RECORD_TYPE, CardTx } from './card-schema.js';
import { APPROVAL_NO_PATTERN, LOAN_APPROVAL_RECORD_LAYOUT, LOAN_APPROVAL_RECORD_TYPE } from './loan-approval-schema.js';

export const FINANCE_CHAIN_ID = 'finance';

/** A bank account or card number as registered (no `/`, it would split the state key). */
export const ACCOUNT_NO_PATTERN = /^[0-9A-Za-z-]{6,40}$/;

export type AccountKind = 'personal' | 'corporate' | 'custody';
export const ACCOUNT_KINDS: readonly AccountKind[] = ['personal', 'corporate', 'custody'];

/** One court freeze on an account (协助冻结). */
export interface AccountFreeze {
  orderId: string;
  caseId: string;
  court: string;
  amountCents: string;
  sinceMs: number;
}

/** `account/<accountNo>`. */
export interface Account {
  type: 'account';
  schema: 1;
  accountNo: string;
  /** Keyed hash of the holder's ID number (index `holder`). */
  holder: string;
  bank: string;
  kind: AccountKind;
  currency: 'CNY';
  balanceCents: string;
  frozenCents: string;
  /** Oldest first. */
  freezes: AccountFreeze[];
  openedAtMs: number;
}

export type LoanStatus = 'performing' | 'default' | 'settled';
export const LOAN_STATUSES: readonly LoanStatus[] = ['performing', 'default', 'settled'];

/** `loan/<loanNo>`. */
export interface Loan {
  type: 'loan';
  schema: 1;
  loanNo: string;
  /** Keyed hash of the borrower's ID number (indexes `borrower` and `holder`). */
  borrower: string;
  lender: string;
  principalCents: string;
  outstandingCents: string;
  status: LoanStatus;
  startMs: number;
  maturityMs: number;
  /**
   * The approval it was disbursed on (`loan_approval/<approvalNo>`): required of every loan registered
   * now; absent only from loans stored before approvals were recorded, which still read.
   */
  approvalNo?: string;
}

export function readFreeze(f: Fields): AccountFreeze {
  return {
    orderId: f.id('orderId'),
    caseId: f.id('caseId'),
    court: f.did('court'),
    amountCents: f.cents('amountCents'),
    sinceMs: f.int('sinceMs'),
  };
}

export function readAccount(f: Fields): Account {
  return {
    type: 'account',
    schema: 1,
    accountNo: f.str('accountNo', { max: 120 }),
    holder: f.personHash('holder'),
    bank: f.str('bank', { max: 100 }),
    kind: f.oneOf('kind', ACCOUNT_KINDS),
    currency: f.literal('currency', 'CNY'),
    balanceCents: f.cents('balanceCents'),
    frozenCents: f.cents('frozenCents'),
    freezes: f.array('freezes', objectItem(readFreeze), { max: 1000 }),
    openedAtMs: f.int('openedAtMs'),
  };
}

export function readLoan(f: Fields): Loan {
  const l: Loan = {
    type: 'loan',
    schema: 1,
    loanNo: f.str('loanNo', { pattern: ACCOUNT_NO_PATTERN }),
    borrower: f.personHash('borrower'),
    lender: f.str('lender', { max: 100 }),
    principalCents: f.cents('principalCents'),
    outstandingCents: f.cents('outstandingCents'),
    status: f.oneOf('status', LOAN_STATUSES),
    startMs: f.int('startMs'),
    maturityMs: f.int('maturityMs'),
  };
  return f.has('approvalNo') ? { ...l, approvalNo: f.str('approvalNo', { pattern: APPROVAL_NO_PATTERN }) } : l;
}

/** Body of `finance.account.open`. The contract adds `frozenCents`, `freezes`, `openedAtMs`. */
export interface AccountOpenBody {
  type: 'account_open';
  schema: 1;
  accountNo: string;
  holder: string;
  bank: string;
  kind: 'personal' | 'corporate';
  balanceCents: string;
}

export function readAccountOpen(f: Fields): AccountOpenBody {
  return {
    type: 'account_open',
    schema: 1,
    accountNo: f.str('accountNo', { pattern: ACCOUNT_NO_PATTERN }),
    holder: f.personHash('holder'),
    bank: f.str('bank', { max: 100 }),
    kind: f.oneOf('kind', ['personal', 'corporate'] as const),
    balanceCents: f.cents('balanceCents'),
  };
}

/** Body of `finance.deposit` and `finance.withdraw`. */
export interface TransferBody {
  type: 'deposit' | 'withdraw';
  schema: 1;
  accountNo: string;
  amountCents: string;
}

export function readTransfer(type: 'deposit' | 'withdraw') {
  return (f: Fields): TransferBody => ({
    type,
    schema: 1,
    accountNo: f.str('accountNo', { pattern: ACCOUNT_NO_PATTERN }),
    amountCents: f.cents('amountCents'),
  });
}

/** Body of `finance.loan.status`. */
export interface LoanStatusBody {
  type: 'loan_status';
  schema: 1;
  loanNo: string;
  status: LoanStatus;
  outstandingCents: string;
}

export function readLoanStatus(f: Fields): LoanStatusBody {
  return {
    type: 'loan_status',
    schema: 1,
    loanNo: f.str('loanNo', { pattern: ACCOUNT_NO_PATTERN }),
    status: f.oneOf('status', LOAN_STATUSES),
    outstandingCents: f.cents('outstandingCents'),
  };
}

// ---- record types and actions (plain data: announced by the adapter, read by the contract) ----

export const FINANCE_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'account',
    keyPrefix: 'account/',
    description: 'Bank account: holder hash, bank, balance, frozen amount and the court freezes on it',
    indexes: ['holder'],
  },
  {
    name: 'loan',
    keyPrefix: 'loan/',
    description: 'Loan contract: borrower hash, lender, principal, outstanding, performing/default/settled, its approval',
    // `holder` too: a court's investigation by keyed id (Investigate) lists a person's loans with the accounts.
    indexes: ['borrower', 'holder'],
  },
  LOAN_APPROVAL_RECORD_TYPE,
  CARD_RECORD_TYPE,
];

export const FinanceTx = {
  AccountOpen: 'finance.account.open',
  Deposit: 'finance.deposit',
  Withdraw: 'finance.withdraw',
  LoanRegister: 'finance.loan.register',
  LoanStatus: 'finance.loan.status',
  LoanApprove: 'finance.loan.approve',
  CardApprove: CardTx.Approve,
  CardLimit: CardTx.Limit,
  CardCharge: CardTx.Charge,
  CardRepay: CardTx.Repay,
  CardDefault: CardTx.Default,
  Freeze: 'finance.freeze',
  FreezeAvailable: 'finance.freeze_available',
  Deduct: 'finance.deduct',
  Release: 'finance.release',
  Disburse: 'finance.disburse',
} as const;

export const FINANCE_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'freeze',
    txType: FinanceTx.Freeze,
    amount: 'required',
    targetRecordType: 'account',
    description: 'Freeze exactly this amount; refused with insufficient_funds when the available balance is smaller',
  },
  {
    kind: 'freeze_available',
    txType: FinanceTx.FreezeAvailable,
    amount: 'required',
    targetRecordType: 'account',
    description: 'Partial freeze: freeze min(amount, available balance); refused only when nothing is available',
  },
  {
    kind: 'deduct',
    txType: FinanceTx.Deduct,
    amount: 'required',
    targetRecordType: 'account',
    description: "Move this amount of the case's frozen funds to the court's custody account",
  },
  {
    kind: 'release',
    txType: FinanceTx.Release,
    amount: 'none',
    targetRecordType: 'account',
    description: 'Lift every freeze of this case on the account',
  },
  {
    kind: 'disburse',
    txType: FinanceTx.Disburse,
    amount: 'required',
    targetRecordType: 'account',
    description: "Pay this amount from the ordering court's custody account to the target account (a creditor's share)",
  },
];

/** How a person reads finance records (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const FINANCE_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'account',
    valueType: 'account',
    schema: 1,
    label: { zh: '银行账户', en: 'Bank account' },
    read: readAccount,
    fields: {
      accountNo: label('账号', 'Account number', 'id'),
      holder: label('开户人', 'Holder', 'person_hash'),
      bank: label('开户行', 'Bank'),
      kind: label('账户类型', 'Kind', 'code', {
        values: codes({ personal: ['个人账户', 'personal'], corporate: ['单位账户', 'corporate'], custody: ['监管账户', 'custody'] }),
      }),
      currency: label('币种', 'Currency', 'code', { values: codes({ CNY: ['人民币', 'CNY'] }) }),
      balanceCents: label('余额', 'Balance', 'money'),
      frozenCents: label('冻结金额', 'Frozen', 'money'),
      freezes: label('冻结记录', 'Freezes', 'group', {
        fields: { ...COURT_ACTION_LABELS, amountCents: label('冻结金额', 'Amount', 'money'), sinceMs: label('冻结时间', 'Since', 'time') },
      }),
      openedAtMs: label('开户时间', 'Opened at', 'time'),
    },
  },
  {
    recordType: 'loan',
    valueType: 'loan',
    schema: 1,
    label: { zh: '借款合同', en: 'Loan contract' },
    read: readLoan,
    fields: {
      loanNo: label('合同编号', 'Loan number', 'id'),
      borrower: label('借款人', 'Borrower', 'person_hash'),
      lender: label('贷款人', 'Lender'),
      principalCents: label('本金', 'Principal', 'money'),
      outstandingCents: label('未偿余额', 'Outstanding', 'money'),
      status: label('状态', 'Status', 'code', {
        values: codes({ performing: ['正常履约', 'performing'], default: ['违约', 'default'], settled: ['已结清', 'settled'] }),
      }),
      startMs: label('起始日', 'Start', 'time'),
      maturityMs: label('到期日', 'Maturity', 'time'),
      approvalNo: label('审批编号', 'Approval number', 'id'),
    },
  },
  LOAN_APPROVAL_RECORD_LAYOUT,
  CARD_RECORD_LAYOUT,
];

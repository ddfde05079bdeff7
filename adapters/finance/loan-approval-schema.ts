/**
 * Loan approvals (贷款审批) on the finance chain (opinions on blockchain in the judicial field, art. 24):
 * the bank's decision on an application, recorded before any loan is disbursed on it. A loan
 * (`finance.loan.register`) names its approval; the contract refuses a loan without one, on a
 * declined one, above its amount or beyond its term, or on one another loan already used.
 */
import type { RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, invalidRecord } from '../sdk/record.js';
import { codes, label, type RecordLayout } from '../sdk/record-layout.js';

/** Approval numbers as the bank issues them (no `/`). */
export const APPROVAL_NO_PATTERN = /^[0-9A-Za-z-]{6,40}$/;

export type LoanDecision = 'approved' | 'declined';
export const LOAN_DECISIONS: readonly LoanDecision[] = ['approved', 'declined'];

/** `loan_approval/<approvalNo>`. */
export interface LoanApproval {
  type: 'loan_approval';
  schema: 1;
  approvalNo: string;
  /** Keyed hash of the applicant's ID number (index `holder`). */
  applicant: string;
  lender: string;
  /** The amount approved (or applied for, when declined). */
  amountCents: string;
  termMonths: number;
  /** Annual rate in basis points (100 = 1%). */
  rateBp: number;
  decision: LoanDecision;
  decidedAtMs: number;
  /** The loan disbursed on it, once there is one (an approval backs one loan). */
  loanNo?: string;
}

export function readLoanApproval(f: Fields): LoanApproval {
  const a: LoanApproval = {
    type: 'loan_approval',
    schema: 1,
    approvalNo: f.str('approvalNo', { pattern: APPROVAL_NO_PATTERN }),
    applicant: f.personHash('applicant'),
    lender: f.str('lender', { max: 100 }),
    amountCents: f.cents('amountCents'),
    termMonths: f.int('termMonths', { min: 1, max: 600 }),
    rateBp: f.int('rateBp', { max: 100_000 }),
    decision: f.oneOf('decision', LOAN_DECISIONS),
    decidedAtMs: f.int('decidedAtMs'),
  };
  return f.has('loanNo') ? { ...a, loanNo: f.str('loanNo', { pattern: APPROVAL_NO_PATTERN }) } : a;
}

/** Body of `finance.loan.approve`: the approval as recorded, without a loan (a loan links itself). */
export function readLoanApprovalBody(f: Fields): LoanApproval {
  if (f.has('loanNo')) throw invalidRecord(`${f.path}.loanNo`, 'a loan links itself to its approval when it is registered');
  return readLoanApproval(f);
}

/**
 * The last instant a loan started at `startMs` may mature under a term of `months` calendar months
 * (UTC; a day past the end of the shorter month is clamped by `Date`, which only lengthens the term).
 */
export function termEndMs(startMs: number, months: number): number {
  const d = new Date(startMs);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

export const LOAN_APPROVAL_RECORD_TYPE: RecordTypeSpec = {
  name: 'loan_approval',
  keyPrefix: 'loan_approval/',
  description: 'Loan approval: applicant hash, lender, amount, term, rate, decision, and the loan disbursed on it',
  indexes: ['holder'],
};

export const LOAN_APPROVAL_RECORD_LAYOUT: RecordLayout = {
  recordType: 'loan_approval',
  valueType: 'loan_approval',
  schema: 1,
  label: { zh: '贷款审批', en: 'Loan approval' },
  read: readLoanApproval,
  fields: {
    approvalNo: label('审批编号', 'Approval number', 'id'),
    applicant: label('申请人', 'Applicant', 'person_hash'),
    lender: label('贷款人', 'Lender'),
    amountCents: label('审批金额', 'Amount', 'money'),
    termMonths: label('期限（月）', 'Term (months)', 'integer'),
    rateBp: label('年利率', 'Annual rate', 'share_bp'),
    decision: label('审批结论', 'Decision', 'code', { values: codes({ approved: ['批准', 'approved'], declined: ['拒绝', 'declined'] }) }),
    decidedAtMs: label('审批时间', 'Decided at', 'time'),
    loanNo: label('放款合同编号', 'Loan disbursed', 'id'),
  },
};

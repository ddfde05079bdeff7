/**
 * Finance chain contracts: accounts, loans and their approvals, and the court actions on accounts
 * (credit cards: card-contract.ts).
 *
 * Rules, in the order they are checked (each refusal names its reason):
 * - `finance.loan.approve` records a bank's decision once (`record_exists`), for an amount above 0
 *   (`invalid_amount`).
 * - `finance.loan.register` disburses a loan on an approval (art. 24: the approval precedes the
 *   loan): none named or none recorded is `no_approval`, a declined one `approval_declined`, one
 *   of another applicant or lender `approval_mismatch`, one that already backs a loan
 *   `approval_used`, a loan starting before the decision `invalid_dates`, a principal above the
 *   approved amount or a maturity beyond its term `over_approval`. The approval then names
 *   the loan, so it backs no other.
 * - `freeze` freezes exactly `amount`; more than the available balance (balance - frozen) is
 *   refused with `insufficient_funds`. An order that accepts less says so by its kind:
 *   `freeze_available` freezes min(amount, available) and is refused only when nothing is
 *   available. A second freeze by the same order on the same account is `already_frozen`.
 * - `deduct` moves `amount` out of the freezes of the same case (oldest first) into the court's
 *   custody account `account/court-custody/<sha256(courtDid)>`; with no freeze of that case it is
 *   `not_frozen`, beyond what the case froze `insufficient_frozen`. Balance and frozen amount only
 *   go down by what is frozen, so never below zero; a consumed freeze is gone, so the same funds
 *   are never deducted twice (and the action id is executed once by the ledger).
 * - `release` lifts every freeze of the case on the account (`not_frozen` when there is none).
 * - `disburse` pays `amount` from the ordering court's custody account to the target account (a
 *   creditor's share of the deducted funds): an unknown target is `unknown_record`, a custody
 *   target `custody_account`, 0 cents `invalid_amount`, more than the custody account holds (or
 *   no custody account yet) `insufficient_custody`. The custody account is the court's, shared by
 *   its cases: that a payment stays within what ITS case deducted is the contract's rule check
 *   (src/workflows/enforcement/rule-check.ts `checkPayment`), and the action id runs once.
 * - `finance.withdraw` may not touch frozen funds (`insufficient_funds`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx, recordKey, type ActionInput } from '../sdk/definition.js';
import { centsString, mustRecord, parseCents, readRecord, readTyped, recordWrite, refuse } from '../sdk/record.js';
import { LOAN_APPROVAL_RECORD_TYPE, readLoanApproval, readLoanApprovalBody, termEndMs, type LoanApproval } from './loan-approval-schema.js';
import {
  FINANCE_ACTIONS,
  FINANCE_CHAIN_ID,
  FinanceTx,
  readAccount,
  readAccountOpen,
  readLoan,
  readLoanStatus,
  readTransfer,
  type Account,
  type Loan,
} from './schema.js';

const def = { chainId: FINANCE_CHAIN_ID, actions: FINANCE_ACTIONS };

export const accountKey = (accountNo: string): string => recordKey('account', accountNo);
export const loanKey = (loanNo: string): string => recordKey('loan', loanNo);
export const loanApprovalKey = (approvalNo: string): string => recordKey(LOAN_APPROVAL_RECORD_TYPE.name, approvalNo);

/** The custody account number of a court: `court-custody/<hex sha256(courtDid)>`. */
export function courtCustodyAccountNo(courtDid: string): string {
  return `court-custody/${toHex(sha256(utf8(courtDid)))}`;
}

function loadAccount(state: StateView, accountNo: string): Account {
  return mustRecord(state, accountKey(accountNo), 'account', 1, readAccount);
}

function writeAccount(a: Account): StateWrite {
  return recordWrite(accountKey(a.accountNo), a, [{ name: 'holder', value: a.holder }]);
}

function writeLoan(l: Loan): StateWrite {
  return recordWrite(loanKey(l.loanNo), l, [
    { name: 'borrower', value: l.borrower },
    { name: 'holder', value: l.borrower },
  ]);
}

function writeLoanApproval(a: LoanApproval): StateWrite {
  return recordWrite(loanApprovalKey(a.approvalNo), a, [{ name: 'holder', value: a.applicant }]);
}

/** The approval a new loan is disbursed on, checked against it (the rules above). */
function approvalFor(state: StateView, l: Loan): LoanApproval {
  if (l.approvalNo === undefined) throw refuse('no_approval', `loan ${l.loanNo} names no approval`);
  const a = readRecord(state, loanApprovalKey(l.approvalNo), 'loan_approval', 1, readLoanApproval);
  if (a === undefined) throw refuse('no_approval', `loan ${l.loanNo}: approval ${l.approvalNo} is not recorded`);
  if (a.decision !== 'approved') throw refuse('approval_declined', `loan ${l.loanNo}: approval ${a.approvalNo} was declined`);
  if (a.applicant !== l.borrower || a.lender !== l.lender)
    throw refuse('approval_mismatch', `loan ${l.loanNo}: approval ${a.approvalNo} is for another applicant or lender`);
  if (a.loanNo !== undefined) throw refuse('approval_used', `approval ${a.approvalNo} already backs loan ${a.loanNo}`);
  if (l.startMs < a.decidedAtMs)
    throw refuse('invalid_dates', `loan ${l.loanNo}: starts before its approval was decided`, ErrorCode.InvalidArgument);
  if (BigInt(l.principalCents) > BigInt(a.amountCents))
    throw refuse('over_approval', `loan ${l.loanNo}: principal ${l.principalCents} cents above the ${a.amountCents} approved`);
  if (l.maturityMs > termEndMs(l.startMs, a.termMonths))
    throw refuse('over_approval', `loan ${l.loanNo}: matures after the approved term of ${a.termMonths} months`);
  return a;
}

const available = (a: Account): bigint => BigInt(a.balanceCents) - BigInt(a.frozenCents);

/** Accounts and loans as their banks register them. */
export const financeRegistryContract: ContractHandler = {
  types: [
    FinanceTx.AccountOpen,
    FinanceTx.Deposit,
    FinanceTx.Withdraw,
    FinanceTx.LoanApprove,
    FinanceTx.LoanRegister,
    FinanceTx.LoanStatus,
  ],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case FinanceTx.AccountOpen: {
        const b = readTyped(tx.body, 'account_open', 'account_open', 1, readAccountOpen);
        if (state.get(accountKey(b.accountNo)) !== undefined)
          throw refuse('record_exists', `account ${b.accountNo} already exists`, ErrorCode.AlreadyExists);
        return [
          writeAccount({
            type: 'account',
            schema: 1,
            accountNo: b.accountNo,
            holder: b.holder,
            bank: b.bank,
            kind: b.kind,
            currency: 'CNY',
            balanceCents: b.balanceCents,
            frozenCents: '0',
            freezes: [],
            openedAtMs: ctx.timeMs,
          }),
        ];
      }
      case FinanceTx.Deposit:
      case FinanceTx.Withdraw: {
        const kind = tx.type === FinanceTx.Deposit ? 'deposit' : 'withdraw';
        const b = readTyped(tx.body, kind, kind, 1, readTransfer(kind));
        const a = loadAccount(state, b.accountNo);
        const amount = parseCents(b.amountCents, 'amountCents');
        if (kind === 'withdraw' && amount > available(a)) {
          throw refuse(
            'insufficient_funds',
            `account ${a.accountNo}: withdrawing ${amount} cents exceeds the available ${available(a)} (frozen funds cannot leave)`,
          );
        }
        const balance = kind === 'deposit' ? BigInt(a.balanceCents) + amount : BigInt(a.balanceCents) - amount;
        return [writeAccount({ ...a, balanceCents: centsString(balance, 'balanceCents') })];
      }
      case FinanceTx.LoanRegister: {
        const l = readTyped(tx.body, 'loan', 'loan', 1, readLoan);
        if (state.get(loanKey(l.loanNo)) !== undefined)
          throw refuse('record_exists', `loan ${l.loanNo} already exists`, ErrorCode.AlreadyExists);
        if (BigInt(l.outstandingCents) > BigInt(l.principalCents))
          throw refuse('invalid_amount', `loan ${l.loanNo}: outstanding exceeds principal`, ErrorCode.InvalidArgument);
        if (l.maturityMs < l.startMs)
          throw refuse('invalid_dates', `loan ${l.loanNo}: matures before it starts`, ErrorCode.InvalidArgument);
        const approval = approvalFor(state, l);
        return [writeLoan(l), writeLoanApproval({ ...approval, loanNo: l.loanNo })];
      }
      case FinanceTx.LoanApprove: {
        const a = readTyped(tx.body, 'loan_approval', 'loan_approval', 1, readLoanApprovalBody);
        if (state.get(loanApprovalKey(a.approvalNo)) !== undefined)
          throw refuse('record_exists', `loan approval ${a.approvalNo} already exists`, ErrorCode.AlreadyExists);
        if (parseCents(a.amountCents, 'amountCents') === 0n)
          throw refuse('invalid_amount', `loan approval ${a.approvalNo}: an amount of 0 cents`, ErrorCode.InvalidArgument);
        return [writeLoanApproval(a)];
      }
      case FinanceTx.LoanStatus: {
        const b = readTyped(tx.body, 'loan_status', 'loan_status', 1, readLoanStatus);
        const l = mustRecord(state, loanKey(b.loanNo), 'loan', 1, readLoan);
        if (l.status === 'settled') throw refuse('invalid_transition', `loan ${l.loanNo} is settled`);
        if (BigInt(b.outstandingCents) > BigInt(l.principalCents))
          throw refuse('invalid_amount', `loan ${l.loanNo}: outstanding exceeds principal`, ErrorCode.InvalidArgument);
        return [writeLoan({ ...l, status: b.status, outstandingCents: b.outstandingCents })];
      }
      default:
        throw refuse('unknown_tx_type', `finance registry does not handle ${tx.type}`, ErrorCode.InvalidArgument);
    }
  },
};

function freeze(a: Account, action: ActionInput, mode: 'exact' | 'available', timeMs: number): StateWrite[] {
  if (a.kind === 'custody') throw refuse('custody_account', `account ${a.accountNo} is a court custody account`);
  if (a.freezes.some((f) => f.orderId === action.orderId))
    throw refuse('already_frozen', `order ${action.orderId} already froze account ${a.accountNo}`);
  const requested = parseCents(action.amount, 'amount');
  if (requested === 0n) throw refuse('invalid_amount', 'a freeze of 0 cents freezes nothing', ErrorCode.InvalidArgument);
  const free = available(a);
  if (free === 0n || (mode === 'exact' && requested > free)) {
    throw refuse(
      'insufficient_funds',
      `account ${a.accountNo}: ${requested} cents requested, ${free} available (balance ${a.balanceCents}, frozen ${a.frozenCents})`,
    );
  }
  // biome-ignore lint/complexity/useMathMinMax: cents are bigint, which Math.min does not take
  const amount = requested < free ? requested : free;
  const entry = { orderId: action.orderId, caseId: action.caseId, court: action.court, amountCents: amount.toString(), sinceMs: timeMs };
  return [writeAccount({ ...a, frozenCents: centsString(BigInt(a.frozenCents) + amount), freezes: [...a.freezes, entry] })];
}

function deduct(state: StateView, a: Account, action: ActionInput, timeMs: number): StateWrite[] {
  const mine = a.freezes.filter((f) => f.caseId === action.caseId);
  if (mine.length === 0) throw refuse('not_frozen', `account ${a.accountNo} holds no freeze of case ${action.caseId}`);
  let want = parseCents(action.amount, 'amount');
  if (want === 0n) throw refuse('invalid_amount', 'a deduction of 0 cents moves nothing', ErrorCode.InvalidArgument);
  const held = mine.reduce((s, f) => s + BigInt(f.amountCents), 0n);
  if (want > held)
    throw refuse('insufficient_frozen', `account ${a.accountNo}: case ${action.caseId} froze ${held} cents, ${want} requested`);
  const amount = want;
  const freezes = a.freezes.flatMap((f) => {
    if (f.caseId !== action.caseId || want === 0n) return [f];
    const take = BigInt(f.amountCents) < want ? BigInt(f.amountCents) : want;
    want -= take;
    const left = BigInt(f.amountCents) - take;
    return left === 0n ? [] : [{ ...f, amountCents: left.toString() }];
  });
  const debited: Account = {
    ...a,
    balanceCents: centsString(BigInt(a.balanceCents) - amount, 'balanceCents'),
    frozenCents: centsString(BigInt(a.frozenCents) - amount, 'frozenCents'),
    freezes,
  };
  const custodyNo = courtCustodyAccountNo(action.court);
  const custody: Account = readRecord(state, accountKey(custodyNo), 'account', 1, readAccount) ?? {
    type: 'account',
    schema: 1,
    accountNo: custodyNo,
    holder: custodyNo.slice('court-custody/'.length),
    bank: 'court custody',
    kind: 'custody',
    currency: 'CNY',
    balanceCents: '0',
    frozenCents: '0',
    freezes: [],
    openedAtMs: timeMs,
  };
  return [writeAccount(debited), writeAccount({ ...custody, balanceCents: centsString(BigInt(custody.balanceCents) + amount) })];
}

function disburse(state: StateView, payee: Account, action: ActionInput): StateWrite[] {
  if (payee.kind === 'custody') throw refuse('custody_account', `account ${payee.accountNo} is a court custody account, not a payee`);
  const amount = parseCents(action.amount, 'amount');
  if (amount === 0n) throw refuse('invalid_amount', 'a payment of 0 cents pays nothing', ErrorCode.InvalidArgument);
  const custodyNo = courtCustodyAccountNo(action.court);
  const custody = readRecord(state, accountKey(custodyNo), 'account', 1, readAccount);
  const held = custody === undefined ? 0n : BigInt(custody.balanceCents);
  if (custody === undefined || amount > held)
    throw refuse('insufficient_custody', `the custody account of ${action.court} holds ${held} cents, ${amount} requested`);
  return [
    writeAccount({ ...custody, balanceCents: centsString(held - amount, 'balanceCents') }),
    writeAccount({ ...payee, balanceCents: centsString(BigInt(payee.balanceCents) + amount) }),
  ];
}

/** The court actions: freeze, freeze_available, deduct, release, disburse. */
export const financeActionContract: ContractHandler = {
  types: [FinanceTx.Freeze, FinanceTx.FreezeAvailable, FinanceTx.Deduct, FinanceTx.Release, FinanceTx.Disburse],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    const action = decodeActionTx(def, tx);
    const a = loadAccount(state, action.target);
    switch (action.kind) {
      case 'freeze':
        return freeze(a, action, 'exact', ctx.timeMs);
      case 'freeze_available':
        return freeze(a, action, 'available', ctx.timeMs);
      case 'deduct':
        return deduct(state, a, action, ctx.timeMs);
      case 'disburse':
        return disburse(state, a, action);
      case 'release': {
        const lifted = a.freezes.filter((f) => f.caseId === action.caseId);
        if (lifted.length === 0) throw refuse('not_frozen', `account ${a.accountNo} holds no freeze of case ${action.caseId}`);
        const amount = lifted.reduce((s, f) => s + BigInt(f.amountCents), 0n);
        return [
          writeAccount({
            ...a,
            frozenCents: centsString(BigInt(a.frozenCents) - amount),
            freezes: a.freezes.filter((f) => f.caseId !== action.caseId),
          }),
        ];
      }
      default:
        throw refuse('unknown_action', `finance has no action ${action.kind}`, ErrorCode.InvalidArgument);
    }
  },
};

/**
 * Credit cards and loan approvals on the finance chain (adapters/finance/card-contract.ts, contract.ts):
 * every accept path and every refusal with its reason, records proven by membership and absence, and
 * the enforcement's finance profile skipping cards, loans and approvals (debts, not assets).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { finance } from '../../../adapters/finance/definition.js';
import { cardKey } from '../../../adapters/finance/card-contract.js';
import { CARD_GRACE_DAYS, CARD_REPAYMENTS_KEPT, DAY_MS } from '../../../adapters/finance/card-schema.js';
import { loanApprovalKey, loanKey } from '../../../adapters/finance/contract.js';
import { financeProfile, investigatedAsset } from '../../../src/workflows/enforcement/asset-profiles.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { readTyped } from '../../../adapters/sdk/record.js';
import { readLoan } from '../../../adapters/finance/schema.js';
import { openLedger, proveAbsent, proveMember, refused, run, tx } from './harness.js';

const HOLDER = DEMO_CAST.creditor.idHash;
const OTHER = DEMO_CAST.debtor.idHash;
const CARD = '6225880000000001';
const T0 = Date.UTC(2024, 0, 1);
const card = (type: string, body: object) => tx(`finance.card.${type}`, { type: `card_${type}`, schema: 1, cardNo: CARD, ...body });
const approveCard = (limitCents = '1000000', extra: object = {}) =>
  card('approve', { holder: HOLDER, bank: '招商银行', approvedAtMs: T0, limitCents, ...extra });
const charge = (amountCents: string, atMs = T0 + DAY_MS) => card('charge', { amountCents, atMs });
const repay = (amountCents: string, atMs = T0 + 2 * DAY_MS) => card('repay', { amountCents, atMs });
const limit = (limitCents: string, atMs = T0 + 3 * DAY_MS) => card('limit', { limitCents, atMs });
const markDefault = (atMs: number) => card('default', { atMs });
/** The due date of a first charge at T0 + 1 day. */
const DUE = T0 + DAY_MS + CARD_GRACE_DAYS * DAY_MS;

describe('credit cards', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(finance);
    await run(l, approveCard());
  });

  it('an approval opens the card, proven; filed under its holder; an unknown card is proven absent', () => {
    expect(proveMember(l, cardKey(CARD))).toEqual({
      type: 'card',
      schema: 1,
      cardNo: CARD,
      holder: HOLDER,
      bank: '招商银行',
      approval: { approvedAtMs: T0, limitCents: '1000000' },
      balanceCents: '0',
      dueAtMs: 0,
      repaidCents: '0',
      repayments: [],
      status: 'normal',
      overdueDays: 0,
      updatedAtMs: T0,
    });
    expect(l.lookup('holder', HOLDER)).toEqual([cardKey(CARD)]);
    proveAbsent(l, cardKey('6225880000000002'));
  });

  it('charges up to the limit exactly, and starts the payment period on a clear card', async () => {
    await run(l, charge('400000'));
    await run(l, charge('600000', T0 + 10 * DAY_MS));
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ balanceCents: '1000000', dueAtMs: DUE, updatedAtMs: T0 + 10 * DAY_MS });
  });

  it('refuses a charge over the limit (over_limit), leaving the balance as it was', async () => {
    await run(l, charge('999999'));
    await refused(run(l, charge('2', T0 + 2 * DAY_MS)), 'over_limit');
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ balanceCents: '999999' });
  });

  it('repays part, then all: the repayments are recorded, nothing is due once paid', async () => {
    await run(l, charge('500000'));
    await run(l, repay('200000'));
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ balanceCents: '300000', dueAtMs: DUE, repaidCents: '200000' });
    await run(l, repay('300000', T0 + 3 * DAY_MS));
    expect(proveMember(l, cardKey(CARD))).toMatchObject({
      balanceCents: '0',
      dueAtMs: 0,
      repaidCents: '500000',
      repayments: [
        { amountCents: '200000', atMs: T0 + 2 * DAY_MS },
        { amountCents: '300000', atMs: T0 + 3 * DAY_MS },
      ],
    });
  });

  it(`keeps the latest ${CARD_REPAYMENTS_KEPT} repayments on the record, and every one in the total`, async () => {
    await run(l, charge('1000000'));
    const n = CARD_REPAYMENTS_KEPT + 2;
    for (let i = 0; i < n; i++) l.submit(repay('100', T0 + 2 * DAY_MS + i)).catch(() => undefined);
    l.produceBlock();
    const c = proveMember(l, cardKey(CARD));
    expect(c).toMatchObject({ balanceCents: String(1_000_000 - 100 * n), repaidCents: String(100 * n) });
    const kept = c['repayments'] as { atMs: number }[];
    expect(kept).toHaveLength(CARD_REPAYMENTS_KEPT);
    expect(kept[0]!.atMs).toBe(T0 + 2 * DAY_MS + 2);
    expect(kept.at(-1)!.atMs).toBe(T0 + 2 * DAY_MS + n - 1);
  });

  it('refuses a repayment of more than is owed (overpayment)', async () => {
    await run(l, charge('500000'));
    await refused(run(l, repay('500001')), 'overpayment');
    await refused(run(l, repayOn('6225880000000009')), 'unknown_record');
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ balanceCents: '500000', repayments: [] });
  });

  it('changes the limit, never below what is owed (limit_below_balance)', async () => {
    await run(l, charge('500000'));
    await run(l, limit('3000000'));
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ approval: { approvedAtMs: T0, limitCents: '3000000' } });
    await refused(run(l, limit('499999', T0 + 4 * DAY_MS)), 'limit_below_balance');
    await run(l, limit('500000', T0 + 4 * DAY_MS));
    await refused(run(l, charge('1', T0 + 5 * DAY_MS)), 'over_limit');
  });

  it('marks a default only past due, with the days overdue; then no charge nor limit change, repayment still', async () => {
    await run(l, charge('500000'));
    // Due at DUE: on the due date and within the first day past it, nothing is overdue by a day.
    await refused(run(l, markDefault(DUE)), 'not_overdue');
    await refused(run(l, markDefault(DUE + DAY_MS - 1)), 'not_overdue');
    await run(l, markDefault(DUE + 95 * DAY_MS + 5));
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ status: 'default', overdueDays: 95, balanceCents: '500000' });
    await refused(run(l, markDefault(DUE + 96 * DAY_MS)), 'invalid_transition');
    await refused(run(l, charge('1', DUE + 96 * DAY_MS)), 'card_in_default');
    await refused(run(l, limit('2000000', DUE + 96 * DAY_MS)), 'card_in_default');
    await run(l, repay('500000', DUE + 97 * DAY_MS));
    // Paid in full: nothing is due any more, and the default stays on the record.
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ status: 'default', overdueDays: 95, balanceCents: '0', dueAtMs: 0 });
  });

  it('refuses a default on a card that owes nothing (not_overdue)', async () => {
    await refused(run(l, markDefault(T0 + 400 * DAY_MS)), 'not_overdue');
    await run(l, charge('1000'));
    await run(l, repay('1000'));
    await refused(run(l, markDefault(T0 + 400 * DAY_MS)), 'not_overdue');
    expect(proveMember(l, cardKey(CARD))).toMatchObject({ status: 'normal', overdueDays: 0 });
  });

  const refusals: { name: string; make: () => ReturnType<typeof tx>; reason: string }[] = [
    { name: 'a second approval of the same card', make: () => approveCard('2000000'), reason: 'record_exists' },
    { name: 'an approval with a limit of 0', make: () => approveCard('0', { cardNo: '6225880000000003' }), reason: 'invalid_amount' },
    {
      name: 'an approval naming the holder in clear',
      make: () => approveCard('100', { cardNo: '6225880000000004', holder: '110105198507120023' }),
      reason: 'invalid_record',
    },
    { name: 'a card number with letters', make: () => approveCard('100', { cardNo: '62258800000000AB' }), reason: 'invalid_record' },
    { name: 'a charge of 0', make: () => charge('0'), reason: 'invalid_amount' },
    { name: 'a charge dated before the approval', make: () => charge('1', T0 - 1), reason: 'invalid_dates' },
    { name: 'a charge on an unknown card', make: () => repayOn('6225880000000005', 'charge'), reason: 'unknown_record' },
    { name: 'a repayment of 0', make: () => repay('0'), reason: 'invalid_amount' },
    { name: 'a limit of 0', make: () => limit('0'), reason: 'invalid_amount' },
    { name: 'an amount as a number', make: () => card('charge', { amountCents: 100, atMs: T0 + DAY_MS }), reason: 'invalid_record' },
    { name: 'an unknown field', make: () => card('charge', { amountCents: '1', atMs: T0 + DAY_MS, note: 'x' }), reason: 'invalid_record' },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} (${r.reason})`, async () => {
      await refused(run(l, r.make()), r.reason);
      expect(proveMember(l, cardKey(CARD))).toMatchObject({ balanceCents: '0', approval: { limitCents: '1000000' } });
    });
  }
});

/** A card tx of another card number. */
function repayOn(cardNo: string, type: 'repay' | 'charge' = 'repay') {
  return tx(`finance.card.${type}`, { type: `card_${type}`, schema: 1, cardNo, amountCents: '1', atMs: T0 + DAY_MS });
}

describe('loan approvals: a loan is disbursed on one, within it', () => {
  let l: DevLedger;
  const START = Date.UTC(2024, 2, 1);
  const approval = (approvalNo: string, extra: object = {}) =>
    tx('finance.loan.approve', {
      type: 'loan_approval',
      schema: 1,
      approvalNo,
      applicant: HOLDER,
      lender: '招商银行',
      amountCents: '50000000',
      termMonths: 36,
      rateBp: 435,
      decision: 'approved',
      decidedAtMs: START - 10 * DAY_MS,
      ...extra,
    });
  const loan = (loanNo: string, approvalNo: string | undefined, extra: object = {}) =>
    tx('finance.loan.register', {
      type: 'loan',
      schema: 1,
      loanNo,
      borrower: HOLDER,
      lender: '招商银行',
      principalCents: '50000000',
      outstandingCents: '50000000',
      status: 'performing',
      startMs: START,
      maturityMs: Date.UTC(2027, 2, 1),
      ...(approvalNo === undefined ? {} : { approvalNo }),
      ...extra,
    });
  beforeEach(async () => {
    l = openLedger(finance);
    await run(l, approval('AP-0001'));
    await run(l, approval('AP-DECLINED', { decision: 'declined' }));
  });

  it('disburses a loan up to the approved amount and term; the approval then names it; both filed under the person', async () => {
    await run(l, loan('LN-0001', 'AP-0001'));
    expect(proveMember(l, loanKey('LN-0001'))).toMatchObject({ type: 'loan', borrower: HOLDER, approvalNo: 'AP-0001' });
    expect(proveMember(l, loanApprovalKey('AP-0001'))).toMatchObject({
      decision: 'approved',
      rateBp: 435,
      termMonths: 36,
      loanNo: 'LN-0001',
    });
    expect(l.lookup('holder', HOLDER)).toEqual([loanKey('LN-0001'), loanApprovalKey('AP-0001'), loanApprovalKey('AP-DECLINED')].sort());
    expect(l.lookup('borrower', HOLDER)).toEqual([loanKey('LN-0001')]);
    // An approval declined is recorded too, without a loan.
    expect(proveMember(l, loanApprovalKey('AP-DECLINED'))).not.toHaveProperty('loanNo');
  });

  const refusals: { name: string; make: () => ReturnType<typeof tx>; reason: string }[] = [
    { name: 'a loan without an approval', make: () => loan('LN-XXXX', undefined), reason: 'no_approval' },
    { name: 'a loan on an approval never recorded', make: () => loan('LN-XXXX', 'AP-9999'), reason: 'no_approval' },
    { name: 'a loan on a declined approval', make: () => loan('LN-XXXX', 'AP-DECLINED'), reason: 'approval_declined' },
    {
      name: 'a loan above the approved amount',
      make: () => loan('LN-XXXX', 'AP-0001', { principalCents: '50000001' }),
      reason: 'over_approval',
    },
    {
      name: 'a loan beyond the approved term',
      make: () => loan('LN-XXXX', 'AP-0001', { maturityMs: Date.UTC(2027, 2, 1) + 1 }),
      reason: 'over_approval',
    },
    {
      name: 'a loan to someone else than the applicant',
      make: () => loan('LN-XXXX', 'AP-0001', { borrower: OTHER }),
      reason: 'approval_mismatch',
    },
    { name: 'a loan from another lender', make: () => loan('LN-XXXX', 'AP-0001', { lender: '中国银行' }), reason: 'approval_mismatch' },
    {
      name: 'a loan starting before the decision',
      make: () => loan('LN-XXXX', 'AP-0001', { startMs: START - 11 * DAY_MS }),
      reason: 'invalid_dates',
    },
    { name: 'a second approval with the same number', make: () => approval('AP-0001'), reason: 'record_exists' },
    { name: 'an approval of 0 cents', make: () => approval('AP-0002', { amountCents: '0' }), reason: 'invalid_amount' },
    { name: 'an approval that names a loan itself', make: () => approval('AP-0003', { loanNo: 'LN-0001' }), reason: 'invalid_record' },
    { name: 'an approval with the applicant in clear', make: () => approval('AP-0004', { applicant: 'Li Na' }), reason: 'invalid_record' },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} (${r.reason})`, async () => {
      await refused(run(l, r.make()), r.reason);
      proveAbsent(l, loanKey('LN-XXXX'));
      expect(proveMember(l, loanApprovalKey('AP-0001'))).not.toHaveProperty('loanNo');
    });
  }

  it('refuses a second loan on a used approval (approval_used)', async () => {
    await run(l, loan('LN-0001', 'AP-0001', { principalCents: '20000000', outstandingCents: '20000000' }));
    await refused(run(l, loan('LN-0002', 'AP-0001', { principalCents: '20000000', outstandingCents: '20000000' })), 'approval_used');
    proveAbsent(l, loanKey('LN-0002'));
  });

  it('a loan stored before approvals were recorded (no approvalNo) still reads, byte for byte', () => {
    const old = {
      type: 'loan',
      schema: 1,
      loanNo: 'LN-OLD-01',
      borrower: HOLDER,
      lender: '招商银行',
      principalCents: '100',
      outstandingCents: '100',
      status: 'performing',
      startMs: 1,
      maturityMs: 2,
    };
    const bytes = encodeCanonical(old);
    const read = readTyped(bytes, 'loan', 'loan', 1, readLoan);
    expect(read).toEqual(old);
    expect(encodeCanonical(read)).toEqual(bytes);
    expect(finance.recordTypes.find((r) => r.name === 'loan')!.indexes).toEqual(['borrower', 'holder']);
  });
});

describe('the seeded finance chain', () => {
  it("holds the demo debtor's card: in default, 122 days overdue, 9,800.00 元 owed; proven", async () => {
    const l = openLedger(finance);
    await loadSeed(l, seedChain('finance', { records: 40, seed: 'finance-credit' }));
    const c = DEMO_CAST.debtor.card;
    expect(proveMember(l, c.key)).toMatchObject({
      holder: DEMO_CAST.debtor.idHash,
      bank: c.bank,
      approval: { limitCents: c.limitCents },
      balanceCents: c.balanceCents,
      status: 'default',
      overdueDays: c.overdueDays,
      repaidCents: '300000',
    });
    // Every seeded loan rests on an approval that names it.
    const loans = seedChain('finance', { records: 40, seed: 'finance-credit' }).filter((t) => t.type === 'finance.loan.register');
    expect(loans.length).toBeGreaterThan(0);
    for (const t of loans.slice(0, 10)) {
      const body = JSON.parse(new TextDecoder().decode(t.body)) as { loanNo: string; approvalNo: string };
      expect(proveMember(l, loanApprovalKey(body.approvalNo))).toMatchObject({ loanNo: body.loanNo });
    }
  });
});

describe("the enforcement's finance profile: cards, loans and approvals are not assets", () => {
  it('skips them and values an account at its available balance', async () => {
    const l = openLedger(finance);
    await loadSeed(l, seedChain('finance', { records: 20, seed: 'profile' }));
    const debtor = DEMO_CAST.debtor.idHash;
    const keys = l.lookup('holder', debtor);
    expect(keys).toContain(DEMO_CAST.debtor.card.key);
    const assets = keys.flatMap((key) => {
      const p = l.prove(key);
      const a = investigatedAsset(financeProfile, { chainId: 'finance', ...p }, debtor);
      return a === undefined ? [] : [[a.recordType, a.target, a.valueCents]];
    });
    const accounts = [...DEMO_CAST.debtor.accounts].sort((x, y) => x.key.localeCompare(y.key));
    expect(assets).toEqual(accounts.map((a) => ['account', a.accountNo, BigInt(a.balanceCents)]));
    const value = (o: object) => encodeCanonical(o);
    expect(financeProfile.assess(DEMO_CAST.debtor.card.key, value({ balanceCents: '980000' }), debtor)).toBeUndefined();
    expect(financeProfile.assess(loanKey('LN-1'), value({ principalCents: '1' }), debtor)).toBeUndefined();
    expect(financeProfile.assess(loanApprovalKey('AP-1'), value({ amountCents: '1' }), debtor)).toBeUndefined();
  });
});

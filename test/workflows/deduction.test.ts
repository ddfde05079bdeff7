/**
 * Automatic deduction (rule-check.ts `DEDUCTION_RULE`): frozen funds are deducted to the court's
 * custody account once the period for voluntary payment after freezing has passed, then paid
 * out to the creditor's account (distribution.ts); the payment counts as performance on the
 * judicial chain and closes the case. The rule check
 * refuses every deduction outside the rule, each with its reason (table with a malleate step).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import type { ActionRecordJson, CaseStateJson } from '../../src/workflows/enforcement/case-state.js';
import { outstandingCents } from '../../src/workflows/enforcement/case-state.js';
import { checkDeduction, type EnforcementPolicy } from '../../src/workflows/enforcement/rule-check.js';
import { accountKey, courtCustodyAccountNo } from '../../adapters/finance/contract.js';
import { agreementFor, COURT, CREDITOR, DAY, DEBTOR, makeWorld, T0, type World } from './fixtures/world.js';

const PERIOD = 15 * DAY;

describe('automatic deduction of frozen funds', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => {
    await w.close();
  });
  const rec = async (chain: keyof World['backends'], key: string): Promise<Record<string, unknown> | null> => {
    const r = await w.backends[chain].queryRecord(key, { kind: 'latest' });
    return r.value === null ? null : (decodeCanonicalObject(r.value, key) as Record<string, unknown>);
  };

  it('waits out the period after freezing, deducts exactly the debt to custody, pays it to the creditor, reports it as performance and closes', async () => {
    const e = w.engine(undefined, { deductAfterMs: PERIOD });
    const payee = CREDITOR.account;
    const { agreement, signature } = agreementFor('D-1', '10000000', T0 + 30 * DAY, { payeeAccount: payee.accountNo });
    const payeeBefore = (await rec('finance', payee.key)) as { balanceCents: string };
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 30 * DAY);
    await e.tick();
    const before0 = (await rec('finance', DEBTOR.accounts[0].key)) as { balanceCents: string };
    w.clock.set(T0 + 30 * DAY + PERIOD - 1);
    expect(await e.tick()).toEqual({ steps: [] });
    w.clock.set(T0 + 30 * DAY + PERIOD);
    await e.tick();
    const s = await e.getCase('D-1');
    const deducts = Object.values(s.actions).filter((a) => a.step === 'deduct');
    expect(deducts.map((a) => [a.target, a.amountCents, a.status])).toEqual([
      [DEBTOR.accounts[1].accountNo, '3500000', 'executed'],
      [DEBTOR.accounts[0].accountNo, '6500000', 'executed'],
    ]);
    expect(s.phase).toBe('satisfied');
    expect(outstandingCents(s)).toBe(0n);
    // The money moved: nothing stays frozen for the case, the custody account holds the debt.
    expect(await rec('finance', DEBTOR.accounts[0].key)).toMatchObject({
      frozenCents: '0',
      balanceCents: (BigInt(before0.balanceCents) - 6_500_000n).toString(),
    });
    expect(await rec('finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '0' });
    // Deducted into custody, then paid out of it to the creditor's account, to the cent
    // (deliberate change: the deduction is no longer credited as performance by itself).
    expect(await rec('finance', accountKey(courtCustodyAccountNo(COURT.did)))).toMatchObject({ balanceCents: '0', kind: 'custody' });
    expect(await rec('finance', payee.key)).toMatchObject({ balanceCents: (BigInt(payeeBefore.balanceCents) + 10_000_000n).toString() });
    const payments = Object.values(s.actions).filter((a) => a.step === 'disburse');
    expect(payments.map((a) => [a.kind, a.target, a.amountCents, a.pays, a.status])).toEqual([
      ['disburse', payee.accountNo, '10000000', '1', 'executed'],
    ]);
    expect(s.enforcement!.distribution).toMatchObject({ availableCents: '10000000', verdict: 'paid_in_full' });
    // Counted as performance on the judicial chain, by the payment.
    const ag = await w.judicial.prove('agreement/D-1');
    expect(decodeCanonicalObject(ag.value!)).toMatchObject({ status: 'performed' });
    const events = (await e.auditEntries('D-1')).map((x) => x.body.event);
    expect(events.slice(-7)).toEqual([
      'deduction_planned',
      'action_executed',
      'action_executed',
      'distribution_planned',
      'action_executed',
      'release_planned',
      'enforcement_closed',
    ]);
    const detail = (await e.auditEntries('D-1')).find((x) => x.body.event === 'action_executed' && x.body.detail.includes(': deduct '))!
      .body.detail;
    expect(detail).toContain(
      'rules passed: legal_basis_recorded,freeze_executed,deduction_period_passed,within_amount_cap,within_frozen,within_outstanding',
    );
    verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('D-1'))));
  }, 60_000);

  it('an obligation naming no payee account: its share stays in custody, nothing is credited, the case stays open', async () => {
    const e = w.engine(undefined, { deductAfterMs: PERIOD });
    const { agreement, signature } = agreementFor('D-2', '10000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 30 * DAY);
    await e.tick();
    w.clock.set(T0 + 30 * DAY + PERIOD);
    await e.tick();
    const s = await e.getCase('D-2');
    expect(s.phase).toBe('enforcing');
    expect(outstandingCents(s)).toBe(10_000_000n);
    expect(s.enforcement!.distribution!.shares).toEqual([
      { obligationId: '1', rank: 'ordinary', amountCents: '10000000', chainId: 'finance' },
    ]);
    expect(Object.values(s.actions).some((a) => a.step === 'disburse')).toBe(false);
    expect(await rec('finance', accountKey(courtCustodyAccountNo(COURT.did)))).toMatchObject({ balanceCents: '10000000' });
    const last = (await e.auditEntries('D-2')).at(-1)!.body;
    expect(last.event).toBe('distribution_planned');
    expect(last.detail).toContain('未指定收款账户，留存专户');
    w.clock.set(T0 + 300 * DAY);
    expect(await e.tick()).toEqual({ steps: [] });
  }, 60_000);

  it('without a deduction period nothing is deducted', async () => {
    const e = w.engine();
    const { agreement, signature } = agreementFor('D-0', '10000000', T0 + DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + DAY);
    await e.tick();
    w.clock.set(T0 + 400 * DAY);
    expect(await e.tick()).toEqual({ steps: [] });
    expect(Object.values((await e.getCase('D-0')).actions).some((a) => a.step === 'deduct')).toBe(false);
  });

  describe('rule check of a deduction', () => {
    const policy: EnforcementPolicy = { maxOrderCents: 5_000_000n, legalBasis: 'CPL', orderLifetimeMs: 60_000, deductAfterMs: PERIOD };
    const freeze: ActionRecordJson = {
      actionId: 'f1',
      orderId: 'o-f1',
      step: 'freeze',
      domain: 'finance',
      chainId: 'finance',
      kind: 'freeze',
      recordType: 'account',
      target: 'acct',
      amountCents: '4000000',
      coversCents: '4000000',
      basisBundle: 'b',
      legalBasis: 'CPL',
      status: 'executed',
      executedAtMs: T0,
    };
    const deduct: ActionRecordJson = {
      ...freeze,
      actionId: 'd1',
      orderId: 'o-d1',
      step: 'deduct',
      kind: 'deduct',
      amountCents: '4000000',
      deducts: 'f1',
      status: 'planned',
    };
    const state = (): CaseStateJson => ({
      schema: 1,
      caseId: 'R',
      agreementHex: '',
      signatureHex: '',
      courtDid: COURT.did,
      creditorHash: '',
      obligations: [],
      phase: 'enforcing',
      reports: [],
      actions: { f1: structuredClone(freeze) },
      audit: { nextSequence: 1, headHash: '' },
      bundles: {},
      enforcement: {
        enforcementCaseId: 'enf-R',
        debtorHash: '',
        debtCents: '9000000',
        filedAtMs: T0,
        recordHex: '',
        filed: true,
        deductAfterMs: PERIOD,
      },
    });
    type Case = { name: string; malleate: (s: CaseStateJson, d: ActionRecordJson) => { owed?: bigint; now?: number }; reason: string };
    const cases: Case[] = [
      {
        name: 'no legal basis',
        malleate: (_s, d) => {
          d.legalBasis = ' ';
          return {};
        },
        reason: 'legal_basis_missing',
      },
      {
        name: 'no such freeze',
        malleate: (_s, d) => {
          d.deducts = 'nope';
          return {};
        },
        reason: 'deduct_without_freeze',
      },
      {
        name: 'freeze not executed',
        malleate: (s) => {
          s.actions.f1!.status = 'ordering';
          return {};
        },
        reason: 'deduct_without_freeze',
      },
      {
        name: 'freeze on another account',
        malleate: (_s, d) => {
          d.target = 'other';
          return {};
        },
        reason: 'deduct_without_freeze',
      },
      { name: 'before the period ends', malleate: () => ({ now: T0 + PERIOD - 1 }), reason: 'deduct_too_early' },
      {
        name: 'no deduction period in force',
        malleate: (s) => {
          delete s.enforcement!.deductAfterMs;
          return {};
        },
        reason: 'deduct_too_early',
      },
      {
        name: 'above the cap',
        malleate: (s, d) => {
          s.actions.f1!.amountCents = '6000000';
          d.amountCents = '6000000';
          return {};
        },
        reason: 'amount_cap_exceeded',
      },
      {
        name: 'more than was frozen',
        malleate: (_s, d) => {
          d.amountCents = '4000001';
          return {};
        },
        reason: 'deduct_beyond_frozen',
      },
      {
        name: 'the freeze already deducted',
        malleate: (s, d) => {
          s.actions.d0 = { ...d, actionId: 'd0', amountCents: '1', status: 'executed' };
          return {};
        },
        reason: 'deduct_beyond_frozen',
      },
      { name: 'more than is still owed', malleate: () => ({ owed: 3_999_999n }), reason: 'deduct_beyond_debt' },
    ];
    it('passes within the rule', () => {
      expect(checkDeduction(state(), structuredClone(deduct), policy, 9_000_000n, T0 + PERIOD).passed).toContain('within_frozen');
    });
    for (const c of cases) {
      it(`refuses: ${c.name}`, () => {
        const s = state();
        const d = structuredClone(deduct);
        const o = c.malleate(s, d);
        expect(() => checkDeduction(s, d, policy, o.owed ?? 9_000_000n, o.now ?? T0 + PERIOD)).toThrow(
          expect.objectContaining({ reason: c.reason }),
        );
      });
    }
  });
});

/**
 * Distribution of deducted funds, end to end in process (dev ledgers, real adapters, real
 * signatures): a judgment with creditors of different ranks -> freeze -> deduct into the court's
 * custody account -> distribution by rank, pro rata within a rank -> one finance `disburse` per
 * share to the payee account the judgment names -> each payment credited to its obligation on
 * the judicial chain -> release and close. Restarts at every step boundary apply every effect
 * once; a forged or over-limit payment is refused by the rule check (`checkPayment`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountKey, courtCustodyAccountNo } from '../../adapters/finance/contract.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { performanceKey } from '../../src/judicial/record-keys.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import type { Obligation } from '../../src/workflows/enforcement/agreement.js';
import type { ActionRecordJson, CaseStateJson } from '../../src/workflows/enforcement/case-state.js';
import { outstandingCents } from '../../src/workflows/enforcement/case-state.js';
import { signInstrument } from '../../src/workflows/enforcement/instrument.js';
import { checkPayment, type EnforcementPolicy } from '../../src/workflows/enforcement/rule-check.js';
import type { ActionOrderer } from '../../src/workflows/ports.js';
import { proveMember } from '../adapters/contracts/harness.js';
import { COURT, CREDITOR, DAY, DEBTOR, makeWorld, T0, type World } from './fixtures/world.js';

const PERIOD = 15 * DAY;
const DUE = T0 + 30 * DAY;
const ACC_A = CREDITOR.account;
const ACC_B = '6216610100008888001';
const ACC_C = '6216610100008888002';
const CUSTODY = accountKey(courtCustodyAccountNo(COURT.did));
const debtor = fromHex(DEBTOR.idHash);
const creditorA = fromHex(CREDITOR.idHash);
// Test-only party hashes (32 bytes; never an id in clear).
const creditorB = sha256(utf8('test creditor B'));
const creditorC = sha256(utf8('test creditor C'));

/** A judgment: the debtor owes A (secured), B and C (ordinary) the given amounts. */
function judgment(caseId: string, a: string, b: string, c: string) {
  const ob = (id: string, obligee: Uint8Array, amount: string, extra: Partial<Obligation>): Obligation => ({
    obligationId: id,
    obligorIdHash: debtor,
    obligeeIdHash: obligee,
    amount,
    description: `judgment debt to creditor ${id}`,
    dueAtMs: DUE,
    ...extra,
  });
  return signInstrument(COURT, {
    kind: 'judgment',
    caseId,
    documentHash: sha256(utf8(`judgment of ${caseId}`)),
    parties: [
      { partyIdHash: debtor, role: 'obligor' },
      { partyIdHash: creditorA, role: 'obligee' },
      { partyIdHash: creditorB, role: 'obligee' },
      { partyIdHash: creditorC, role: 'obligee' },
    ],
    obligations: [
      ob('A', creditorA, a, { creditorRank: 'secured', payeeAccount: ACC_A.accountNo }),
      ob('B', creditorB, b, { payeeAccount: ACC_B }),
      ob('C', creditorC, c, { creditorRank: 'ordinary', payeeAccount: ACC_C }),
    ],
    effectiveAtMs: T0,
  });
}

/** The account's balance, proven against the finance chain's signed header. */
const balance = (w: World, key: string): bigint => BigInt(proveMember(w.backends.finance.ledger, key)['balanceCents'] as string);

async function openAccount(w: World, accountNo: string, holder: Uint8Array): Promise<void> {
  const body = {
    type: 'account_open',
    schema: 1,
    accountNo,
    holder: Buffer.from(holder).toString('hex'),
    bank: '中国银行',
    kind: 'personal',
    balanceCents: '0',
  };
  await w.backends.finance.ledger.submit({
    type: 'finance.account.open',
    sender: 'did:alliance:registrar',
    id: `open:${accountNo}`,
    body: encodeCanonical(body),
  });
}

/** Tick until nothing moves, at `atMs`, each step by a fresh engine when `restart` (a crash at every step boundary). */
async function drive(w: World, atMs: number, o: { restart?: boolean; orderer?: ActionOrderer } = {}): Promise<string[]> {
  w.clock.set(atMs);
  const steps: string[] = [];
  for (let i = 0; i < 80; i++) {
    const r = await w.engine(o.orderer, { deductAfterMs: PERIOD }, o.restart ? { maxStepsPerTick: 1 } : {}).tick();
    if (r.steps.length === 0) return steps;
    steps.push(...r.steps.map((x) => x.step));
  }
  throw new Error('the case did not settle');
}

describe('distribution of deducted funds to the creditors', () => {
  let w: World;
  let before: Record<string, bigint>;
  beforeEach(async () => {
    w = await makeWorld();
    await openAccount(w, ACC_B, creditorB);
    await openAccount(w, ACC_C, creditorC);
    before = { A: balance(w, ACC_A.key), B: balance(w, accountKey(ACC_B)), C: balance(w, accountKey(ACC_C)) };
  });
  afterEach(async () => {
    await w.close();
  });
  const gained = (): Record<string, bigint> => ({
    A: balance(w, ACC_A.key) - before.A!,
    B: balance(w, accountKey(ACC_B)) - before.B!,
    C: balance(w, accountKey(ACC_C)) - before.C!,
  });

  it('three creditors of two ranks: deducted into custody, paid to each account exactly, credited, released and closed', async () => {
    const { instrument, signature } = judgment('P-1', '4000000', '3000000', '2000000');
    await w.engine().registerJudgment(instrument, signature);
    await drive(w, DUE);
    await drive(w, DUE + PERIOD);
    const e = w.engine();
    const s = await e.getCase('P-1');
    expect(s.phase).toBe('satisfied');
    expect(outstandingCents(s)).toBe(0n);
    expect(gained()).toEqual({ A: 4_000_000n, B: 3_000_000n, C: 2_000_000n });
    expect(balance(w, CUSTODY)).toBe(0n);
    expect(s.enforcement!.distribution).toMatchObject({
      rankOrder: ['secured', 'preferential', 'ordinary'],
      availableCents: '9000000',
      verdict: 'paid_in_full',
    });
    const payments = Object.values(s.actions).filter((a) => a.step === 'disburse');
    expect(payments.map((a) => [a.pays, a.kind, a.target, a.amountCents, a.status, a.outcome])).toEqual([
      ['A', 'disburse', ACC_A.accountNo, '4000000', 'executed', 'applied'],
      ['B', 'disburse', ACC_B, '3000000', 'executed', 'applied'],
      ['C', 'disburse', ACC_C, '2000000', 'executed', 'applied'],
    ]);
    // Each payment credited to its obligation by the court's performance report on the judicial chain.
    for (const [i, p] of payments.entries()) {
      const r = decodeCanonicalObject((await w.judicial.prove(performanceKey('P-1', `pay-${p.actionId.slice(0, 32)}`))).value!);
      expect(r).toMatchObject({ obligationIndex: i, amountCents: p.amountCents, reportedBy: COURT.did });
    }
    expect(decodeCanonicalObject((await w.judicial.prove('agreement/P-1')).value!)).toMatchObject({ status: 'performed' });
    const entries = await e.auditEntries('P-1');
    expect(entries.map((x) => x.body.event).slice(-8)).toEqual([
      'action_executed',
      'action_executed',
      'distribution_planned',
      'action_executed',
      'action_executed',
      'action_executed',
      'release_planned',
      'enforcement_closed',
    ]);
    const plan = entries.find((x) => x.body.event === 'distribution_planned')!.body.detail;
    expect(plan).toMatch(/^执行款专户可分配 ¥?90,000\.00.*按受偿顺位分配.*担保债权 > 优先债权 > 普通债权.*义务 A（担保债权）/);
    expect(plan).toContain(' / ');
    const paid = entries.find((x) => x.body.event === 'action_executed' && x.body.actionId === payments[1]!.actionId)!.body.detail;
    expect(paid).toContain('发放执行款');
    expect(paid).toContain('rules passed: legal_basis_recorded,payment_planned,payee_named,within_amount_cap,within_custody,within_owed');
    verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('P-1'))));
  }, 60_000);

  it('a shortfall across ranks: the secured creditor in full, the ordinary ones pro rata to the cent; the case stays open', async () => {
    // 20,000,000 owed; the accounts hold 15,500,000 (the apartment's seizure covers the rest, unsold).
    const { instrument, signature } = judgment('P-2', '9000000', '7000000', '4000000');
    await w.engine().registerJudgment(instrument, signature);
    await drive(w, DUE);
    await drive(w, DUE + PERIOD);
    const s = await w.engine().getCase('P-2');
    // 6,500,000 left for B:C = 7:4 -> 4,136,363.63 and 2,363,636.36; the spare cent to B (larger remainder).
    expect(gained()).toEqual({ A: 9_000_000n, B: 4_136_364n, C: 2_363_636n });
    expect(balance(w, CUSTODY)).toBe(0n);
    expect(s.enforcement!.distribution).toMatchObject({ availableCents: '15500000', verdict: 'shortfall' });
    expect(s.obligations.map((o) => [o.obligationId, o.performedCents, o.progress])).toEqual([
      ['A', '9000000', 'performed'],
      ['B', '4136364', 'overdue'],
      ['C', '2363636', 'overdue'],
    ]);
    expect(s.phase).toBe('enforcing');
    expect(outstandingCents(s)).toBe(4_500_000n);
    expect(await drive(w, DUE + 100 * DAY)).toEqual([]);
  }, 60_000);

  it('restarting at every step boundary, and a crash after a payment executed, apply every effect exactly once', async () => {
    let calls = 0;
    const crashing: ActionOrderer = {
      async order(req) {
        const out = await w.orderer.order(req);
        if (req.order.kind === 'disburse' && ++calls === 2) throw new Error('simulated crash: died before recording the payment');
        return out;
      },
    };
    const { instrument, signature } = judgment('P-3', '4000000', '3000000', '2000000');
    await w.engine().registerJudgment(instrument, signature);
    await drive(w, DUE, { restart: true });
    await expect(drive(w, DUE + PERIOD, { restart: true, orderer: crashing })).rejects.toThrow(/simulated crash/);
    const steps = await drive(w, DUE + PERIOD, { restart: true });
    expect(steps.filter((x) => x === 'plan_distribution')).toEqual([]); // planned once, before the crash
    const e = w.engine();
    const s = await e.getCase('P-3');
    expect(s.phase).toBe('satisfied');
    expect(gained()).toEqual({ A: 4_000_000n, B: 3_000_000n, C: 2_000_000n });
    expect(balance(w, CUSTODY)).toBe(0n);
    const payments = Object.values(s.actions).filter((a) => a.step === 'disburse');
    expect(payments.map((a) => a.outcome)).toEqual(['applied', 'already_applied', 'applied']);
    expect(s.obligations.map((o) => o.performedCents)).toEqual(['4000000', '3000000', '2000000']);
    const events = (await e.auditEntries('P-3')).map((x) => x.body.event);
    expect(events.filter((x) => x === 'distribution_planned').length).toBe(1);
    expect(events.filter((x) => x === 'deduction_planned').length).toBe(1);
    expect(events.filter((x) => x === 'action_executed').length).toBe(Object.keys(s.actions).length);
    verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('P-3'))));
  }, 90_000);

  it('refuses a forged or over-limit payment in the rule check, before any order; the true plan then pays', async () => {
    const { instrument, signature } = judgment('P-4', '4000000', '3000000', '2000000');
    await w.engine().registerJudgment(instrument, signature);
    await drive(w, DUE);
    w.clock.set(DUE + PERIOD);
    // Stop right after the distribution is planned.
    const hasPlan = async (): Promise<boolean> => JSON.parse((await w.store.get('case/P-4'))!).enforcement.distribution !== undefined;
    await w.engine(undefined, { deductAfterMs: PERIOD }).tickCase('P-4', DUE + PERIOD, async () => !(await hasPlan()));
    const planned = (await w.store.get('case/P-4'))!;
    const tamper = async (f: (s: CaseStateJson, pay: ActionRecordJson) => void): Promise<void> => {
      const s = JSON.parse(planned) as CaseStateJson;
      const pay = s.actions[s.enforcement!.distribution!.payments[0]!]!;
      f(s, pay);
      await w.store.put('case/P-4', JSON.stringify(s));
    };
    const shareOf = (s: CaseStateJson, pay: ActionRecordJson) =>
      s.enforcement!.distribution!.shares.find((x) => x.actionId === pay.actionId)!;
    const cases: { name: string; f: (s: CaseStateJson, pay: ActionRecordJson) => void; reason: string }[] = [
      {
        name: 'to an account the judgment does not name (state and plan both rewritten)',
        f: (s, pay) => {
          pay.target = DEBTOR.accounts[0].accountNo;
          shareOf(s, pay).payeeAccount = DEBTOR.accounts[0].accountNo;
        },
        reason: 'payee_not_named',
      },
      {
        name: 'more than the case deducted minus what it paid',
        f: (s, pay) => {
          pay.amountCents = '9000001';
          shareOf(s, pay).amountCents = '9000001';
        },
        reason: 'payment_beyond_custody',
      },
      {
        name: 'a payment that is not a share of the plan',
        f: (_s, pay) => {
          pay.amountCents = '4000001';
        },
        reason: 'payment_unplanned',
      },
    ];
    for (const c of cases) {
      await tamper(c.f);
      await expect(w.engine(undefined, { deductAfterMs: PERIOD }).tick(), c.name).rejects.toMatchObject({ reason: c.reason });
      const s = JSON.parse((await w.store.get('case/P-4'))!) as CaseStateJson;
      expect(
        Object.values(s.actions)
          .filter((a) => a.step === 'disburse')
          .every((a) => a.status === 'planned'),
      ).toBe(true);
      expect(gained()).toEqual({ A: 0n, B: 0n, C: 0n });
      expect(balance(w, CUSTODY)).toBe(9_000_000n);
    }
    await w.store.put('case/P-4', planned);
    await drive(w, DUE + PERIOD);
    expect((await w.engine().getCase('P-4')).phase).toBe('satisfied');
    expect(gained()).toEqual({ A: 4_000_000n, B: 3_000_000n, C: 2_000_000n });
  }, 60_000);
});

describe('rule check of a payment', () => {
  const policy: EnforcementPolicy = { maxOrderCents: 5_000_000n, legalBasis: 'CPL', orderLifetimeMs: 60_000 };
  const action = (over: Partial<ActionRecordJson>): ActionRecordJson => ({
    actionId: 'p1',
    orderId: 'o-p1',
    step: 'disburse',
    domain: 'finance',
    chainId: 'finance',
    kind: 'disburse',
    recordType: 'account',
    target: 'payee-0001',
    amountCents: '3000000',
    coversCents: '3000000',
    basisBundle: '',
    legalBasis: 'CPL',
    pays: '1',
    status: 'planned',
    ...over,
  });
  const state = (): CaseStateJson => ({
    schema: 1,
    caseId: 'R',
    agreementHex: '',
    signatureHex: '',
    courtDid: COURT.did,
    creditorHash: '',
    obligations: [
      { obligationId: '1', amountCents: '3000000', dueAtMs: T0, performedCents: '0', lastPerformedAtMs: 0, progress: 'overdue' },
      { obligationId: '2', amountCents: '9000000', dueAtMs: T0, performedCents: '0', lastPerformedAtMs: 0, progress: 'overdue' },
    ],
    phase: 'enforcing',
    reports: [],
    actions: {
      d1: (({ pays: _p, ...d }) => d)(
        action({ actionId: 'd1', step: 'deduct', kind: 'deduct', target: 'debtor-acct', amountCents: '4000000', status: 'executed' }),
      ),
      p1: action({}),
    },
    audit: { nextSequence: 1, headHash: '' },
    bundles: {},
    enforcement: {
      enforcementCaseId: 'enf-R',
      debtorHash: '',
      debtCents: '12000000',
      filedAtMs: T0,
      recordHex: '',
      filed: true,
      distribution: {
        rankOrder: ['secured', 'preferential', 'ordinary'],
        availableCents: '4000000',
        verdict: 'shortfall',
        shares: [
          { obligationId: '1', rank: 'secured', amountCents: '3000000', chainId: 'finance', payeeAccount: 'payee-0001', actionId: 'p1' },
        ],
        payments: ['p1'],
      },
    },
  });
  const payees = new Map([
    ['1', 'payee-0001'],
    ['2', 'payee-0002'],
  ]);
  type Case = { name: string; malleate: (s: CaseStateJson, p: ActionRecordJson) => Map<string, string> | undefined; reason: string };
  const share = (s: CaseStateJson) => s.enforcement!.distribution!.shares[0]!;
  const cases: Case[] = [
    {
      name: 'no legal basis',
      malleate: (_s, p) => {
        p.legalBasis = '';
        return undefined;
      },
      reason: 'legal_basis_missing',
    },
    {
      name: 'not a disburse',
      malleate: (_s, p) => {
        p.step = 'deduct';
        return undefined;
      },
      reason: 'payment_unplanned',
    },
    {
      name: 'no share of the plan',
      malleate: (s) => {
        s.enforcement!.distribution!.shares = [];
        return undefined;
      },
      reason: 'payment_unplanned',
    },
    {
      name: 'amount differs from its share',
      malleate: (_s, p) => {
        p.amountCents = '2999999';
        return undefined;
      },
      reason: 'payment_unplanned',
    },
    {
      name: 'pays another obligation than its share',
      malleate: (_s, p) => {
        p.pays = '2';
        return undefined;
      },
      reason: 'payment_unplanned',
    },
    {
      name: 'to the payee of another obligation',
      malleate: (s, p) => {
        p.target = 'payee-0002';
        share(s).payeeAccount = 'payee-0002';
      },
      reason: 'payee_not_named',
    },
    { name: 'the instrument names no payee', malleate: () => new Map([['2', 'payee-0002']]), reason: 'payee_not_named' },
    {
      name: 'above the cap',
      malleate: (s, p) => {
        p.amountCents = '6000000';
        share(s).amountCents = '6000000';
        s.actions.d1!.amountCents = '7000000';
        s.obligations[0]!.amountCents = '7000000';
      },
      reason: 'amount_cap_exceeded',
    },
    {
      name: 'beyond what was deducted minus what was paid',
      malleate: (s) => {
        s.actions.p0 = action({ actionId: 'p0', pays: '2', target: 'payee-0002', amountCents: '1000001', status: 'executed' });
      },
      reason: 'payment_beyond_custody',
    },
    {
      name: 'a payment under way counts as paid',
      malleate: (s) => {
        s.actions.p0 = action({ actionId: 'p0', pays: '2', target: 'payee-0002', amountCents: '1000001', status: 'ordering' });
      },
      reason: 'payment_beyond_custody',
    },
    {
      name: 'a deduction not executed holds nothing',
      malleate: (s) => {
        s.actions.d1!.status = 'ordering';
        return undefined;
      },
      reason: 'payment_beyond_custody',
    },
    {
      name: 'a deduction on another chain',
      malleate: (s) => {
        s.actions.d1!.chainId = 'bank';
        return undefined;
      },
      reason: 'payment_beyond_custody',
    },
    {
      name: 'more than the obligation is still owed',
      malleate: (s) => {
        s.obligations[0]!.performedCents = '1';
        return undefined;
      },
      reason: 'payment_beyond_owed',
    },
  ];
  it('passes within the rule, naming every rule', () => {
    const s = state();
    expect(checkPayment(s, s.actions.p1!, policy, payees)).toEqual({
      passed: ['legal_basis_recorded', 'payment_planned', 'payee_named', 'within_amount_cap', 'within_custody', 'within_owed'],
      coveredCents: '3000000',
      debtCents: '12000000',
    });
  });
  for (const c of cases) {
    it(`refuses: ${c.name}`, () => {
      const s = state();
      const p = s.actions.p1!;
      const m = c.malleate(s, p) ?? payees;
      expect(() => checkPayment(s, p, policy, m)).toThrow(expect.objectContaining({ reason: c.reason, code: expect.anything() }));
    });
  }
});

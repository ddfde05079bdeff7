/**
 * What every demo run must come to, whatever its suite (`--sm2` or not): every step's outcome from
 * the JSON summary (`--summary FILE`), so the plain run and the SM2/SM3 run are held to the same.
 */
import { expect } from 'vitest';
import type { DemoSummary } from '../../src/demo/scenario.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { DEMO_CHAINS_ACTIVE } from './demo-chains.js';

export function expectDemoOutcomes(s: DemoSummary): void {
  expect([...s.chainsActive].sort()).toEqual(DEMO_CHAINS_ACTIVE);
  expect(s.lawyer).toMatchObject({ status: 'active', verdict: 'valid' });
  // The debtor's apartment, both accounts, the trademark, the credit card (listed by the finance
  // holder index; a debt, which enforcement never freezes), and on the market chain (a
  // property-kind chain) the equity stake and the movable, each once, each proof valid.
  expect(s.property.items).toBe(7);
  expect(s.property.allVerified).toBe(true);
  expect(s.property.failures).toEqual([]);
  expect(s.creditAbsent).toEqual({ proven: true, verdict: 'valid' });
  // The EVM chain: the account proven by eth_getProof at a block two notaries signed, the unopened
  // one proven absent, a freeze executed once and proven by a later block; all valid offline.
  expect(s.bank).toMatchObject({ balanceCents: '120000000', verdict: 'valid', absentProven: true, absentVerdict: 'valid' });
  expect(s.bank.notaries).toBeGreaterThanOrEqual(2);
  expect(s.bank.freeze).toEqual({ status: 'ACTION_STATUS_EXECUTED', frozenCents: '30000000', verdict: 'valid' });
  // The database registry: a company read and signed by two of its three notaries, an unregistered code proven absent.
  expect(s.enterprise).toMatchObject({ name: '北京示例科技有限公司', verdict: 'valid', absentProven: true, absentVerdict: 'valid' });
  expect(s.enterprise.notaries).toBeGreaterThanOrEqual(2);
  // The market regulation chain: the stake found by Investigate and the enterprise read, both proven;
  // half of the free contribution frozen through SubmitAction and proven; more than is left refused.
  expect(s.equity).toEqual({
    found: {
      key: `equity/91110101MA01HW3X7A/${DEMO_CAST.debtor.idHash}`,
      subscribedCents: '60000000',
      shareBp: 6000,
      verdict: 'valid',
    },
    enterprise: { name: '北京张记餐饮管理有限公司', verdict: 'valid' },
    freeze: { status: 'ACTION_STATUS_EXECUTED', frozenCents: '30000000', verdict: 'valid' },
    overFreeze: { status: 'ACTION_STATUS_REJECTED', reason: 'insufficient_equity' },
  });
  expect(s.steps).toContain('equity_freeze');
  expect(s.evidence).toEqual({ anchored: true, verified: true, alteredAnchored: false });
  // The bankruptcy chain: the court convenes the meeting, three creditors' signed ballots are accepted, what the law refuses refused by the
  // contract with its reason, the court's close_meeting executed once, the art. 64 tally proven
  // (2 of 3 present, 3,000,000.00 of 4,800,000.00 元 unsecured) and re-checked from the proven records.
  expect(s.bankruptcy).toEqual({
    caseId: '(2026)京01破1号',
    accepted: ['华北钢材供应有限公司', '北方设备租赁有限公司', '京津零部件有限公司'],
    refused: [
      { who: '京津零部件有限公司', reason: 'exceeds_confirmed' },
      { who: '示例银行北京分行', reason: 'secured_no_vote' },
      { who: '顺达物流有限公司', reason: 'claim_unreviewed' },
      { who: '华北钢材供应有限公司', reason: 'already_voted' },
      { who: '顺达物流有限公司', reason: 'bad_signature' },
    ],
    convene: 'ACTION_STATUS_EXECUTED',
    close: { status: 'ACTION_STATUS_EXECUTED', again: 'ACTION_STATUS_EXECUTED' },
    tally: { outcome: 'passed', present: 3, yesCreditors: 2, yesCents: '300000000', totalCents: '480000000' },
    recheck: 'match',
    verdicts: Array(21).fill('valid'),
  });
  // The judgment, enforced by the workflow service's replica processes through the gateway:
  // 张伟 owes 130,000 元 to 李娜 (secured) and two ordinary creditors; both accounts are frozen
  // for it, deducted into the court's custody after the voluntary-payment period, and paid out
  // by rank to the three payee accounts; the custody account is empty again and the case closed.
  const e = s.enforcement;
  expect(e.phase).toBe('satisfied');
  expect(e.status).toBe('CASE_STATUS_PERFORMED');
  expect(e.actions).toEqual([
    { chain: 'finance', kind: 'freeze', target: '6217000010098765432', amountCents: '3500000', status: 'executed' },
    { chain: 'finance', kind: 'freeze', target: '6222020200112345678', amountCents: '9500000', status: 'executed' },
    { chain: 'finance', kind: 'deduct', target: '6217000010098765432', amountCents: '3500000', status: 'executed' },
    { chain: 'finance', kind: 'deduct', target: '6222020200112345678', amountCents: '9500000', status: 'executed' },
    { chain: 'finance', kind: 'disburse', target: '6225880112233445', amountCents: '6000000', status: 'executed' },
    { chain: 'finance', kind: 'disburse', target: '6228480010012345671', amountCents: '4000000', status: 'executed' },
    { chain: 'finance', kind: 'disburse', target: '6217850100067890123', amountCents: '3000000', status: 'executed' },
  ]);
  expect(e.payments).toEqual([
    {
      obligationId: '1',
      rank: 'CREDITOR_RANK_SECURED',
      amountCents: '6000000',
      payeeAccount: '6225880112233445',
      status: 'PAYMENT_STATUS_EXECUTED',
    },
    {
      obligationId: '2',
      rank: 'CREDITOR_RANK_UNSPECIFIED',
      amountCents: '4000000',
      payeeAccount: '6228480010012345671',
      status: 'PAYMENT_STATUS_EXECUTED',
    },
    {
      obligationId: '3',
      rank: 'CREDITOR_RANK_UNSPECIFIED',
      amountCents: '3000000',
      payeeAccount: '6217850100067890123',
      status: 'PAYMENT_STATUS_EXECUTED',
    },
  ]);
  expect(e.custody).toEqual({ balanceCents: '0', verdict: 'valid' });
  // WatchCase delivered every audit entry once, in order, hash-linked.
  expect(e.events).toEqual([
    'judgment_registered',
    'obligation_overdue',
    'enforcement_filed',
    'assets_investigated',
    'enforcement_planned',
    'action_executed',
    'action_executed',
    'deduction_planned',
    'action_executed',
    'action_executed',
    'distribution_planned',
    'action_executed',
    'action_executed',
    'action_executed',
    'release_planned',
    'enforcement_closed',
  ]);
  expect(e.watch.linked).toBe(true);
  // Two replicas; the one holding the case's lease died of SIGKILL after the first order, and the other finished the case.
  expect(e.replicas).toBe(2);
  expect(e.killed).toMatchObject({ afterEvent: 'action_executed', signal: 'SIGKILL' });
  expect(['wf-1', 'wf-2']).toContain(e.killed!.replica);
  expect(['wf-1', 'wf-2']).toContain(e.finishedBy);
  expect(e.finishedBy).not.toBe(e.killed!.replica);
  expect(e.auditEntries).toBe(16);
  expect(e.auditVerified).toBe(true);
  // The failed mediation: withdrawn, filed for trial on the judicial chain, proven there.
  expect(s.mediation).toMatchObject({
    status: 'MEDIATION_STATUS_FAILED',
    failureReason: 'withdrawn',
    trialCaseId: `trial-${s.mediation.caseId}`,
    events: ['mediation_registered', 'mediation_failed', 'trial_filed'],
    trialOnChain: { present: true, verdict: 'valid' },
  });
  expect(s.steps.slice(-2)).toEqual(['enforcement', 'mediation_trial']);
  expect(s.steps).toEqual([
    'stack',
    'gateway',
    'chains_active',
    'lawyer',
    'investigate',
    'credit_absent',
    'bank_evm',
    'enterprise_notary',
    'equity_freeze',
    'bankruptcy_meeting',
    'evidence',
    'enforcement',
    'mediation_trial',
  ]);
}

/**
 * 终结本次执行 and 恢复执行 in process (real dev ledgers, real adapter contracts): a shortfall
 * terminates the enforcement (a proven `termination/<enfCaseId>` on the judicial chain), a new asset
 * opened for the debtor reopens it by the schedule or at once on an asset hint, a new round takes
 * only the new asset, and a hint the investigation does not bear out changes nothing but the
 * check time. Credit punishment stays in force throughout.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { terminationKey } from '../../src/judicial/record-keys.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import type { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import type { JudicialLedger } from '../../src/workflows/ports.js';
import { agreementFor, COURT, CREDITOR, DAY, DEBTOR, makeWorld, T0, type World } from './fixtures/world.js';

const EVERY = 30 * DAY;
const rec = async (w: World, chain: keyof World['backends'], key: string): Promise<Record<string, unknown> | null> => {
  const r = await w.backends[chain].queryRecord(key, { kind: 'latest' });
  return r.value === null ? null : (decodeCanonicalObject(r.value, key) as Record<string, unknown>);
};
const termination = async (w: World, enfCaseId: string): Promise<Record<string, unknown> | null> => {
  const p = await w.judicial.prove(terminationKey(enfCaseId));
  return p.value === null ? null : (decodeCanonicalObject(p.value, 'termination') as Record<string, unknown>);
};
let opened = 0;
/** The debtor's bank opens a new account on the finance chain (indexed by holder, as the investigation reads it). */
async function openAccount(w: World, accountNo: string, balanceCents: string): Promise<void> {
  const body = { type: 'account_open', schema: 1, accountNo, holder: DEBTOR.idHash, bank: '中国银行', kind: 'personal', balanceCents };
  await w.backends.finance.ledger.submit({
    type: 'finance.account.open',
    sender: 'did:alliance:finance-registry',
    id: `open-${accountNo}-${++opened}`,
    body: encodeCanonical(body, 'finance.account.open'),
  });
}
async function deposit(w: World, accountNo: string, amountCents: string): Promise<void> {
  const body = { type: 'deposit', schema: 1, accountNo, amountCents };
  await w.backends.finance.ledger.submit({
    type: 'finance.deposit',
    sender: 'did:alliance:finance-registry',
    id: `deposit-${accountNo}-${++opened}`,
    body: encodeCanonical(body, 'finance.deposit'),
  });
}
const events = async (e: EnforcementEngine, caseId: string): Promise<string[]> =>
  (await e.auditEntries(caseId)).map((x) => x.body.event as string);

describe('终结本次执行 and 恢复执行 (in-process ports, real adapters)', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('shortfall -> terminated on the judicial chain -> a new account -> reopened by the schedule -> new freeze -> terminated again', async () => {
    const e = w.engine(undefined, { reinvestigateEveryMs: EVERY });
    const { agreement, signature } = agreementFor('T-sched', '800000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    const s = await e.getCase('T-sched');
    expect(s.phase).toBe('terminated');
    const enf = s.enforcement!.enforcementCaseId;
    expect(s.enforcement!.termination).toMatchObject({
      round: 1,
      recorded: true,
      terminatedAtMs: T0 + 31 * DAY,
      nextCheckAtMs: T0 + 31 * DAY + EVERY,
      checks: 0,
    });
    const outstanding = s.enforcement!.termination!.outstandingCents;
    expect(BigInt(outstanding)).toBe(800000000n);
    expect(await termination(w, enf)).toMatchObject({ round: 1, status: 'terminated', outstandingCents: outstanding, court: COURT.did });
    expect((await events(e, 'T-sched')).slice(-2)).toEqual(['action_executed', 'enforcement_terminated']);
    const termText = (await e.auditEntries('T-sched')).at(-1)!.body.detail as string;
    expect(termText.startsWith(`执行案件 ${enf} 经查无可供执行的财产，终结本次执行程序（第 1 次）`)).toBe(true);
    expect(termText).toContain(' / enforcement case ');
    // Credit punishment stays in force while terminated.
    expect(await rec(w, 'credit', DEBTOR.dishonestKey)).not.toBeNull();
    expect(await rec(w, 'credit', DEBTOR.restrictionKey)).not.toBeNull();

    // Nothing before the check is due, even with a new account already open.
    await openAccount(w, '6216610100009999001', '2500000');
    w.clock.set(T0 + 31 * DAY + EVERY - 1);
    expect(await e.tick()).toEqual({ steps: [] });

    w.clock.set(T0 + 31 * DAY + EVERY);
    const steps = (await e.tick()).steps.map((x) => x.step);
    expect(steps).toEqual(['reinvestigate', 'resume', 'plan', 'order', 'terminate']);
    const after = await e.getCase('T-sched');
    expect(after.phase).toBe('terminated');
    expect(after.enforcement!.rounds!.length).toBe(1);
    // The new round froze the new account only, under an id of its own; credit punishment was not ordered again.
    expect(
      after.enforcement!.plan!.map((id) => [after.actions[id]!.kind, after.actions[id]!.target, after.actions[id]!.amountCents]),
    ).toEqual([['freeze', '6216610100009999001', '2500000']]);
    expect(after.enforcement!.rounds![0]!.plan).not.toContain(after.enforcement!.plan![0]);
    expect(Object.values(after.actions).filter((a) => a.step === 'list').length).toBe(1);
    expect(await rec(w, 'finance', 'account/6216610100009999001')).toMatchObject({ frozenCents: '2500000' });
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '12000000' });
    expect(await rec(w, 'credit', DEBTOR.dishonestKey)).not.toBeNull();
    expect(await termination(w, enf)).toMatchObject({ round: 2, status: 'terminated', outstandingCents: outstanding });
    const ev = await events(e, 'T-sched');
    expect(ev.slice(-4)).toEqual(['enforcement_resumed', 'enforcement_planned', 'action_executed', 'enforcement_terminated']);
    const resumed = (await e.auditEntries('T-sched')).find((x) => x.body.event === 'enforcement_resumed')!;
    expect(
      (resumed.body.detail as string).startsWith(`执行案件 ${enf} 恢复执行（第 1 次终结后）：定期查询发现新财产 1 项，价值 25,000.00 元`),
    ).toBe(true);
    expect(resumed.body.refs.map((r) => r.key)).toEqual([terminationKey(enf), 'account/6216610100009999001']);
    verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('T-sched'))));
  });

  it('an asset hint reopens the case well before the schedule; a hint the investigation does not bear out keeps it terminated', async () => {
    const e = w.engine(undefined, { reinvestigateEveryMs: 180 * DAY });
    const { agreement, signature } = agreementFor('T-hint', '800000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    expect((await e.getCase('T-hint')).phase).toBe('terminated');
    const auditBefore = (await events(e, 'T-hint')).length;

    // A hint with nothing new behind it: one re-investigation, nothing else, not audited.
    w.clock.set(T0 + 32 * DAY);
    await e.requestReinvestigation(DEBTOR.idHash, { atMs: w.clock.now(), chainId: 'finance' });
    expect((await e.tick()).steps.map((x) => x.step)).toEqual(['reinvestigate']);
    const idle = await e.getCase('T-hint');
    expect(idle.phase).toBe('terminated');
    expect(idle.enforcement!.termination).toMatchObject({ checks: 1, lastCheckAtMs: T0 + 32 * DAY, nextCheckAtMs: T0 + 212 * DAY });
    expect(idle.enforcement!.termination!.requested).toBeUndefined();
    expect((await events(e, 'T-hint')).length).toBe(auditBefore);
    // The same hint again triggers nothing.
    w.clock.set(T0 + 33 * DAY);
    expect(await e.tick()).toEqual({ steps: [] });

    // A new account, and its chain's hint: reopened at once, 150 days before the schedule.
    await openAccount(w, '6216610100009999002', '4000000');
    await e.requestReinvestigation(DEBTOR.idHash, { atMs: w.clock.now(), chainId: 'finance' });
    expect((await e.tick()).steps.map((x) => x.step)).toEqual(['reinvestigate', 'resume', 'plan', 'order', 'terminate']);
    const s = await e.getCase('T-hint');
    expect(s.enforcement!.rounds![0]!.termination).toMatchObject({ requested: { chainId: 'finance', atMs: T0 + 33 * DAY }, checks: 1 });
    expect(await rec(w, 'finance', 'account/6216610100009999002')).toMatchObject({ frozenCents: '4000000' });
    const resumed = (await e.auditEntries('T-hint')).find((x) => x.body.event === 'enforcement_resumed')!;
    expect(resumed.body.detail as string).toContain('经 finance 链报告后查询发现新财产 1 项');
    expect(await termination(w, s.enforcement!.enforcementCaseId)).toMatchObject({ round: 2, status: 'terminated' });
    expect(await rec(w, 'credit', DEBTOR.restrictionKey)).not.toBeNull();
  });

  it('a hint re-investigates no sooner than assetReportMinIntervalMs after the last check; a hint must name a keyed hash', async () => {
    const e = w.engine(undefined, { reinvestigateEveryMs: EVERY, assetReportMinIntervalMs: DAY });
    const { agreement, signature } = agreementFor('T-floor', '800000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    w.clock.set(T0 + 31 * DAY + 3_600_000);
    await e.requestReinvestigation(DEBTOR.idHash, { atMs: w.clock.now(), chainId: 'finance' });
    expect(await e.tick()).toEqual({ steps: [] });
    // Nothing is written to the case until the step it leads to runs (under the case's lease).
    expect((await e.getCase('T-floor')).enforcement!.termination!.requested).toBeUndefined();
    w.clock.set(T0 + 32 * DAY);
    expect((await e.tick()).steps.map((x) => x.step)).toEqual(['reinvestigate']);
    expect((await e.getCase('T-floor')).enforcement!.termination).toMatchObject({ checks: 1, lastCheckAtMs: T0 + 32 * DAY });
    await expect(e.requestReinvestigation('110101199003077777', { atMs: w.clock.now(), chainId: 'finance' })).rejects.toMatchObject({
      reason: 'invalid_debtor_hash',
    });
  });

  it('with automatic deduction: terminated only after the deductions; money paid into a deducted account is frozen in a new round', async () => {
    const e = w.engine(undefined, { deductAfterMs: 7 * DAY, reinvestigateEveryMs: EVERY });
    // The creditor names its account: the deducted funds are paid out before the termination.
    const { agreement, signature } = agreementFor('T-deduct', '800000000', T0 + 30 * DAY, { payeeAccount: CREDITOR.account.accountNo });
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    // Frozen, waiting out the period for voluntary payment: not terminated yet.
    expect((await e.getCase('T-deduct')).phase).toBe('enforcing');
    w.clock.set(T0 + 38 * DAY);
    const steps = (await e.tick()).steps.map((x) => x.step);
    expect(steps).toEqual(['plan_deductions', 'order', 'order', 'plan_distribution', 'order', 'terminate']);
    const s = await e.getCase('T-deduct');
    expect(s.phase).toBe('terminated');
    expect(s.enforcement!.termination!.outstandingCents).toBe(String(800000000 - 15500000));
    // The debtor is paid 1,000,000 cents into the deducted account: a new freeze of it, with its own id.
    await deposit(w, DEBTOR.accounts[0].accountNo, '1000000');
    w.clock.set(T0 + 38 * DAY + EVERY);
    await e.tick();
    const after = await e.getCase('T-deduct');
    const freezes = Object.values(after.actions).filter((a) => a.step === 'freeze' && a.target === DEBTOR.accounts[0].accountNo);
    expect(freezes.map((a) => a.amountCents)).toEqual(['12000000', '1000000']);
    expect(new Set(freezes.map((a) => a.actionId)).size).toBe(2);
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ balanceCents: '1000000', frozenCents: '1000000' });
    // The round deducts what it froze before terminating again.
    expect(after.phase).toBe('enforcing');
    w.clock.set(T0 + 45 * DAY + EVERY);
    await e.tick();
    const last = await e.getCase('T-deduct');
    expect(last.phase).toBe('terminated');
    expect(last.enforcement!.termination).toMatchObject({ round: 2, outstandingCents: String(800000000 - 16500000) });
  });

  it('restarting the engine at every step boundary applies each effect exactly once', async () => {
    const fresh = () => w.engine(undefined, { reinvestigateEveryMs: EVERY }, { maxStepsPerTick: 1 });
    const { agreement, signature } = agreementFor('T-restart', '800000000', T0 + 30 * DAY);
    await fresh().registerAgreement(agreement, signature);
    const drive = async (): Promise<string[]> => {
      const taken: string[] = [];
      for (let i = 0; i < 40; i++) {
        const r = await fresh().tick();
        if (r.steps.length === 0) return taken;
        taken.push(...r.steps.map((x) => x.step));
      }
      throw new Error('no quiescence');
    };
    w.clock.set(T0 + 31 * DAY);
    expect((await drive()).at(-1)).toBe('terminate');
    await openAccount(w, '6216610100009999003', '700000');
    await fresh().requestReinvestigation(DEBTOR.idHash, { atMs: w.clock.now() + 1, chainId: 'finance' });
    w.clock.set(T0 + 31 * DAY + 1);
    expect(await drive()).toEqual(['reinvestigate', 'resume', 'plan', 'order', 'terminate']);
    const s = await fresh().getCase('T-restart');
    expect(s.phase).toBe('terminated');
    expect(await rec(w, 'finance', 'account/6216610100009999003')).toMatchObject({ frozenCents: '700000' });
    const ev = await events(fresh(), 'T-restart');
    expect(ev.filter((x) => x === 'enforcement_terminated').length).toBe(2);
    expect(ev.filter((x) => x === 'enforcement_resumed').length).toBe(1);
    expect(ev.filter((x) => x === 'action_executed').length).toBe(Object.keys(s.actions).length);
    expect(await termination(w, s.enforcement!.enforcementCaseId)).toMatchObject({ round: 2, status: 'terminated' });
    verifyCaseHistory(JSON.parse(JSON.stringify(await fresh().exportCaseHistory('T-restart'))));
  });

  it('a crash inside the termination and inside the resumption (after and before the chain write) finishes each once', async () => {
    const crashes = new Set(['termination.record:after', 'termination.resume:before']);
    const crashing: JudicialLedger = {
      chainId: w.judicial.chainId,
      submit: async (type, txId, body) => {
        if (crashes.delete(`${type}:before`)) throw new Error(`simulated crash before ${type}`);
        const out = await w.judicial.submit(type, txId, body);
        if (crashes.delete(`${type}:after`)) throw new Error(`simulated crash after ${type}`);
        return out;
      },
      prove: (key) => w.judicial.prove(key),
      proveMany: (keys) => w.judicial.proveMany(keys),
    };
    const e = (ledger: JudicialLedger = w.judicial) => w.engine(undefined, { reinvestigateEveryMs: EVERY }, { ledger });
    const { agreement, signature } = agreementFor('T-crash', '800000000', T0 + 30 * DAY);
    await e().registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await expect(e(crashing).tick()).rejects.toThrow(/simulated crash after termination.record/);
    const mid = await e().getCase('T-crash');
    expect(mid.phase).toBe('terminated');
    expect(mid.enforcement!.termination!.recorded).toBe(false);
    expect((await e().tick()).steps.map((x) => x.step)).toEqual(['terminate']);
    const enf = mid.enforcement!.enforcementCaseId;
    expect(await termination(w, enf)).toMatchObject({ round: 1, status: 'terminated' });

    await openAccount(w, '6216610100009999004', '300000');
    w.clock.set(T0 + 31 * DAY + EVERY);
    await expect(e(crashing).tick()).rejects.toThrow(/simulated crash before termination.resume/);
    expect((await e().getCase('T-crash')).enforcement!.termination!.resumption).toMatchObject({ reason: 'assets_found' });
    expect((await e().tick()).steps.map((x) => x.step)).toEqual(['resume', 'plan', 'order', 'terminate']);
    const ev = await events(e(), 'T-crash');
    expect(ev.filter((x) => x === 'enforcement_terminated').length).toBe(2);
    expect(ev.filter((x) => x === 'enforcement_resumed').length).toBe(1);
    expect(await termination(w, enf)).toMatchObject({ round: 2, status: 'terminated' });
    verifyCaseHistory(JSON.parse(JSON.stringify(await e().exportCaseHistory('T-crash'))));
  });

  it('a debt paid while terminated resumes the case, releases everything (credit punishment too) and closes', async () => {
    const e = w.engine(undefined, { reinvestigateEveryMs: EVERY });
    const { agreement, signature } = agreementFor('T-paid', '800000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    const { signReport } = await import('../../src/workflows/enforcement/agreement.js');
    const { OBLIGEE_LAWYER } = await import('./fixtures/world.js');
    const { sha256 } = await import('../../src/crypto/hash.js');
    const { utf8 } = await import('../../src/encoding/bytes.js');
    const r = signReport(OBLIGEE_LAWYER, {
      caseId: 'T-paid',
      obligationId: '1',
      performedAtMs: T0 + 40 * DAY,
      amount: '800000000',
      evidenceHash: sha256(utf8('paid T-paid')),
    });
    await e.reportPerformance(r.report, r.signature);
    w.clock.set(T0 + 40 * DAY);
    const steps = (await e.tick()).steps.map((x) => x.step);
    expect(steps.slice(0, 2)).toEqual(['resume', 'plan_releases']);
    const s = await e.getCase('T-paid');
    expect(s.phase).toBe('satisfied');
    expect(await termination(w, s.enforcement!.enforcementCaseId)).toMatchObject({ status: 'resumed', resumeReason: 'performed' });
    expect(await rec(w, 'credit', DEBTOR.dishonestKey)).toBeNull();
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '0' });
  });
});

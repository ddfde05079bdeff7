import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { signReport } from '../../src/workflows/enforcement/agreement.js';
import type { ActionOrderer } from '../../src/workflows/ports.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import { agreementFor, COURT, DAY, DEBTOR, makeWorld, OBLIGEE_LAWYER, T0, type World } from './fixtures/world.js';

const rec = async (w: World, chain: keyof World['backends'], key: string): Promise<Record<string, unknown> | null> => {
  const r = await w.backends[chain].queryRecord(key, { kind: 'latest' });
  return r.value === null ? null : (decodeCanonicalObject(r.value, key) as Record<string, unknown>);
};

const pay = (caseId: string, amount: string, atMs: number) =>
  signReport(OBLIGEE_LAWYER, {
    caseId,
    obligationId: '1',
    performedAtMs: atMs,
    amount,
    evidenceHash: sha256(utf8(`transfer ${caseId} ${amount} ${atMs}`)),
  });

describe('mediation to enforcement (in-process ports, real adapters)', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('an agreement performed on time triggers nothing', async () => {
    const e = w.engine();
    const { agreement, signature } = agreementFor('M-ontime', '5000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    const r = pay('M-ontime', '5000000', T0 + 10 * DAY);
    await e.reportPerformance(r.report, r.signature);
    w.clock.set(T0 + 31 * DAY);
    const tick = await e.tick();
    expect(tick.steps.map((s) => s.step)).toEqual(['mark_performed']);
    expect(await e.tick()).toEqual({ steps: [] });
    const s = await e.getCase('M-ontime');
    expect(s.phase).toBe('performed');
    expect(Object.keys(s.actions)).toEqual([]);
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '0' });
    expect((await e.auditEntries('M-ontime')).map((x) => x.body.event)).toEqual([
      'agreement_registered',
      'performance_reported',
      'agreement_performed',
    ]);
  });

  it('before the deadline nothing happens; after it the accounts are frozen for exactly the debt', async () => {
    const e = w.engine();
    const { agreement, signature } = agreementFor('M-covered', '10000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 30 * DAY - 1);
    expect(await e.tick()).toEqual({ steps: [] });
    w.clock.set(T0 + 30 * DAY);
    await e.tick();
    const s = await e.getCase('M-covered');
    expect(s.phase).toBe('enforcing');
    const acts = Object.values(s.actions);
    // Accounts in target order until the debt is covered: 3,500,000 + 6,500,000 = the debt, no more.
    expect(acts.map((a) => [a.chainId, a.kind, a.target, a.amountCents, a.status])).toEqual([
      ['finance', 'freeze', DEBTOR.accounts[1].accountNo, '3500000', 'executed'],
      ['finance', 'freeze', DEBTOR.accounts[0].accountNo, '6500000', 'executed'],
    ]);
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '6500000' });
    expect(await rec(w, 'finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '3500000' });
    expect(await rec(w, 'property', DEBTOR.apartment.key)).not.toMatchObject({
      encumbrances: [expect.objectContaining({ kind: 'seizure' })],
    });
    expect(await rec(w, 'credit', DEBTOR.dishonestKey)).toBeNull();
    // The order record is on the judicial chain.
    expect((await w.judicial.prove(`order/${acts[0]!.orderId}`)).value).not.toBeNull();
    expect((await e.auditEntries('M-covered')).map((x) => x.body.event)).toEqual([
      'agreement_registered',
      'obligation_overdue',
      'enforcement_filed',
      'assets_investigated',
      'enforcement_planned',
      'action_executed',
      'action_executed',
    ]);
    expect((await e.auditEntries('M-covered'))[5]!.body.detail).toContain(
      'rules passed: legal_basis_recorded,asset_investigated,within_amount_cap,within_asset_value,within_debt',
    );
  });

  it('partial assets: accounts, property, IP, then credit listing and restriction; later performance releases everything', async () => {
    const e = w.engine();
    const { agreement, signature } = agreementFor('M-short', '800000000', T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    const s = await e.getCase('M-short');
    const plan = s.enforcement!.plan!.map((id) => s.actions[id]!);
    expect(plan.map((a) => [a.domain, a.kind, a.amountCents])).toEqual(
      [
        ['finance', 'freeze', '3500000'],
        ['finance', 'freeze', '12000000'],
        ['property', 'seize', ''],
        ['ip', 'freeze', ''],
        ['credit', 'list', ''],
        ['credit', 'restrict', ''],
      ].filter((x) => plan.some((a) => a.domain === x[0])),
    );
    expect(plan.every((a) => a.status === 'executed')).toBe(true);
    const covered = plan.reduce((n, a) => n + BigInt(a.coversCents), 0n);
    expect(covered).toBeLessThan(800000000n);
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '12000000' });
    expect(await rec(w, 'finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '3500000' });
    expect(await rec(w, 'credit', DEBTOR.dishonestKey)).not.toBeNull();
    expect(await rec(w, 'credit', DEBTOR.restrictionKey)).not.toBeNull();

    // The debtor pays in full: everything is released and delisted on the next tick.
    const r = pay('M-short', '800000000', T0 + 40 * DAY);
    await e.reportPerformance(r.report, r.signature);
    w.clock.set(T0 + 40 * DAY);
    await e.tick();
    const after = await e.getCase('M-short');
    expect(after.phase).toBe('satisfied');
    expect(after.enforcement!.releases!.length).toBe(plan.length);
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '0' });
    expect(await rec(w, 'finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '0' });
    expect(await rec(w, 'credit', DEBTOR.dishonestKey)).toBeNull();
    expect(await rec(w, 'credit', DEBTOR.restrictionKey)).toBeNull();
    const title = await rec(w, 'property', DEBTOR.apartment.key);
    expect(JSON.stringify(title)).not.toContain('seizure');
    const events = (await e.auditEntries('M-short')).map((x) => x.body.event);
    expect(events.at(-1)).toBe('enforcement_closed');
    expect(events.filter((x) => x === 'action_executed').length).toBe(plan.length * 2);

    // The whole history verifies offline.
    const history = JSON.parse(JSON.stringify(await e.exportCaseHistory('M-short')));
    const v = verifyCaseHistory(history);
    expect(v).toMatchObject({ caseId: 'M-short', entries: events.length, signers: [COURT.kid] });
    expect(v.bundlesVerified).toBeGreaterThan(plan.length);
  });

  it('a crash after an action executed but before the store recorded it resumes without a duplicate', async () => {
    let calls = 0;
    const crashing: ActionOrderer = {
      async order(req) {
        const out = await w.orderer.order(req);
        if (++calls === 2) throw new Error('simulated crash: the process died before recording the result');
        return out;
      },
    };
    const { agreement, signature } = agreementFor('M-crash', '800000000', T0 + 30 * DAY);
    await w.engine(crashing).registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await expect(w.engine(crashing).tick()).rejects.toThrow(/simulated crash/);
    const mid = await w.engine().getCase('M-crash');
    const inFlight = Object.values(mid.actions).filter((a) => a.status === 'ordering');
    expect(inFlight.length).toBe(1);
    expect(await w.backends.finance.actionApplied(inFlight[0]!.actionId)).toBe(true);

    // Restart: a new engine from the same store and chains.
    const restarted = w.engine();
    await restarted.tick();
    const s = await restarted.getCase('M-crash');
    expect(s.actions[inFlight[0]!.actionId]).toMatchObject({ status: 'executed', outcome: 'already_applied' });
    expect(Object.values(s.actions).every((a) => a.status === 'executed')).toBe(true);
    // Exactly the amounts ordered, once.
    expect(await rec(w, 'finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '12000000' });
    expect(await rec(w, 'finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '3500000' });
    const entries = await restarted.auditEntries('M-crash');
    expect(entries.filter((x) => x.body.event === 'action_executed').length).toBe(Object.keys(s.actions).length);
    verifyCaseHistory(JSON.parse(JSON.stringify(await restarted.exportCaseHistory('M-crash'))));
  });

  it('refuses an agreement with a wrong court signature, and a second agreement under the same case id', async () => {
    const e = w.engine();
    const { agreement, signature } = agreementFor('M-sig', '100', T0 + DAY);
    const bad = signature.slice();
    bad[5]! ^= 1;
    await expect(e.registerAgreement(agreement, bad)).rejects.toMatchObject({ reason: 'court_signature_invalid' });
    await e.registerAgreement(agreement, signature);
    await e.registerAgreement(agreement, signature); // idempotent
    const other = agreementFor('M-sig', '200', T0 + DAY);
    await expect(e.registerAgreement(other.agreement, other.signature)).rejects.toMatchObject({ reason: 'case_exists' });
    const r = pay('M-sig', '100', T0);
    const badR = r.signature.slice();
    badR[9]! ^= 1;
    await expect(e.reportPerformance(r.report, badR)).rejects.toMatchObject({ reason: 'reporter_signature_invalid' });
    await expect(e.reportPerformance({ ...r.report, obligationId: '9' }, r.signature)).rejects.toMatchObject({
      reason: 'reporter_signature_invalid',
    });
  });
});

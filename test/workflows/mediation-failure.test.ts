import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, toHex } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import type { Authority } from '../../src/identity/authority.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import { mediationBytes, signMediation, signWithdrawal, type MediationCase } from '../../src/workflows/enforcement/mediation-case.js';
import type { Signer } from '../../src/identity/signer.js';
import {
  agreementFor,
  COURT,
  CREDITOR,
  DAY,
  DEBTOR,
  didKeyAuthority,
  fixedSigner,
  makeWorld,
  OBLIGEE_LAWYER,
  T0,
  type World,
} from './fixtures/world.js';

const MEDIATOR = fixedSigner(8);
const REVOKED_COURT = fixedSigner(7);
const DEADLINE = T0 + 20 * DAY;

const alliance: Authority = {
  keyAt(did, kid, atMs) {
    if (did === REVOKED_COURT.did) return { ok: false, reason: 'revoked', message: `${kid} was revoked` };
    return didKeyAuthority.keyAt(did, kid, atMs);
  },
  mayAct: (did, role) =>
    role !== 'court' || did === COURT.did || did === REVOKED_COURT.did
      ? { ok: true }
      : { ok: false, reason: 'out_of_role', message: `${did} is not a court` },
};

const mediationFor = (caseId: string, court: Signer = COURT) =>
  signMediation(court, {
    caseId,
    cause: 'loan dispute',
    parties: [
      { partyIdHash: fromHex(CREDITOR.idHash), role: 'applicant' },
      { partyIdHash: fromHex(DEBTOR.idHash), role: 'respondent' },
    ],
    mediatorDid: MEDIATOR.did,
    openedAtMs: T0,
    agreementDeadlineMs: DEADLINE,
  });

const withdrawalOf = (caseId: string, reporter: Signer = MEDIATOR, partyHex = DEBTOR.idHash, atMs = T0 + 5 * DAY) =>
  signWithdrawal(reporter, { caseId, partyIdHash: fromHex(partyHex), withdrawnAtMs: atMs });

async function trialRecord(w: World, caseId: string): Promise<Record<string, unknown> | null> {
  const r = await w.judicial.prove(`case/trial-${caseId}`);
  return r.value === null ? null : decodeCanonicalObject(r.value, 'case');
}

function expectTrialOf(trial: Record<string, unknown> | null, mediation: MediationCase, reason: string): void {
  expect(trial).toMatchObject({
    kind: 'trial',
    parentCaseId: mediation.caseId,
    court: COURT.did,
    cause: `trial after failed mediation (${reason}); mediation record sha256 ${toHex(sha256(mediationBytes(mediation)))}`,
    parties: [
      { role: 'plaintiff', party: CREDITOR.idHash },
      { role: 'defendant', party: DEBTOR.idHash },
    ],
  });
}

describe('a failed mediation is filed for trial (in-process ports)', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('a party withdraws: the trial is filed once, with the mediation record attached and provable', async () => {
    const e = w.engine(undefined, undefined, { authority: alliance });
    const { mediation, signature } = mediationFor('MED-w');
    await e.registerMediation(mediation, signature);
    expect(await e.registerMediation(mediation, signature)).toMatchObject({ phase: 'mediating' }); // idempotent
    expect((await w.judicial.prove('case/MED-w')).value).not.toBeNull();
    w.clock.set(T0 + 5 * DAY);
    const wd = withdrawalOf('MED-w');
    await e.reportWithdrawal(wd.withdrawal, wd.signature);
    await e.reportWithdrawal(wd.withdrawal, wd.signature); // idempotent
    expect((await e.tick()).steps.map((s) => s.step)).toEqual(['file_trial']);
    expect(await e.tick()).toEqual({ steps: [] });
    w.clock.set(DEADLINE + DAY);
    expect(await e.tick()).toEqual({ steps: [] });
    const s = await e.getMediation('MED-w');
    expect(s).toMatchObject({ phase: 'trial_filed', failure: { reason: 'withdrawn', partyHash: DEBTOR.idHash }, trial: { filed: true } });
    expectTrialOf(await trialRecord(w, 'MED-w'), mediation, 'withdrawn');
    // The parent (the mediation's own case record) is on the chain under the key the trial names.
    const parent = decodeCanonicalObject((await w.judicial.prove('case/MED-w')).value!, 'case');
    expect(String(parent.cause)).toContain(toHex(sha256(mediationBytes(mediation))));
    const entries = await e.auditEntries('MED-w');
    expect(entries.map((x) => x.body.event)).toEqual(['mediation_registered', 'mediation_failed', 'trial_filed']);
    expect(entries[1]!.body.detail).toMatch(/^当事人于 .* 撤回调解，调解不成 \/ a party withdrew/);
    expect(entries[2]!.body.detail).toBe(
      '诉讼案件 trial-MED-w 已立案，附调解记录 case/MED-w / trial case trial-MED-w filed with the mediation record case/MED-w',
    );
    // The proofs of the trial and of the mediation record verify offline with the history.
    const v = verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('MED-w'))));
    expect(v).toMatchObject({ caseId: 'MED-w', entries: 3 });
    expect(v.bundlesVerified).toBeGreaterThanOrEqual(3);
    // Too late to agree now.
    const { agreement, signature: as } = agreementFor('MED-w', '100', T0 + 30 * DAY);
    await expect(e.registerAgreement({ ...agreement }, as)).rejects.toMatchObject({ reason: 'mediation_failed' });
  });

  it('the deadline passes with no agreement: the trial is filed', async () => {
    const e = w.engine();
    const { mediation, signature } = mediationFor('MED-d');
    await e.registerMediation(mediation, signature);
    w.clock.set(DEADLINE - 1);
    expect(await e.tick()).toEqual({ steps: [] });
    w.clock.set(DEADLINE);
    expect((await e.tick()).steps.map((s) => s.step)).toEqual(['fail_deadline', 'file_trial']);
    expect(await e.tick()).toEqual({ steps: [] });
    expectTrialOf(await trialRecord(w, 'MED-d'), mediation, 'deadline');
    expect((await e.auditEntries('MED-d')).map((x) => x.body.event)).toEqual(['mediation_registered', 'mediation_failed', 'trial_filed']);
    const wd = withdrawalOf('MED-d', MEDIATOR, DEBTOR.idHash, DEADLINE + 1);
    await expect(e.reportWithdrawal(wd.withdrawal, wd.signature)).rejects.toMatchObject({ reason: 'mediation_closed' });
  });

  it("a replica's one-case tick (the workflow service's runner) lists the mediation and files its trial once", async () => {
    const e = w.engine();
    const { mediation, signature } = mediationFor('MED-r');
    await e.registerMediation(mediation, signature);
    expect(await e.caseIds()).toContain('MED-r');
    expect(await e.tickCase('MED-r', DEADLINE - 1)).toEqual({ steps: [] });
    // A lost lease stops it at the first step boundary: nothing is written.
    expect(await e.tickCase('MED-r', DEADLINE, async () => false)).toEqual({ steps: [] });
    expect(await trialRecord(w, 'MED-r')).toBeNull();
    expect((await e.tickCase('MED-r', DEADLINE)).steps.map((x) => x.step)).toEqual(['fail_deadline', 'file_trial']);
    expect(await e.tickCase('MED-r', DEADLINE + 1)).toEqual({ steps: [] });
    expectTrialOf(await trialRecord(w, 'MED-r'), mediation, 'deadline');
  });

  it('an agreement reached in time ends the mediation in the agreement flow: no trial', async () => {
    const e = w.engine();
    const { mediation, signature } = mediationFor('MED-a');
    await e.registerMediation(mediation, signature);
    const { agreement, signature: as } = agreementFor('MED-a', '5000000', T0 + 30 * DAY);
    const mediating = (await w.store.get('mediation/MED-a'))!;
    const s = await e.registerAgreement(agreement, as);
    expect(s.phase).toBe('active');
    expect((await e.getMediation('MED-a')).phase).toBe('agreed');
    // A crash after the case was saved but before the mediation was marked: the agreement still settles it.
    await w.store.put('mediation/MED-a', mediating);
    w.clock.set(DEADLINE + DAY);
    expect(await e.tick()).toEqual({ steps: [] });
    expect(await trialRecord(w, 'MED-a')).toBeNull();
    const wd = withdrawalOf('MED-a');
    await expect(e.reportWithdrawal(wd.withdrawal, wd.signature)).rejects.toMatchObject({ reason: 'mediation_closed' });
    // One audit log for the case: the mediation's entries, then the agreement's; it verifies.
    expect((await e.auditEntries('MED-a')).map((x) => x.body.event)).toEqual(['mediation_registered', 'agreement_registered']);
    verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('MED-a'))));
    // Overdue later: the agreement's enforcement follows as for any agreement.
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    expect((await e.getCase('MED-a')).phase).toBe('enforcing');
  });

  it('refuses forged mediations and withdrawals with named reasons', async () => {
    const e = w.engine(undefined, undefined, { authority: alliance });
    const byLawyer = mediationFor('MED-f1', OBLIGEE_LAWYER);
    await expect(e.registerMediation(byLawyer.mediation, byLawyer.signature)).rejects.toMatchObject({ reason: 'out_of_role' });
    const byRevoked = mediationFor('MED-f2', REVOKED_COURT);
    await expect(e.registerMediation(byRevoked.mediation, byRevoked.signature)).rejects.toMatchObject({ reason: 'revoked' });
    const good = mediationFor('MED-f3');
    await expect(e.registerMediation({ ...good.mediation, agreementDeadlineMs: DEADLINE + DAY }, good.signature)).rejects.toMatchObject({
      reason: 'court_signature_invalid',
    });
    await e.registerMediation(good.mediation, good.signature);
    const byParty = withdrawalOf('MED-f3', OBLIGEE_LAWYER);
    await expect(e.reportWithdrawal(byParty.withdrawal, byParty.signature)).rejects.toMatchObject({ reason: 'reporter_not_mediator' });
    const stranger = withdrawalOf('MED-f3', MEDIATOR, toHex(sha256(new Uint8Array([1]))));
    await expect(e.reportWithdrawal(stranger.withdrawal, stranger.signature)).rejects.toMatchObject({ reason: 'unknown_mediation_party' });
    const wd = withdrawalOf('MED-f3');
    await expect(e.reportWithdrawal({ ...wd.withdrawal, partyIdHash: fromHex(CREDITOR.idHash) }, wd.signature)).rejects.toMatchObject({
      reason: 'reporter_signature_invalid',
    });
    const unknown = withdrawalOf('MED-nope');
    await expect(e.reportWithdrawal(unknown.withdrawal, unknown.signature)).rejects.toMatchObject({ reason: 'unknown_case' });
    expect((await e.getMediation('MED-f3')).phase).toBe('mediating');
    expect((await w.judicial.prove('case/MED-f1')).value).toBeNull();
  });

  it('restarting the engine at every step boundary files the trial once', async () => {
    const { mediation, signature } = mediationFor('MED-r');
    await w.engine().registerMediation(mediation, signature);
    await w.engine().registerMediation(mediation, signature);
    w.clock.set(T0 + 5 * DAY);
    const wd = withdrawalOf('MED-r');
    await w.engine().reportWithdrawal(wd.withdrawal, wd.signature);
    await w.engine().reportWithdrawal(wd.withdrawal, wd.signature);
    const beforeFiling = (await w.store.get('mediation/MED-r'))!;
    w.clock.set(DEADLINE + DAY);
    const steps: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await w.engine(undefined, undefined, { maxStepsPerTick: 1 }).tick();
      if (r.steps.length === 0) break;
      steps.push(...r.steps.map((x) => x.step));
    }
    expect(steps).toEqual(['file_trial']);
    const e = w.engine();
    expect((await e.getMediation('MED-r')).failure?.reason).toBe('withdrawn');
    const events = (await e.auditEntries('MED-r')).map((x) => x.body.event);
    expect(events).toEqual(['mediation_registered', 'mediation_failed', 'trial_filed']);
    expectTrialOf(await trialRecord(w, 'MED-r'), mediation, 'withdrawn');
    // A crash after the trial's record was written but before the state said so: the retry
    // resends the same transaction (same id, same bytes), and the chain holds one trial.
    await w.store.put('mediation/MED-r', beforeFiling);
    expect((await w.engine().tick()).steps.map((x) => x.step)).toEqual(['file_trial']);
    expect((await w.engine().getMediation('MED-r')).phase).toBe('trial_filed');
    expectTrialOf(await trialRecord(w, 'MED-r'), mediation, 'withdrawn');
    expect((await e.auditEntries('MED-r')).map((x) => x.body.event)).toEqual(events);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import type { Authority } from '../../src/identity/authority.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import { signInstrument, type InstrumentKind } from '../../src/workflows/enforcement/instrument.js';
import type { Signer } from '../../src/identity/signer.js';
import { COURT, CREDITOR, DAY, DEBTOR, didKeyAuthority, fixedSigner, makeWorld, OBLIGEE_LAWYER, T0, type World } from './fixtures/world.js';

const REVOKED_COURT = fixedSigner(7);

/** Courts are COURT and REVOKED_COURT (whose key was revoked before T0); anyone else is no court. */
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

function instrumentFor(kind: InstrumentKind, caseId: string, amount: string, dueAtMs: number, court: Signer = COURT) {
  const debtor = fromHex(DEBTOR.idHash);
  const creditor = fromHex(CREDITOR.idHash);
  return signInstrument(court, {
    kind,
    caseId,
    documentHash: sha256(utf8(`${kind} document of ${caseId}`)),
    parties: [
      { partyIdHash: debtor, role: 'obligor' },
      { partyIdHash: creditor, role: 'obligee' },
    ],
    obligations: [
      { obligationId: '1', obligorIdHash: debtor, obligeeIdHash: creditor, amount, description: 'pay the judgment debt', dueAtMs },
    ],
    effectiveAtMs: T0,
  });
}

const rec = async (w: World, key: string): Promise<Record<string, unknown> | null> => {
  const r = await w.backends.finance.queryRecord(key, { kind: 'latest' });
  return r.value === null ? null : (decodeCanonicalObject(r.value, key) as Record<string, unknown>);
};

const ENFORCED = [
  'obligation_overdue',
  'enforcement_filed',
  'assets_investigated',
  'enforcement_planned',
  'action_executed',
  'action_executed',
];

describe('judgments and rulings start the enforcement path (in-process ports, real adapters)', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  for (const kind of ['judgment', 'ruling'] as const) {
    it(`a ${kind} unperformed past its deadline files the enforcement case; actions execute once`, async () => {
      const e = w.engine(undefined, undefined, { authority: alliance });
      const caseId = `J-${kind}`;
      const { instrument, signature } = instrumentFor(kind, caseId, '10000000', T0 + 15 * DAY);
      const s0 = await e.registerJudgment(instrument, signature);
      expect(s0).toMatchObject({ phase: 'active', instrumentKind: kind });
      expect(await e.registerJudgment(instrument, signature)).toEqual(s0); // idempotent
      w.clock.set(T0 + 15 * DAY - 1);
      expect(await e.tick()).toEqual({ steps: [] });
      w.clock.set(T0 + 15 * DAY);
      await e.tick();
      expect(await e.tick()).toEqual({ steps: [] });
      const s = await e.getCase(caseId);
      expect(s.phase).toBe('enforcing');
      expect(Object.values(s.actions).map((a) => [a.kind, a.target, a.amountCents, a.status])).toEqual([
        ['freeze', DEBTOR.accounts[1].accountNo, '3500000', 'executed'],
        ['freeze', DEBTOR.accounts[0].accountNo, '6500000', 'executed'],
      ]);
      expect(await rec(w, DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '6500000' });
      // On the judicial chain: the decided case, the instrument (as a judgment) and the enforcement case, its child.
      const agreement = decodeCanonicalObject((await w.judicial.prove(`agreement/${caseId}`)).value!, 'agreement');
      expect(agreement).toMatchObject({ kind: 'judgment', caseId });
      const decided = decodeCanonicalObject((await w.judicial.prove(`case/${caseId}`)).value!, 'case');
      expect(String(decided.cause)).toMatch(new RegExp(`^${kind} `));
      const enf = decodeCanonicalObject((await w.judicial.prove(`case/enf-${caseId}`)).value!, 'case');
      expect(enf).toMatchObject({ kind: 'enforcement', parentCaseId: caseId });
      const entries = await e.auditEntries(caseId);
      expect(entries.map((x) => x.body.event)).toEqual([`${kind}_registered`, ...ENFORCED]);
      expect(entries[0]!.body.detail).toMatch(
        kind === 'judgment' ? /^登记已生效的判决：1 项义务.* \/ effective judgment/ : /^登记已生效的裁定：.* \/ effective ruling/,
      );
      const v = verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory(caseId))));
      expect(v).toMatchObject({ caseId, entries: entries.length, signers: [COURT.kid] });
    });
  }

  it('a mediation agreement passed as an instrument takes the agreement flow unchanged', async () => {
    const e = w.engine();
    const { instrument, signature } = instrumentFor('mediation_agreement', 'J-agr', '100', T0 + DAY);
    const s = await e.registerJudgment(instrument, signature);
    expect(s.instrumentKind).toBeUndefined();
    expect((await e.auditEntries('J-agr')).map((x) => x.body.event)).toEqual(['agreement_registered']);
  });

  it('refuses forged instruments with named reasons', async () => {
    const e = w.engine(undefined, undefined, { authority: alliance });
    const byLawyer = instrumentFor('judgment', 'J-forged-1', '100', T0 + DAY, OBLIGEE_LAWYER);
    await expect(e.registerJudgment(byLawyer.instrument, byLawyer.signature)).rejects.toMatchObject({ reason: 'out_of_role' });
    const byRevoked = instrumentFor('ruling', 'J-forged-2', '100', T0 + DAY, REVOKED_COURT);
    await expect(e.registerJudgment(byRevoked.instrument, byRevoked.signature)).rejects.toMatchObject({ reason: 'revoked' });
    const good = instrumentFor('judgment', 'J-forged-3', '100', T0 + DAY);
    const tampered = { ...good.instrument, obligations: [{ ...good.instrument.obligations[0]!, amount: '1000000' }] };
    await expect(e.registerJudgment(tampered, good.signature)).rejects.toMatchObject({ reason: 'court_signature_invalid' });
    // A judgment's signature does not pass as a ruling's (the kind is signed).
    await expect(e.registerJudgment({ ...good.instrument, kind: 'ruling' }, good.signature)).rejects.toMatchObject({
      reason: 'court_signature_invalid',
    });
    await expect(e.registerJudgment({ ...good.instrument, obligations: [] }, good.signature)).rejects.toMatchObject({
      reason: 'instrument_malformed',
    });
    // Nothing was registered or written for the refused ones.
    expect(await e.caseIds()).toEqual([]);
    expect((await w.judicial.prove('case/J-forged-1')).value).toBeNull();
  });

  it('restarting the engine at every step boundary files and orders nothing twice', async () => {
    const { instrument, signature } = instrumentFor('judgment', 'J-restart', '800000000', T0 + 15 * DAY);
    await w.engine().registerJudgment(instrument, signature);
    await w.engine().registerJudgment(instrument, signature);
    w.clock.set(T0 + 16 * DAY);
    const steps: string[] = [];
    for (let i = 0; i < 40; i++) {
      // A fresh engine from the same store and chains for every single step.
      const r = await w.engine(undefined, undefined, { maxStepsPerTick: 1 }).tick();
      if (r.steps.length === 0) break;
      steps.push(...r.steps.map((x) => x.step));
    }
    expect(steps.filter((x) => x === 'submit_case')).toEqual(['submit_case']);
    expect(steps.filter((x) => x === 'file_enforcement')).toEqual(['file_enforcement']);
    const e = w.engine();
    const s = await e.getCase('J-restart');
    const actions = Object.values(s.actions);
    expect(actions.length).toBeGreaterThan(2);
    expect(actions.every((a) => a.status === 'executed' && a.outcome === 'applied')).toBe(true);
    const events = (await e.auditEntries('J-restart')).map((x) => x.body.event);
    expect(events.filter((x) => x === 'enforcement_filed').length).toBe(1);
    expect(events.filter((x) => x === 'action_executed').length).toBe(actions.length);
    expect(await rec(w, DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '12000000' });
    verifyCaseHistory(JSON.parse(JSON.stringify(await e.exportCaseHistory('J-restart'))));
  });
});

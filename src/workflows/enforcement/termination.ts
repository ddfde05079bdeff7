/**
 * 终结本次执行 and 恢复执行: the pure decisions (SPC provisions on terminating the current
 * enforcement procedure for lack of assets, 2016, arts. 1, 9-10; the 2022 opinions, art. 16).
 *
 * - Terminate: once the round's enforcement has nothing left to do (every action executed, every
 *   money step done: `nextStep` asks here only when the enforcement's own step is `idle`) and
 *   the assets still held fall short of what is owed. Credit punishment and freezes stay.
 * - Re-investigate a terminated case when the check is due (`nextCheckAtMs`, every
 *   `reinvestigateEveryMs`: "每六个月" by default) or when a partner chain reported a new asset of
 *   the debtor (`requested`: a HINT; only the proven investigation decides).
 * - Resume when the re-investigation proved assets not already taken (a new round plans only
 *   those), or when the debt was paid meanwhile (the releases follow).
 * Nothing here does I/O or reads a clock.
 */
import type {
  ActionRecordJson,
  CaseLevelField,
  CaseStateJson,
  EnforcementJson,
  EnforcementRoundJson,
  InvestigatedItemJson,
  Step,
} from './case-state.js';
import { custodyHeldCents } from './case-state.js';

/** The schedule's default: every six months (SPC provisions, art. 9: 每六个月查询一次). */
export const DEFAULT_REINVESTIGATE_EVERY_MS = 180 * 86_400_000;

export type ResumeReason = 'assets_found' | 'performed';

/** The termination of the current round (`EnforcementJson.termination`). */
export interface TerminationJson {
  /** 1 for the enforcement's first termination: `termination/<enforcementCaseId>` names it. */
  round: number;
  /** What was still owed (cents), fixed when decided. */
  outstandingCents: string;
  terminatedAtMs: number;
  /** The termination record is on the judicial chain. */
  recorded: boolean;
  /** When the scheduled re-investigation is due. */
  nextCheckAtMs: number;
  /** The last re-investigation (the termination itself at first). */
  lastCheckAtMs: number;
  /** Re-investigations that found nothing new (kept in state, not audited). */
  checks: number;
  /** A reported asset's earliest re-investigation after the last one (a floor per case against floods). */
  minRequestIntervalMs: number;
  /** A partner chain reported a new asset of the debtor: re-investigate at once (a hint, never a fact). */
  requested?: { atMs: number; chainId: string };
  /** Decided, not yet recorded: why the enforcement resumes (and the proven investigation it found). */
  resumption?: { reason: ResumeReason; atMs: number; investigation?: NonNullable<EnforcementJson['investigation']> };
}

const CASE_LEVEL: readonly CaseLevelField[] = ['enforcementCaseId', 'debtorHash', 'debtCents', 'filedAtMs', 'recordHex', 'filed', 'rounds'];

/** The step of the termination stage (`idle` when none): see the file header. */
export function terminationStep(s: CaseStateJson, nowMs: number, outstanding: bigint): Step {
  if (s.audit.pending) return { kind: 'flush_audit' };
  const e = s.enforcement;
  if (e === undefined) return { kind: 'idle' };
  if (s.phase === 'enforcing') return terminationDue(s, outstanding) ? { kind: 'terminate' } : { kind: 'idle' };
  if (s.phase !== 'terminated') return { kind: 'idle' };
  const t = e.termination!;
  if (!t.recorded) return { kind: 'terminate' };
  if (outstanding === 0n || t.resumption !== undefined) return { kind: 'resume' };
  if (nowMs >= t.nextCheckAtMs) return { kind: 'reinvestigate' };
  const r = t.requested;
  if (r !== undefined && r.atMs > t.lastCheckAtMs && nowMs >= t.lastCheckAtMs + t.minRequestIntervalMs) return { kind: 'reinvestigate' };
  return { kind: 'idle' };
}

/**
 * Whether the round's enforcement ended short: investigated and planned, every action executed,
 * the round's deductions done and paid out when there are any to do, nothing of the case left in
 * custody, and less held than owed.
 */
export function terminationDue(s: CaseStateJson, outstanding: bigint): boolean {
  const e = s.enforcement!;
  if (!e.filed || e.investigation === undefined || e.plan === undefined || outstanding === 0n) return false;
  if (Object.values(s.actions).some((a) => a.status !== 'executed')) return false;
  const frozeMoney = e.plan.some((id) => {
    const a = s.actions[id]!;
    return a.step === 'freeze' && a.domain === 'finance';
  });
  if (e.deductAfterMs !== undefined && frozeMoney && e.deductions === undefined) return false;
  // Deducted funds are paid out first; funds still in the court's custody for the case (a share
  // whose obligation names no payee account) are money the case holds, not a lack of assets.
  if ((e.deductions?.length ?? 0) > 0 && e.distribution === undefined) return false;
  if (custodyHeldCents(s) > 0n) return false;
  return heldCents(s) < outstanding;
}

/** Whether `take` (a freeze or seizure) still holds something: executed, not released, not deducted in full. */
function holds(s: CaseStateJson, take: ActionRecordJson): boolean {
  if ((take.step !== 'freeze' && take.step !== 'seize') || take.status !== 'executed') return false;
  const actions = Object.values(s.actions);
  if (actions.some((a) => a.step === 'release' && a.releases === take.actionId && a.status === 'executed')) return false;
  if (take.domain !== 'finance') return true;
  const deducted = actions.reduce(
    (sum, d) => (d.step === 'deduct' && d.deducts === take.actionId && d.status === 'executed' ? sum + BigInt(d.amountCents) : sum),
    0n,
  );
  return deducted < BigInt(take.amountCents || '0');
}

/** Cents of the debt still covered by what the case holds (frozen and not yet deducted, seized). */
export function heldCents(s: CaseStateJson): bigint {
  let sum = 0n;
  for (const a of Object.values(s.actions)) {
    if (!holds(s, a)) continue;
    const deducted = Object.values(s.actions).reduce(
      (x, d) => (d.step === 'deduct' && d.deducts === a.actionId && d.status === 'executed' ? x + BigInt(d.amountCents) : x),
      0n,
    );
    sum += BigInt(a.coversCents) - deducted;
  }
  return sum;
}

/**
 * The investigated items the case does not hold already (never re-freeze what is frozen): an
 * item whose chain and target a holding freeze or seizure names is left out.
 */
export function untakenItems(s: CaseStateJson, items: readonly InvestigatedItemJson[]): InvestigatedItemJson[] {
  const held = new Set(
    Object.values(s.actions)
      .filter((a) => holds(s, a))
      .map((a) => `${a.chainId}\u0000${a.target}`),
  );
  return items.filter((i) => !held.has(`${i.chainId}\u0000${i.target}`));
}

/** What a re-investigation found that reopens the case: untaken items worth something. */
export function newAssets(s: CaseStateJson, items: readonly InvestigatedItemJson[]): InvestigatedItemJson[] {
  return untakenItems(s, items).filter((i) => BigInt(i.valueCents) > 0n);
}

/** The round the enforcement is in (1 until its first resumption). */
export const roundOf = (e: EnforcementJson): number => (e.rounds?.length ?? 0) + 1;

/**
 * The step name an action id is derived from: the first round's as before, later rounds' tagged
 * with the round, so a new round's ids never meet the first plan's (action-id.ts).
 */
export const roundStepName = (step: string, round: number): string => (round === 1 ? step : `${step}@round-${round}`);

/** Every plan's action ids, earliest round first (the releases give back all of them). */
export function allPlanIds(e: EnforcementJson): string[] {
  return [...(e.rounds ?? []).flatMap((r) => r.plan ?? []), ...(e.plan ?? [])];
}

/**
 * Archive the current round (every per-round field, whatever stages add) and start the next with
 * nothing but the case-level fields; returns the new enforcement state.
 */
export function startNextRound(e: EnforcementJson): EnforcementJson {
  const next: Partial<EnforcementJson> = {};
  const round: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if ((CASE_LEVEL as readonly string[]).includes(k)) (next as Record<string, unknown>)[k] = v;
    else round[k] = v;
  }
  next.rounds = [...(e.rounds ?? []), round as unknown as EnforcementRoundJson];
  return next as EnforcementJson;
}

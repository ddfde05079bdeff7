/**
 * The persisted state of one mediation case and the pure decision of what to do next
 * ("a deterministic state machine per case, driven by tick(now)"). `nextStep` reads the
 * state and the time it is given and names one step; the engine performs it, records progress
 * before and after, and asks again. Nothing here does I/O or reads a clock.
 */
import type { AssetDomain, ChainAnswer } from '../ports.js';
import type { CreditorRank } from './agreement.js';
import { terminationStep, type TerminationJson } from './termination.js';

/**
 * Where a case stands (proto CaseStatus, named). `terminated`: 终结本次执行 for lack of assets;
 * re-investigated on a schedule and on partner chains' reports, it resumes (`enforcing`) when
 * assets are found (termination.ts).
 */
export type CasePhase = 'active' | 'performed' | 'enforcing' | 'satisfied' | 'terminated';

export type ObligationProgress = 'open' | 'performed' | 'overdue';

export interface ObligationStateJson {
  obligationId: string;
  amountCents: string;
  dueAtMs: number;
  performedCents: string;
  lastPerformedAtMs: number;
  progress: ObligationProgress;
}

/** What a step does on its target chain. */
export type ActionStep = 'freeze' | 'seize' | 'list' | 'restrict' | 'release' | 'deduct' | 'disburse';

/** One action the enforcement ordered (or will order). */
export interface ActionRecordJson {
  actionId: string;
  orderId: string;
  step: ActionStep;
  /** Asset domain, or `credit` for credit punishment. */
  domain: AssetDomain | 'credit';
  chainId: string;
  /** The adapter's action kind, e.g. `freeze`, `seize`, `list`, `delist`. */
  kind: string;
  recordType: string;
  target: string;
  /** Integer cents ordered ("" for none). */
  amountCents: string;
  /** Value of the asset counted toward the debt (cents). */
  coversCents: string;
  /** The investigation proof the order relied on (bundle hash), "" for credit steps. */
  basisBundle: string;
  legalBasis: string;
  /** For a release: the action it releases. */
  releases?: string;
  /** For a deduction: the freeze it takes the funds from. */
  deducts?: string;
  /** For a payment (`disburse`): the obligation it pays, credited once it executed. */
  pays?: string;
  /** When the engine recorded its execution (the deduction period runs from the last freeze). */
  executedAtMs?: number;
  /**
   * The order credential and its record's expiry, fixed when the action went `ordering`, so a
   * retry after a crash submits the SAME order (the gateway refuses another order under one id).
   */
  credential?: string;
  expiresAtMs?: number;
  /** `planned` -> `ordering` (recorded before the call) -> `executed` (recorded after). */
  status: 'planned' | 'ordering' | 'executed';
  resultBundle?: string;
  outcome?: 'applied' | 'already_applied';
}

export interface InvestigatedItemJson {
  domain: AssetDomain;
  chainId: string;
  recordType: string;
  target: string;
  valueCents: string;
  bundle: string;
}

export interface EnforcementJson {
  enforcementCaseId: string;
  /** Hex keyed hash of the debtor (the obligor of the overdue obligations). */
  debtorHash: string;
  debtCents: string;
  filedAtMs: number;
  /** The `case/<id>` record value (hex), fixed before submission so a retry writes the same bytes. */
  recordHex: string;
  filed: boolean;
  investigation?: { completeness: 'complete' | 'partial'; items: InvestigatedItemJson[]; chains: ChainAnswer[] };
  /** Action ids in the documented order (plan, then releases). */
  plan?: string[];
  releases?: string[];
  /**
   * Automatic deduction (rule-check.ts `DEDUCTION_RULE`): the period for voluntary payment after
   * the freezes, fixed when the plan was made; absent = no automatic deduction.
   */
  deductAfterMs?: number;
  /** Deduction action ids, once planned. */
  deductions?: string[];
  /** The distribution of the deducted funds to the creditors (distribution.ts), once planned. */
  distribution?: DistributionJson;
  /** 终结本次执行 of the current round (termination.ts), once decided. */
  termination?: TerminationJson;
  /**
   * Earlier rounds (each ended in a termination, then 恢复执行): their investigation, plan,
   * deductions, ... and termination, archived when the enforcement resumed; the fields above are
   * the current round's. Their actions stay in `actions` (credit punishment and freezes hold).
   */
  rounds?: EnforcementRoundJson[];
}

/** One creditor's share of the deducted funds. */
export interface DistributionShareJson {
  obligationId: string;
  rank: CreditorRank;
  amountCents: string;
  /** The chain whose custody account pays it (where the funds were deducted). */
  chainId: string;
  /** The payee account the signed instrument names; absent = none, the share stays in custody. */
  payeeAccount?: string;
  /** The `disburse` action paying it; absent when held (no payee account) or 0 cents. */
  actionId?: string;
}

export interface DistributionJson {
  /** The rank order applied (the policy's at planning time). */
  rankOrder: CreditorRank[];
  /** Deducted and not yet paid, cents, when planned. */
  availableCents: string;
  verdict: 'paid_in_full' | 'shortfall';
  shares: DistributionShareJson[];
  /** Payment action ids in order. */
  payments: string[];
}

/** One archived round: every per-round field of `EnforcementJson`. */
export type EnforcementRoundJson = Omit<EnforcementJson, CaseLevelField>;
/** The fields of `EnforcementJson` that belong to the enforcement case, not to a round. */
export type CaseLevelField = 'enforcementCaseId' | 'debtorHash' | 'debtCents' | 'filedAtMs' | 'recordHex' | 'filed' | 'rounds';

export interface PendingAuditJson {
  sequence: number;
  /** Hex record value (sign bytes + signature). */
  value: string;
  entryHash: string;
}

export interface CaseStateJson {
  schema: 1;
  caseId: string;
  /** Hex protobuf of the agreement (for a judgment or ruling: its canonical bytes) and the court's signature. */
  agreementHex: string;
  /** Absent for a mediation agreement. */
  instrumentKind?: 'judgment' | 'ruling';
  signatureHex: string;
  courtDid: string;
  creditorHash: string;
  obligations: ObligationStateJson[];
  phase: CasePhase;
  reports: string[];
  enforcement?: EnforcementJson;
  actions: Record<string, ActionRecordJson>;
  audit: { nextSequence: number; headHash: string; pending?: PendingAuditJson };
  /** Proof bundles the entries relied on, hex, by bundle hash (for the export). */
  bundles: Record<string, string>;
}

/** The step the engine must take next (a named union). */
export type Step =
  | { kind: 'flush_audit' }
  | { kind: 'mark_performed' }
  | { kind: 'file_enforcement'; overdue: string[] }
  | { kind: 'submit_case' }
  | { kind: 'investigate' }
  | { kind: 'plan' }
  | { kind: 'order'; actionId: string }
  | { kind: 'plan_releases' }
  | { kind: 'plan_deductions' }
  | { kind: 'plan_distribution' }
  | { kind: 'close_satisfied' }
  | { kind: 'terminate' }
  | { kind: 'reinvestigate' }
  | { kind: 'resume' }
  | { kind: 'idle' };

/** Outstanding cents over all obligations (never negative per obligation). */
export function outstandingCents(s: CaseStateJson): bigint {
  let sum = 0n;
  for (const o of s.obligations) {
    const left = BigInt(o.amountCents) - BigInt(o.performedCents);
    if (left > 0n) sum += left;
  }
  return sum;
}

/** Obligations past their deadline without full performance, at `nowMs`. */
export function overdueAt(s: CaseStateJson, nowMs: number): string[] {
  return s.obligations.filter((o) => o.dueAtMs <= nowMs && BigInt(o.performedCents) < BigInt(o.amountCents)).map((o) => o.obligationId);
}

/**
 * What to do next: the enforcement's own step, and when it has nothing to do (every action
 * executed, every money step done), the termination's (termination.ts: terminate, re-investigate,
 * resume), so a termination always comes last.
 */
export function nextStep(s: CaseStateJson, nowMs: number): Step {
  const step = enforcementStep(s, nowMs);
  return step.kind === 'idle' ? terminationStep(s, nowMs, outstandingCents(s)) : step;
}

/**
 * The enforcement's step. Order of the enforcement: file the case; investigate; order
 * freezes/seizures in the plan's order (accounts, property, IP) and credit punishment if the
 * assets fall short; after the deduction period, deduct the frozen funds into custody, plan their
 * distribution and order each payment (credited once executed); when the debt is covered by
 * performance or payments, release every executed freeze/seizure/listing, then close.
 */
function enforcementStep(s: CaseStateJson, nowMs: number): Step {
  if (s.audit.pending) return { kind: 'flush_audit' };
  const outstanding = outstandingCents(s);
  if (s.phase === 'active') {
    if (outstanding === 0n) return { kind: 'mark_performed' };
    const overdue = overdueAt(s, nowMs);
    return overdue.length > 0 ? { kind: 'file_enforcement', overdue } : { kind: 'idle' };
  }
  if (s.phase !== 'enforcing') return { kind: 'idle' };
  const e = s.enforcement!;
  if (!e.filed) return { kind: 'submit_case' };
  if (outstanding === 0n) {
    // Covered: finish any action already under way (it may have executed before a crash), then release.
    const inFlight = Object.values(s.actions).find((a) => a.status === 'ordering');
    if (inFlight) return { kind: 'order', actionId: inFlight.actionId };
    if (e.releases === undefined) return { kind: 'plan_releases' };
    const nextRelease = e.releases.find((id) => s.actions[id]!.status !== 'executed');
    return nextRelease ? { kind: 'order', actionId: nextRelease } : { kind: 'close_satisfied' };
  }
  if (!e.investigation) return { kind: 'investigate' };
  if (!e.plan) return { kind: 'plan' };
  const next = e.plan.find((id) => s.actions[id]!.status !== 'executed');
  if (next) return { kind: 'order', actionId: next };
  // Deduction: once the period for voluntary payment after the last freeze has passed.
  if (e.deductAfterMs === undefined) return { kind: 'idle' };
  if (e.deductions === undefined) {
    const frozenAt = Object.values(s.actions)
      .filter((a) => a.step === 'freeze' && a.domain === 'finance' && a.status === 'executed')
      .map((a) => a.executedAtMs ?? 0);
    return frozenAt.length > 0 && nowMs >= Math.max(...frozenAt) + e.deductAfterMs ? { kind: 'plan_deductions' } : { kind: 'idle' };
  }
  const nextDeduct = e.deductions.find((id) => s.actions[id]!.status !== 'executed');
  if (nextDeduct) return { kind: 'order', actionId: nextDeduct };
  // Distribution (distribution.ts): the deducted funds go from custody to the creditors; each
  // payment, once executed, is credited to its obligation (and the covered branch above closes).
  if (e.distribution === undefined) return custodyHeldCents(s) > 0n ? { kind: 'plan_distribution' } : { kind: 'idle' };
  const nextPayment = e.distribution.payments.find((id) => s.actions[id]!.status !== 'executed');
  return nextPayment ? { kind: 'order', actionId: nextPayment } : { kind: 'idle' };
}

/** Cents the case deducted into custody and has not paid out, optionally on one chain only. */
export function custodyHeldCents(s: CaseStateJson, chainId?: string): bigint {
  let held = 0n;
  for (const a of Object.values(s.actions)) {
    if (a.status !== 'executed' || (chainId !== undefined && a.chainId !== chainId)) continue;
    if (a.step === 'deduct') held += BigInt(a.amountCents);
    if (a.step === 'disburse') held -= BigInt(a.amountCents);
  }
  return held;
}

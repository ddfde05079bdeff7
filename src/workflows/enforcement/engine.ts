/**
 * The mediation-to-enforcement engine: the contract that, without a person, files the
 * enforcement case when a deadline passes unperformed, investigates the debtor's assets, orders
 * freezes/seizures and credit punishment, deducts frozen funds into the court's custody account,
 * distributes them to the creditors by rank (each payment credited once it executed), and
 * releases everything once the debt is paid out.
 *
 * Restart safety: the state of each case lives in the `WorkflowStore`. Every write to a chain
 * has its bytes fixed and recorded BEFORE it is sent (the case record, the audit entry, the
 * action id), and its completion recorded AFTER; every port is idempotent by id. A crash at any
 * point therefore resumes with the same bytes and ids, and nothing is applied twice.
 */
import { toHex, fromHex } from '../../encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical, type CanonicalObject } from '../../encoding/canonical-json.js';
import { performanceKey, terminationKey } from '../../judicial/record-keys.js';
import {
  agreementRegisterBody,
  enforcementCaseBody,
  instrumentCaseBody,
  instrumentRegisterBody,
  mediationCaseBody,
  mediationOpenBody,
  performanceReportBody,
  terminationRecordBody,
  terminationResumeBody,
  trialCaseBody,
} from '../judicial-records.js';
import { sha256 } from '../../crypto/hash.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Signer } from '../../identity/signer.js';
import type { JudicialOrder } from '../../judicial/order.js';
import {
  auditAppendBody,
  auditKey,
  decodeAuditRecord,
  encodeAuditRecord,
  exportCaseHistory,
  GENESIS_PREV_HASH,
  proofRefOf,
  signAuditEntry,
  type CaseHistoryJson,
  type ProofRef,
} from '../audit-log.js';
import type { ActionOrderer, AssetDomain, AssetInvestigator, Clock, JudicialLedger, ProvenRecord, WorkflowStore } from '../ports.js';
import { recordBundleFromHex, recordBundleHash, recordBundleToHex } from '../../verify/record-bundle.js';
import { actionIdOf, orderIdOf } from './action-id.js';
import {
  agreementBytes,
  reportBytes,
  verifyAgreement,
  verifyReport,
  rankOf,
  type CreditorRank,
  type MediationAgreement,
  type PerformanceReport,
} from './agreement.js';
import { allocate } from './allocation.js';
import { DEFAULT_RANK_ORDER, distribute, DISTRIBUTION_RULE, type Claim } from './distribution.js';
import { decodeInstrument, instrumentBytes, verifyInstrument, type JudicialInstrument } from './instrument.js';
import {
  mediationBytes,
  nextMediationStep,
  verifyMediation,
  verifyWithdrawal,
  withdrawalBytes,
  type MediationCase,
  type MediationStateJson,
  type MediationStep,
  type MediationWithdrawal,
} from './mediation-case.js';
import {
  actionExecutedText,
  agreementPerformedText,
  agreementRegisteredText,
  assetsInvestigatedText,
  deductionPlannedText,
  distributionPlannedText,
  enforcementClosedText,
  enforcementFiledText,
  enforcementPlannedText,
  enforcementResumedText,
  enforcementTerminatedText,
  instrumentRegisteredText,
  mediationFailedText,
  mediationRegisteredText,
  obligationOverdueText,
  performanceReportedText,
  releasePlannedText,
  trialFiledText,
} from './audit-text.js';
import {
  custodyHeldCents,
  nextStep,
  outstandingCents,
  type ActionRecordJson,
  type ActionStep,
  type CaseStateJson,
  type DistributionShareJson,
  type Step,
} from './case-state.js';
import { signOrderCredential } from './order-credential.js';
import {
  allPlanIds,
  DEFAULT_REINVESTIGATE_EVERY_MS,
  heldCents,
  newAssets,
  roundOf,
  roundStepName,
  startNextRound,
  untakenItems,
} from './termination.js';
import {
  checkDeduction,
  checkPayment,
  checkSensitiveAction,
  DEDUCTION_RULE,
  PAYMENT_RULE,
  SENSITIVE_STEPS,
  type EnforcementPolicy,
  type RuleCheckEvidence,
} from './rule-check.js';

/** The action kinds each target chain uses (adapters/<chain>/definition.ts). */
export interface EnforcementTargets {
  /** Per asset domain: the kind that takes the asset, the one that gives it back. */
  assets: Readonly<
    Record<AssetDomain, { take: string; step: Extract<ActionStep, 'freeze' | 'seize'>; release: string; amount: 'required' | 'none' }>
  >;
  /**
   * Credit punishment: `recordType` is the listing's record type (`list`/`delist` target it),
   * `restrictionRecordType` the restriction's (`restrict`/`unrestrict`; `recordType` unless told).
   * The target key is `<recordType>/<debtor hash>`.
   */
  credit: {
    chainId: string;
    recordType: string;
    restrictionRecordType?: string;
    list: string;
    delist: string;
    restrict: string;
    unrestrict: string;
  };
  /** The finance action that pays a creditor out of the court's custody account (default `disburse`). */
  payout?: { kind: string };
}

export interface EnforcementEngineOptions {
  ledger: JudicialLedger;
  investigator: AssetInvestigator;
  orderer: ActionOrderer;
  store: WorkflowStore;
  clock: Clock;
  /** The court/contract DID that signs audit entries and order credentials. */
  court: Signer;
  authority: Authority;
  policy: EnforcementPolicy;
  targets: EnforcementTargets;
  /** `aud` of order credentials: one verifier, or the verifier of each target chain (its adapter's DID). */
  orderAudience: string | ((chainId: string) => string);
  /** At most this many steps per case per tick (default 64). */
  maxStepsPerTick?: number;
}

/** What one tick did, per case (for logs, metrics and tests). */
export interface TickReport {
  steps: StepTaken[];
}

/** One step taken on a case. */
export interface StepTaken {
  caseId: string;
  step: Step['kind'] | MediationStep['kind'];
  actionId?: string;
}

const STATE_PREFIX = 'case/';
const MEDIATION_PREFIX = 'mediation/';
/** A partner chain's report of a new asset of a debtor (a hint): `asset-hint/<debtor hash>`, written by any replica. */
const ASSET_HINT_PREFIX = 'asset-hint/';

/** The last asset report kept for a debtor (`requestReinvestigation`). */
export interface AssetHintJson {
  atMs: number;
  chainId: string;
}

/** The audited part of a case's or a mediation's state (one audit log per case id). */
type Audited = Pick<CaseStateJson, 'caseId' | 'audit' | 'bundles'>;

export class EnforcementEngine {
  private readonly o: EnforcementEngineOptions;
  private running: Promise<TickReport> | undefined;
  /**
   * The store revision each state object was read or written at: its next write is checked
   * against it (ports.ts `WorkflowStore.write`), so a write from a stale view (a replica cut off
   * past its lease) fails with `state_conflict` instead of overwriting the new holder's progress.
   * Per object, not per key: another read of the key (GetCase) must not refresh a stale view.
   */
  private readonly revisions = new WeakMap<object, number>();

  constructor(options: EnforcementEngineOptions) {
    this.o = options;
  }

  // ---- inputs --------------------------------------------------------------------------------

  /**
   * Register a court-confirmed agreement: checked, written to `agreement/<caseId>`, audited.
   * Idempotent for the same agreement; another agreement under the same case id is refused.
   * @throws CourtbridgeError `agreement_malformed` | `court_signature_invalid` | `out_of_role` | ALREADY_EXISTS `case_exists`
   */
  async registerAgreement(agreement: MediationAgreement, signature: Uint8Array): Promise<CaseStateJson> {
    verifyAgreement(agreement, signature, this.o.authority);
    return this.openCase({
      agreement,
      bytes: agreementBytes(agreement),
      signature,
      caseBody: mediationCaseBody(agreement),
      registerBody: agreementRegisterBody(agreement),
      event: 'agreement_registered',
      text: (total) => agreementRegisteredText(agreement.obligations.length, total),
    });
  }

  /**
   * Register an effective judgment or ruling (a mediation agreement goes to registerAgreement):
   * the same enforcement path follows once an obligation is overdue.
   * @throws CourtbridgeError `instrument_malformed` | `court_signature_invalid` | `revoked` | `out_of_role` | ALREADY_EXISTS `case_exists`
   */
  async registerJudgment(instrument: JudicialInstrument, signature: Uint8Array): Promise<CaseStateJson> {
    verifyInstrument(instrument, signature, this.o.authority);
    if (instrument.kind === 'mediation_agreement')
      return this.registerAgreement({ ...instrument, confirmedAtMs: instrument.effectiveAtMs }, signature);
    const kind = instrument.kind;
    return this.openCase({
      agreement: { ...instrument, confirmedAtMs: instrument.effectiveAtMs },
      bytes: instrumentBytes(instrument),
      signature,
      instrumentKind: kind,
      caseBody: instrumentCaseBody(instrument),
      registerBody: instrumentRegisterBody(instrument),
      event: `${kind}_registered`,
      text: (total) => instrumentRegisteredText(kind, instrument.obligations.length, total),
    });
  }

  /** The shared registration: checked instrument -> `case/` + `agreement/` on the judicial chain -> state -> audit. */
  private async openCase(p: {
    agreement: MediationAgreement;
    bytes: Uint8Array;
    signature: Uint8Array;
    instrumentKind?: 'judgment' | 'ruling';
    caseBody: CanonicalObject;
    registerBody: CanonicalObject;
    event: string;
    text: (totalCents: bigint) => string;
  }): Promise<CaseStateJson> {
    const { agreement, bytes, signature } = p;
    const existing = await this.load(agreement.caseId);
    if (existing) {
      if (existing.agreementHex === toHex(bytes) && existing.signatureHex === toHex(signature)) return existing;
      throw new CourtbridgeError(ErrorCode.AlreadyExists, 'case_exists', `case ${agreement.caseId} is registered with another agreement`);
    }
    const mediation = await this.endMediation(agreement, p.instrumentKind === undefined);
    // The mediated case and its agreement on THE judicial chain (adapters/judicial): a case the
    // court already filed stands (the agreement's court must then match it: `court_mismatch`).
    try {
      await this.o.ledger.submit('case.file', `case:${agreement.caseId}`, p.caseBody);
    } catch (e) {
      if (!(isCourtbridgeError(e) && e.reason === 'record_exists')) throw e;
    }
    await this.o.ledger.submit('agreement.register', `agreement:${agreement.caseId}`, p.registerBody);
    const proof = await this.o.ledger.prove(`agreement/${agreement.caseId}`);
    const creditor = agreement.parties.find((x) => x.role === 'obligee')!;
    const s: CaseStateJson = {
      schema: 1,
      caseId: agreement.caseId,
      agreementHex: toHex(bytes),
      signatureHex: toHex(signature),
      ...(p.instrumentKind === undefined ? {} : { instrumentKind: p.instrumentKind }),
      courtDid: agreement.courtDid,
      creditorHash: toHex(creditor.partyIdHash),
      obligations: agreement.obligations.map((ob) => ({
        obligationId: ob.obligationId,
        amountCents: ob.amount,
        dueAtMs: ob.dueAtMs,
        performedCents: '0',
        lastPerformedAtMs: 0,
        progress: 'open',
      })),
      phase: 'active',
      reports: [],
      actions: {},
      // A mediation's audit log continues under the same case id.
      audit: mediation
        ? { nextSequence: mediation.audit.nextSequence, headHash: mediation.audit.headHash }
        : { nextSequence: 1, headHash: toHex(GENESIS_PREV_HASH) },
      bundles: mediation ? { ...mediation.bundles } : {},
    };
    // Debtor ids stay hashed: the metadata shows counts and amounts only.
    this.addAudit(s, p.event, '', p.text(outstandingCents(s)), [proof]);
    await this.save(s);
    await this.flushAudit(s);
    if (mediation) await this.settledByAgreement(mediation);
    return s;
  }

  /**
   * A mediation under the agreement's case id ends in the agreement (confirmed before its
   * deadline); a failed one, or a judgment under its id, is refused.
   * @throws CourtbridgeError FAILED_PRECONDITION `mediation_failed` | ALREADY_EXISTS `case_exists`
   */
  private async endMediation(agreement: MediationAgreement, isAgreement: boolean): Promise<MediationStateJson | undefined> {
    const m = await this.loadMediation(agreement.caseId);
    if (!m) return undefined;
    if (!isAgreement)
      throw new CourtbridgeError(
        ErrorCode.AlreadyExists,
        'case_exists',
        `case ${agreement.caseId} is a mediation; only its agreement may settle it`,
      );
    const late = agreement.confirmedAtMs >= m.deadlineMs;
    if (m.phase === 'failed' || m.phase === 'trial_filed' || (m.phase === 'mediating' && late))
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'mediation_failed',
        `调解案件 ${m.caseId} 已调解不成（撤回或逾期），不能再登记协议；请查看诉讼案件 trial-${m.caseId} / mediation ${m.caseId} failed (withdrawn or past its deadline); see the trial case trial-${m.caseId}`,
      );
    if (m.audit.pending) await this.flushAudit(m, (x) => this.saveMediation(x));
    return m;
  }

  /**
   * A mediation whose case now has its agreement is `agreed` (marked after the case state is
   * saved, so a crash in between still finds the agreement here and never files a trial).
   */
  private async settledByAgreement(m: MediationStateJson): Promise<boolean> {
    if (m.phase === 'agreed') return true;
    if (m.phase !== 'mediating' || !(await this.load(m.caseId))) return false;
    m.phase = 'agreed';
    await this.saveMediation(m);
    return true;
  }

  /**
   * Register a mediation in progress (signed by the court): the mediated case is filed on the
   * judicial chain and audited. Idempotent for the same mediation.
   * @throws CourtbridgeError `mediation_malformed` | `court_signature_invalid` | `revoked` | `out_of_role` | ALREADY_EXISTS `case_exists`
   */
  async registerMediation(mediation: MediationCase, signature: Uint8Array): Promise<MediationStateJson> {
    verifyMediation(mediation, signature, this.o.authority);
    const bytes = mediationBytes(mediation);
    const existing = await this.loadMediation(mediation.caseId);
    if (existing) {
      if (existing.mediationHex === toHex(bytes) && existing.signatureHex === toHex(signature)) return existing;
      throw new CourtbridgeError(ErrorCode.AlreadyExists, 'case_exists', `case ${mediation.caseId} is registered with another mediation`);
    }
    if (await this.load(mediation.caseId))
      throw new CourtbridgeError(ErrorCode.AlreadyExists, 'case_exists', `case ${mediation.caseId} already has an agreement or judgment`);
    try {
      await this.o.ledger.submit('case.file', `case:${mediation.caseId}`, mediationOpenBody(mediation, toHex(sha256(bytes))));
    } catch (e) {
      if (!(isCourtbridgeError(e) && e.reason === 'record_exists')) throw e;
    }
    const proof = await this.o.ledger.prove(`case/${mediation.caseId}`);
    const s: MediationStateJson = {
      schema: 1,
      caseId: mediation.caseId,
      mediationHex: toHex(bytes),
      signatureHex: toHex(signature),
      courtDid: mediation.courtDid,
      mediatorDid: mediation.mediatorDid,
      deadlineMs: mediation.agreementDeadlineMs,
      phase: 'mediating',
      audit: { nextSequence: 1, headHash: toHex(GENESIS_PREV_HASH) },
      bundles: {},
    };
    this.addAudit(s, 'mediation_registered', '', mediationRegisteredText(mediation.parties.length, mediation.agreementDeadlineMs), [proof]);
    await this.saveMediation(s);
    await this.flushAudit(s, (x) => this.saveMediation(x));
    return s;
  }

  /**
   * A party withdrew from a mediation, reported by its court or mediator: the mediation fails
   * and the next tick files the trial. Idempotent for the same withdrawal.
   * @throws CourtbridgeError `withdrawal_malformed` | `reporter_signature_invalid` | `revoked` | `reporter_not_mediator` |
   *   NOT_FOUND `unknown_case` | `unknown_mediation_party` | FAILED_PRECONDITION `mediation_closed`
   */
  async reportWithdrawal(withdrawal: MediationWithdrawal, signature: Uint8Array): Promise<MediationStateJson> {
    verifyWithdrawal(withdrawal, signature, this.o.authority);
    const s = await this.loadMediation(withdrawal.caseId);
    if (!s) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_case', `no mediation ${withdrawal.caseId}`);
    if (withdrawal.reporterDid !== s.courtDid && withdrawal.reporterDid !== s.mediatorDid)
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'reporter_not_mediator',
        `${withdrawal.reporterDid} is neither the court nor the mediator of ${s.caseId}`,
      );
    const m = this.mediationOf(s);
    const party = toHex(withdrawal.partyIdHash);
    if (!m.parties.some((p) => toHex(p.partyIdHash) === party))
      throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_mediation_party', `the withdrawing party is not a party to ${s.caseId}`);
    const hex = toHex(withdrawalBytes(withdrawal));
    if (s.failure?.withdrawalHex === hex) return s;
    if ((await this.settledByAgreement(s)) || s.phase !== 'mediating' || withdrawal.withdrawnAtMs >= s.deadlineMs)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'mediation_closed',
        `mediation ${s.caseId} is ${s.phase === 'mediating' ? 'past its deadline' : s.phase}`,
      );
    if (s.audit.pending) await this.flushAudit(s, (x) => this.saveMediation(x));
    this.failMediation(s, { reason: 'withdrawn', atMs: withdrawal.withdrawnAtMs, partyHash: party, withdrawalHex: hex });
    await this.saveMediation(s);
    await this.flushAudit(s, (x) => this.saveMediation(x));
    return s;
  }

  /** Fix the trial record's bytes and audit the failure (nothing sent yet). */
  private failMediation(s: MediationStateJson, failure: NonNullable<MediationStateJson['failure']>): void {
    const trialCaseId = `trial-${s.caseId}`.slice(0, 101);
    const record = trialCaseBody({
      trialCaseId,
      mediation: this.mediationOf(s),
      recordHash: toHex(sha256(fromHex(s.mediationHex))),
      reason: failure.reason,
    });
    s.phase = 'failed';
    s.failure = failure;
    s.trial = { trialCaseId, recordHex: toHex(encodeCanonical(record, 'case')), filed: false };
    this.addAudit(s, 'mediation_failed', '', mediationFailedText(failure.reason, failure.atMs), []);
  }

  private mediationOf(s: MediationStateJson): MediationCase {
    const o = decodeCanonicalObject(fromHex(s.mediationHex), 'mediation') as unknown as Omit<MediationCase, 'parties'> & {
      parties: { party: string; role: 'applicant' | 'respondent' }[];
    };
    return { ...o, parties: o.parties.map((p) => ({ partyIdHash: fromHex(p.party), role: p.role })) };
  }

  private async mediationTick(
    caseId: string,
    nowMs: number,
    report: TickReport,
    keepGoing: () => Promise<boolean> = async () => true,
    onStep?: (step: StepTaken) => void,
  ): Promise<void> {
    for (let i = 0; i < (this.o.maxStepsPerTick ?? 64); i++) {
      const s = await this.loadMediation(caseId);
      if (s === undefined) return;
      if (!s.audit.pending && (await this.settledByAgreement(s))) return;
      const step = nextMediationStep(s, nowMs);
      if (step.kind === 'idle' || !(await keepGoing())) return;
      report.steps.push({ caseId, step: step.kind });
      if (step.kind === 'flush_audit') await this.flushAudit(s, (x) => this.saveMediation(x));
      else if (step.kind === 'fail_deadline') {
        this.failMediation(s, { reason: 'deadline', atMs: s.deadlineMs });
        await this.saveMediation(s);
        await this.flushAudit(s, (x) => this.saveMediation(x));
      } else {
        const t = s.trial!;
        await this.o.ledger.submit('case.file', `case:${t.trialCaseId}`, decodeCanonicalObject(fromHex(t.recordHex), 'case'));
        const proofs = await this.o.ledger.proveMany([`case/${t.trialCaseId}`, `case/${s.caseId}`]);
        t.filed = true;
        s.phase = 'trial_filed';
        this.addAudit(s, 'trial_filed', '', trialFiledText(t.trialCaseId, s.caseId), proofs);
        await this.saveMediation(s);
        await this.flushAudit(s, (x) => this.saveMediation(x));
      }
      onStep?.({ caseId, step: step.kind });
    }
  }

  async getMediation(caseId: string): Promise<MediationStateJson> {
    const s = await this.loadMediation(caseId);
    if (!s) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_case', `no mediation ${caseId}`);
    return s;
  }

  private async loadMediation(caseId: string): Promise<MediationStateJson | undefined> {
    return this.read<MediationStateJson>(MEDIATION_PREFIX + caseId);
  }

  private async saveMediation(s: MediationStateJson): Promise<void> {
    await this.write(MEDIATION_PREFIX + s.caseId, s);
  }

  /**
   * Record a performance report (signed by the obligee, its lawyer or an agency). Idempotent per
   * report. Releases, if the debt is now covered, happen on the next tick.
   * @throws CourtbridgeError `report_malformed` | `reporter_signature_invalid` | NOT_FOUND `unknown_case` | `unknown_obligation`
   */
  async reportPerformance(report: PerformanceReport, signature: Uint8Array): Promise<CaseStateJson> {
    verifyReport(report, signature, this.o.authority);
    const s = await this.mustLoad(report.caseId);
    const ob = s.obligations.find((x) => x.obligationId === report.obligationId);
    if (!ob)
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_obligation',
        `case ${report.caseId} has no obligation ${report.obligationId}`,
      );
    const bytes = reportBytes(report);
    const reportId = toHex(sha256(bytes)).slice(0, 32);
    if (s.reports.includes(reportId)) return s;
    if (s.audit.pending) await this.flushAudit(s);
    // The chain refuses a payment beyond what is owed (`overpayment`): report at most that much.
    const owed = BigInt(ob.amountCents) - BigInt(ob.performedCents);
    const credited = BigInt(report.amount) < owed ? BigInt(report.amount) : owed;
    const refs: ProvenRecord[] = [];
    if (credited > 0n) {
      const key = performanceKey(report.caseId, reportId);
      const index = s.obligations.findIndex((x) => x.obligationId === report.obligationId);
      await this.o.ledger.submit(
        'performance.report',
        `performance:${report.caseId}:${reportId}`,
        performanceReportBody(report, reportId, index, credited.toString()),
      );
      refs.push(await this.o.ledger.prove(key));
    }
    const performed = BigInt(ob.performedCents) + BigInt(report.amount);
    ob.performedCents = (performed > BigInt(ob.amountCents) ? BigInt(ob.amountCents) : performed).toString();
    ob.lastPerformedAtMs = Math.max(ob.lastPerformedAtMs, report.performedAtMs);
    if (BigInt(ob.performedCents) >= BigInt(ob.amountCents)) ob.progress = 'performed';
    s.reports.push(reportId);
    this.addAudit(s, 'performance_reported', '', performanceReportedText(ob.obligationId, report.amount, outstandingCents(s)), refs);
    await this.save(s);
    await this.flushAudit(s);
    return s;
  }

  // ---- the clock-driven contract -------------------------------------------------------------

  /** Advance every case as far as `now` allows. Ticks never overlap (a second call waits). */
  async tick(nowMs: number = this.o.clock.now()): Promise<TickReport> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.runTick(nowMs);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async runTick(nowMs: number): Promise<TickReport> {
    const report: TickReport = { steps: [] };
    for (const key of await this.o.store.keys(STATE_PREFIX)) {
      const caseId = key.slice(STATE_PREFIX.length);
      for (let i = 0; i < (this.o.maxStepsPerTick ?? 64); i++) {
        const s = (await this.load(caseId))!;
        await this.foldAssetHint(s);
        const step = nextStep(s, nowMs);
        if (step.kind === 'idle') break;
        report.steps.push(step.kind === 'order' ? { caseId, step: step.kind, actionId: step.actionId } : { caseId, step: step.kind });
        await this.perform(s, step, nowMs);
      }
    }
    for (const key of await this.o.store.keys(MEDIATION_PREFIX))
      await this.mediationTick(key.slice(MEDIATION_PREFIX.length), nowMs, report);
    return report;
  }

  /**
   * Advance ONE case as far as `now` allows (a replica ticks only the cases it holds the lease
   * of: src/workflows/service/case-runner.ts). `keepGoing` is asked before every step; false
   * stops at that step boundary (the lease was lost or the runner drains). `onStep` hears of
   * each step once it is done (a service logs it at once, not when the tick ends).
   */
  async tickCase(
    caseId: string,
    nowMs: number,
    keepGoing: () => Promise<boolean> = async () => true,
    onStep?: (step: StepTaken) => void,
  ): Promise<TickReport> {
    const report: TickReport = { steps: [] };
    // A mediation under this id first: its deadline may fail it and file the trial.
    await this.mediationTick(caseId, nowMs, report, keepGoing, onStep);
    for (let i = 0; i < (this.o.maxStepsPerTick ?? 64); i++) {
      const s = await this.load(caseId);
      if (!s) break;
      await this.foldAssetHint(s);
      const step = nextStep(s, nowMs);
      if (step.kind === 'idle' || !(await keepGoing())) break;
      const taken: StepTaken = step.kind === 'order' ? { caseId, step: step.kind, actionId: step.actionId } : { caseId, step: step.kind };
      report.steps.push(taken);
      await this.perform(s, step, nowMs);
      onStep?.(taken);
    }
    return report;
  }

  private async perform(s: CaseStateJson, step: Step, nowMs: number): Promise<void> {
    switch (step.kind) {
      case 'flush_audit':
        return this.flushAudit(s);
      case 'mark_performed':
        s.phase = 'performed';
        this.addAudit(s, 'agreement_performed', '', agreementPerformedText(), []);
        return this.commit(s);
      case 'file_enforcement':
        return this.fileEnforcement(s, step.overdue, nowMs);
      case 'submit_case':
        return this.submitCase(s);
      case 'investigate':
        return this.investigate(s);
      case 'plan':
        return this.plan(s);
      case 'order':
        return this.order(s, step.actionId, nowMs);
      case 'plan_releases':
        return this.planReleases(s);
      case 'plan_deductions':
        return this.planDeductions(s);
      case 'plan_distribution':
        return this.planDistribution(s);
      case 'terminate':
        return this.terminate(s, nowMs);
      case 'reinvestigate':
        return this.reinvestigate(s, nowMs);
      case 'resume':
        return this.resume(s, nowMs);
      case 'close_satisfied':
        s.phase = 'satisfied';
        this.addAudit(s, 'enforcement_closed', '', enforcementClosedText(), []);
        return this.commit(s);
      case 'idle':
        return;
    }
  }

  private async fileEnforcement(s: CaseStateJson, overdue: string[], nowMs: number): Promise<void> {
    const agreement = s.obligations;
    for (const o of agreement) if (overdue.includes(o.obligationId)) o.progress = 'overdue';
    const debtorHash = this.debtorOf(s, overdue);
    const enforcementCaseId = `enf-${s.caseId}`;
    const debt = outstandingCents(s);
    // The record's bytes are fixed now and kept, so a retry after a crash writes the same bytes.
    const record = enforcementCaseBody({
      enforcementCaseId,
      parentCaseId: s.caseId,
      court: s.courtDid,
      debtorHash,
      creditorHash: s.creditorHash,
      debtCents: debt.toString(),
    });
    s.phase = 'enforcing';
    s.enforcement = {
      enforcementCaseId,
      debtorHash,
      debtCents: debt.toString(),
      filedAtMs: nowMs,
      recordHex: toHex(encodeCanonical(record, 'case')),
      filed: false,
    };
    this.addAudit(s, 'obligation_overdue', '', obligationOverdueText(overdue, nowMs, debt), []);
    await this.commit(s);
  }

  private debtorOf(s: CaseStateJson, overdue: string[]): string {
    const agreement = this.agreementOf(s);
    const ob = agreement.obligations.find((o) => overdue.includes(o.obligationId))!;
    return toHex(ob.obligorIdHash);
  }

  private agreementOf(s: CaseStateJson): { obligations: SignedObligation[] } {
    // Decoded lazily from the signed bytes we keep (the single source of truth).
    const m = s.instrumentKind === undefined ? decodeAgreement(fromHex(s.agreementHex)) : decodeInstrument(fromHex(s.agreementHex));
    return {
      obligations: m.obligations.map((o) => ({
        obligationId: o.obligationId,
        obligorIdHash: new Uint8Array(o.obligorIdHash),
        ...(o.creditorRank === undefined ? {} : { creditorRank: o.creditorRank }),
        ...(o.payeeAccount === undefined ? {} : { payeeAccount: o.payeeAccount }),
      })),
    };
  }

  private async submitCase(s: CaseStateJson): Promise<void> {
    const e = s.enforcement!;
    const key = `case/${e.enforcementCaseId}`;
    await this.o.ledger.submit('case.file', `case:${e.enforcementCaseId}`, decodeCanonicalObject(fromHex(e.recordHex), 'case'));
    const proof = await this.o.ledger.prove(key);
    e.filed = true;
    this.addAudit(s, 'enforcement_filed', '', enforcementFiledText(e.enforcementCaseId, e.debtCents), [proof]);
    await this.commit(s);
  }

  private async investigate(s: CaseStateJson): Promise<void> {
    const e = s.enforcement!;
    const inv = await this.o.investigator.investigate(e.debtorHash);
    const items = inv.items.map((it) => {
      const h = this.keepBundle(s, it.record);
      return {
        domain: it.domain,
        chainId: it.chainId,
        recordType: it.recordType,
        target: it.target,
        valueCents: it.valueCents.toString(),
        bundle: h,
      };
    });
    e.investigation = { completeness: inv.completeness, items, chains: inv.chains };
    const total = inv.items.reduce((a, b) => a + b.valueCents, 0n);
    const down = inv.chains.filter((c) => c.status !== 'answered').map((c) => c.chainId);
    this.addAudit(
      s,
      'assets_investigated',
      '',
      assetsInvestigatedText({ items: items.length, total, chains: inv.chains.length, unavailable: down, completeness: inv.completeness }),
      inv.items.map((i) => i.record),
    );
    await this.commit(s);
  }

  private async plan(s: CaseStateJson): Promise<void> {
    const e = s.enforcement!;
    // A resumed round takes only what the case does not hold yet, for what those holdings leave owed.
    const round = roundOf(e);
    const debt = round === 1 ? BigInt(e.debtCents) : outstandingCents(s) - heldCents(s);
    const result = allocate(debt, untakenItems(s, e.investigation!.items));
    const plan: string[] = [];
    const basis = `${this.o.policy.legalBasis}；执行案件 ${e.enforcementCaseId}`;
    for (const a of result.allocations) {
      const t = this.o.targets.assets[a.item.domain];
      const actionId = actionIdOf(s.caseId, roundStepName(t.step, round), a.item.chainId, a.item.target);
      s.actions[actionId] = {
        actionId,
        orderId: orderIdOf(actionId),
        step: t.step,
        domain: a.item.domain,
        chainId: a.item.chainId,
        kind: t.take,
        recordType: a.item.recordType,
        target: a.item.target,
        amountCents: t.amount === 'required' ? (a.amountCents ?? a.coversCents).toString() : '',
        coversCents: a.coversCents.toString(),
        basisBundle: a.item.bundle,
        legalBasis: basis,
        status: 'planned',
      };
      plan.push(actionId);
    }
    if (result.verdict === 'shortfall') {
      const c = this.o.targets.credit;
      for (const [step, kind] of [
        ['list', c.list],
        ['restrict', c.restrict],
      ] as const) {
        const actionId = actionIdOf(s.caseId, step, c.chainId, e.debtorHash);
        // Credit punishment of an earlier round is still in force: never listed twice.
        if (s.actions[actionId]?.status === 'executed') continue;
        s.actions[actionId] = {
          actionId,
          orderId: orderIdOf(actionId),
          step,
          domain: 'credit',
          chainId: c.chainId,
          kind,
          recordType: step === 'restrict' ? (c.restrictionRecordType ?? c.recordType) : c.recordType,
          target: e.debtorHash,
          amountCents: '',
          coversCents: '0',
          basisBundle: '',
          legalBasis: basis,
          status: 'planned',
        };
        plan.push(actionId);
      }
    }
    e.plan = plan;
    if (this.o.policy.deductAfterMs !== undefined) e.deductAfterMs = this.o.policy.deductAfterMs;
    this.addAudit(
      s,
      'enforcement_planned',
      '',
      enforcementPlannedText(result.allocations.length, result.coveredCents, debt, result.verdict),
      [],
    );
    await this.commit(s);
  }

  /** `DEDUCTION_RULE` (rule-check.ts): deduct, freeze by freeze in plan order, what is still owed. */
  private async planDeductions(s: CaseStateJson): Promise<void> {
    const e = s.enforcement!;
    let owed = outstandingCents(s);
    const deductions: string[] = [];
    for (const id of e.plan ?? []) {
      const f = s.actions[id]!;
      if (f.step !== 'freeze' || f.domain !== 'finance' || f.status !== 'executed' || owed === 0n) continue;
      const amount = BigInt(f.amountCents) < owed ? BigInt(f.amountCents) : owed;
      owed -= amount;
      const actionId = actionIdOf(s.caseId, `deduct:${f.actionId}`, f.chainId, f.target);
      s.actions[actionId] = {
        actionId,
        orderId: orderIdOf(actionId),
        step: 'deduct',
        domain: 'finance',
        chainId: f.chainId,
        kind: 'deduct',
        recordType: f.recordType,
        target: f.target,
        amountCents: amount.toString(),
        coversCents: amount.toString(),
        basisBundle: f.resultBundle ?? '',
        legalBasis: `${this.o.policy.legalBasis}；${DEDUCTION_RULE}（执行案件 ${e.enforcementCaseId}）`,
        deducts: f.actionId,
        status: 'planned',
      };
      deductions.push(actionId);
    }
    e.deductions = deductions;
    this.addAudit(s, 'deduction_planned', '', deductionPlannedText(e.deductAfterMs ?? 0, deductions.length), []);
    await this.commit(s);
  }

  /**
   * `PAYMENT_RULE` (rule-check.ts): the funds the case deducted and has not paid out, shared by
   * `distribute` (rank order of the policy), one `disburse` per share to the payee account the
   * signed instrument names, on the chain whose custody account holds the funds. A share whose
   * obligation names no payee account stays in custody (listed, no order).
   */
  private async planDistribution(s: CaseStateJson): Promise<void> {
    const e = s.enforcement!;
    const rankOrder = [...(this.o.policy.rankOrder ?? DEFAULT_RANK_ORDER)];
    const named = new Map(this.agreementOf(s).obligations.map((o) => [o.obligationId, o]));
    const owed = new Map(s.obligations.map((o) => [o.obligationId, BigInt(o.amountCents) - BigInt(o.performedCents)]));
    const deductions = Object.values(s.actions).filter((a) => a.step === 'deduct' && a.status === 'executed');
    const chains = [...new Set(deductions.map((a) => a.chainId))].sort();
    const shares: DistributionShareJson[] = [];
    const payments: string[] = [];
    let available = 0n;
    for (const chainId of chains) {
      const held = custodyHeldCents(s, chainId);
      available += held;
      const claims: Claim[] = s.obligations.map((o) => ({
        obligationId: o.obligationId,
        rank: rankOf(named.get(o.obligationId) ?? {}),
        owedCents: owed.get(o.obligationId)! > 0n ? owed.get(o.obligationId)! : 0n,
      }));
      const recordType = deductions.find((d) => d.chainId === chainId)!.recordType;
      for (const sh of distribute(held, claims, rankOrder).shares) {
        if (sh.amountCents === 0n) continue;
        owed.set(sh.obligationId, owed.get(sh.obligationId)! - sh.amountCents);
        const payee = named.get(sh.obligationId)?.payeeAccount;
        const share: DistributionShareJson = {
          obligationId: sh.obligationId,
          rank: sh.rank,
          amountCents: sh.amountCents.toString(),
          chainId,
          ...(payee === undefined ? {} : { payeeAccount: payee }),
        };
        if (payee !== undefined) {
          const actionId = actionIdOf(s.caseId, roundStepName(`disburse:${sh.obligationId}`, roundOf(e)), chainId, payee);
          s.actions[actionId] = {
            actionId,
            orderId: orderIdOf(actionId),
            step: 'disburse',
            domain: 'finance',
            chainId,
            kind: this.o.targets.payout?.kind ?? 'disburse',
            recordType,
            target: payee,
            amountCents: share.amountCents,
            coversCents: share.amountCents,
            basisBundle: '',
            legalBasis: `${this.o.policy.legalBasis}；${PAYMENT_RULE}（执行案件 ${e.enforcementCaseId}，义务 ${sh.obligationId}）`,
            pays: sh.obligationId,
            status: 'planned',
          };
          share.actionId = actionId;
          payments.push(actionId);
        }
        shares.push(share);
      }
    }
    const verdict = [...owed.values()].some((v) => v > 0n) ? 'shortfall' : 'paid_in_full';
    e.distribution = { rankOrder, availableCents: available.toString(), verdict, shares, payments };
    this.addAudit(
      s,
      'distribution_planned',
      '',
      distributionPlannedText({
        rule: DISTRIBUTION_RULE,
        rankOrder,
        availableCents: available,
        verdict,
        shares: shares.map((x) => ({
          obligationId: x.obligationId,
          rank: x.rank,
          amountCents: x.amountCents,
          held: x.actionId === undefined,
        })),
      }),
      [],
    );
    await this.commit(s);
  }

  /** An executed payment counts as performance of its obligation, reported on the judicial chain. */
  private async creditPayment(s: CaseStateJson, a: ActionRecordJson): Promise<ProvenRecord[]> {
    const i = s.obligations.findIndex((o) => o.obligationId === a.pays);
    const ob = s.obligations[i]!;
    const owed = BigInt(ob.amountCents) - BigInt(ob.performedCents);
    // The chain refuses a payment beyond what is owed (`overpayment`): report at most that much.
    const take = BigInt(a.amountCents) < owed ? BigInt(a.amountCents) : owed;
    if (take <= 0n) return [];
    const reportId = `pay-${a.actionId.slice(0, 32)}`;
    await this.o.ledger.submit('performance.report', `performance:${s.caseId}:${reportId}`, {
      type: 'performance_report',
      schema: 1,
      agreementId: s.caseId,
      reportId,
      obligationIndex: i,
      amountCents: take.toString(),
      reportedBy: this.o.court.did,
    });
    const proof = await this.o.ledger.prove(performanceKey(s.caseId, reportId));
    ob.performedCents = (BigInt(ob.performedCents) + take).toString();
    if (BigInt(ob.performedCents) >= BigInt(ob.amountCents)) ob.progress = 'performed';
    return [proof];
  }

  private async planReleases(s: CaseStateJson): Promise<void> {
    const e = s.enforcement!;
    const releases: string[] = [];
    const deducted = (freezeId: string): bigint =>
      Object.values(s.actions).reduce(
        (sum, d) => (d.step === 'deduct' && d.deducts === freezeId && d.status === 'executed' ? sum + BigInt(d.amountCents) : sum),
        0n,
      );
    for (const id of allPlanIds(e).reverse()) {
      const a = s.actions[id]!;
      if (a.status !== 'executed') continue;
      // A freeze deducted in full holds nothing more to release.
      if (a.step === 'freeze' && a.domain === 'finance' && deducted(a.actionId) >= BigInt(a.amountCents)) continue;
      const kind =
        a.domain === 'credit'
          ? a.step === 'list'
            ? this.o.targets.credit.delist
            : this.o.targets.credit.unrestrict
          : this.o.targets.assets[a.domain].release;
      const actionId = actionIdOf(s.caseId, `release:${a.actionId}`, a.chainId, a.target);
      s.actions[actionId] = {
        actionId,
        orderId: orderIdOf(actionId),
        step: 'release',
        domain: a.domain,
        chainId: a.chainId,
        kind,
        recordType: a.recordType,
        target: a.target,
        amountCents: '',
        coversCents: '0',
        basisBundle: '',
        legalBasis: `${this.o.policy.legalBasis}；执行案件 ${e.enforcementCaseId} 债务已清偿`,
        releases: a.actionId,
        status: 'planned',
      };
      releases.push(actionId);
    }
    e.releases = releases;
    this.addAudit(s, 'release_planned', '', releasePlannedText(releases.length), []);
    await this.commit(s);
  }

  // ---- 终结本次执行 and 恢复执行 (termination.ts decides) ---------------------------------------

  /**
   * Terminate the round (or finish recording it after a crash): fixed and saved first, then
   * `termination.record` on the judicial chain (its tx id names the round), then audited.
   */
  private async terminate(s: CaseStateJson, nowMs: number): Promise<void> {
    const e = s.enforcement!;
    if (s.phase !== 'terminated') {
      const every = this.o.policy.reinvestigateEveryMs ?? DEFAULT_REINVESTIGATE_EVERY_MS;
      s.phase = 'terminated';
      e.termination = {
        round: roundOf(e),
        outstandingCents: outstandingCents(s).toString(),
        terminatedAtMs: nowMs,
        recorded: false,
        nextCheckAtMs: nowMs + every,
        lastCheckAtMs: nowMs,
        checks: 0,
        minRequestIntervalMs: this.o.policy.assetReportMinIntervalMs ?? 0,
      };
      await this.save(s);
    }
    const t = e.termination!;
    await this.o.ledger.submit(
      'termination.record',
      `termination:${e.enforcementCaseId}:${t.round}`,
      terminationRecordBody({
        enforcementCaseId: e.enforcementCaseId,
        court: s.courtDid,
        round: t.round,
        outstandingCents: t.outstandingCents,
      }),
    );
    const proof = await this.o.ledger.prove(terminationKey(e.enforcementCaseId));
    t.recorded = true;
    this.addAudit(
      s,
      'enforcement_terminated',
      '',
      enforcementTerminatedText(e.enforcementCaseId, t.round, t.outstandingCents, t.nextCheckAtMs),
      [proof],
    );
    await this.commit(s);
  }

  /**
   * Investigate a terminated case again. Assets not already taken: the resumption is decided (and
   * saved, recorded by the next step). Nothing new: the next check is scheduled, saved, not audited.
   */
  private async reinvestigate(s: CaseStateJson, nowMs: number): Promise<void> {
    const e = s.enforcement!;
    const t = e.termination!;
    const inv = await this.o.investigator.investigate(e.debtorHash);
    const items = inv.items.map((it) => ({
      domain: it.domain,
      chainId: it.chainId,
      recordType: it.recordType,
      target: it.target,
      valueCents: it.valueCents.toString(),
      bundle: recordBundleHash(it.record),
    }));
    if (newAssets(s, items).length > 0) {
      for (const it of inv.items) this.keepBundle(s, it.record);
      t.resumption = { reason: 'assets_found', atMs: nowMs, investigation: { completeness: inv.completeness, items, chains: inv.chains } };
    } else {
      t.lastCheckAtMs = nowMs;
      t.nextCheckAtMs = nowMs + (this.o.policy.reinvestigateEveryMs ?? DEFAULT_REINVESTIGATE_EVERY_MS);
      t.checks += 1;
      delete t.requested;
    }
    await this.save(s);
  }

  /**
   * 恢复执行: `termination.resume` on the judicial chain, the round archived, a new round begun
   * (with the investigation that found the assets, or none when the debt was performed), audited.
   */
  private async resume(s: CaseStateJson, nowMs: number): Promise<void> {
    const e = s.enforcement!;
    const t = e.termination!;
    const r = t.resumption ?? { reason: 'performed' as const, atMs: nowMs };
    await this.o.ledger.submit(
      'termination.resume',
      `termination-resume:${e.enforcementCaseId}:${t.round}`,
      terminationResumeBody({ enforcementCaseId: e.enforcementCaseId, court: s.courtDid, round: t.round, reason: r.reason }),
    );
    const proof = await this.o.ledger.prove(terminationKey(e.enforcementCaseId));
    const found = r.investigation === undefined ? [] : newAssets(s, r.investigation.items);
    const next = startNextRound(e);
    if (r.investigation !== undefined) next.investigation = r.investigation;
    s.enforcement = next;
    s.phase = 'enforcing';
    this.addAudit(
      s,
      'enforcement_resumed',
      '',
      enforcementResumedText(e.enforcementCaseId, t.round, {
        reason: r.reason,
        items: found.length,
        total: found.reduce((a, b) => a + BigInt(b.valueCents), 0n),
        ...(t.requested ? { requestedBy: t.requested.chainId } : {}),
      }),
      [proof, ...found.map((i) => recordBundleFromHex(s.bundles[i.bundle]!))],
    );
    await this.commit(s);
  }

  /**
   * A partner chain reported a new asset of `debtorHash` (a verified, rate-limited report: the
   * service's asset-report subscriber). Kept as a HINT under the debtor, never in a case's state:
   * the replica holding a case's lease folds it in at its next tick, and only the proven
   * re-investigation decides. Any replica may call this.
   */
  async requestReinvestigation(debtorHash: string, hint: AssetHintJson): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(debtorHash))
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_debtor_hash', 'debtorHash: expected 64 lowercase hex characters');
    const prev = await this.o.store.get(ASSET_HINT_PREFIX + debtorHash);
    if (prev !== undefined && (JSON.parse(prev) as AssetHintJson).atMs >= hint.atMs) return;
    await this.o.store.put(ASSET_HINT_PREFIX + debtorHash, JSON.stringify({ atMs: hint.atMs, chainId: hint.chainId }));
  }

  /**
   * A terminated case takes its debtor's latest asset hint, in memory only: the step it leads to
   * (re-investigate) saves it, after the lease was confirmed for that step; a hint that leads to no
   * step yet (the floor after the last check) is read again at the next tick.
   */
  private async foldAssetHint(s: CaseStateJson): Promise<void> {
    const t = s.enforcement?.termination;
    if (s.phase !== 'terminated' || !t?.recorded || t.resumption !== undefined) return;
    const raw = await this.o.store.get(ASSET_HINT_PREFIX + s.enforcement!.debtorHash);
    if (raw === undefined) return;
    const hint = JSON.parse(raw) as AssetHintJson;
    if (hint.atMs <= t.lastCheckAtMs || (t.requested !== undefined && hint.atMs <= t.requested.atMs)) return;
    t.requested = { atMs: hint.atMs, chainId: hint.chainId };
  }

  private async order(s: CaseStateJson, actionId: string, nowMs: number): Promise<void> {
    const a = s.actions[actionId]!;
    let rules: RuleCheckEvidence | undefined;
    if (SENSITIVE_STEPS.has(a.step)) rules = checkSensitiveAction(s, a, this.o.policy);
    // Deducted funds count once paid out: what custody already holds for the case is not owed again.
    if (a.step === 'deduct') rules = checkDeduction(s, a, this.o.policy, outstandingCents(s) - custodyHeldCents(s), nowMs);
    if (a.step === 'disburse')
      rules = checkPayment(s, a, this.o.policy, new Map(this.agreementOf(s).obligations.map((o) => [o.obligationId, o.payeeAccount])));
    const order: JudicialOrder = {
      orderId: a.orderId,
      court: this.o.court.did,
      caseId: s.enforcement!.enforcementCaseId,
      chain: a.chainId,
      actionId: a.actionId,
      kind: a.kind as JudicialOrder['kind'],
      target: a.target,
      amount: a.amountCents,
    };
    if (a.status === 'planned' || a.credential === undefined) {
      // Fixed and recorded BEFORE the call: a restart knows the action may have run, and resends
      // the same credential (the gateway dedupes by action id and refuses a different order).
      const audience = typeof this.o.orderAudience === 'string' ? this.o.orderAudience : this.o.orderAudience(a.chainId);
      a.credential = signOrderCredential(this.o.court, {
        order,
        legalBasis: a.legalBasis,
        audience,
        nowMs,
        lifetimeMs: this.o.policy.orderLifetimeMs,
      });
      a.expiresAtMs = nowMs + this.o.policy.orderLifetimeMs;
      a.status = 'ordering';
      await this.save(s);
    }
    const outcome = await this.o.orderer.order({
      order,
      credential: a.credential,
      legalBasis: a.legalBasis,
      expiresAtMs: a.expiresAtMs!,
      target: { recordType: a.recordType, key: this.targetKeyOf(s, a) },
    });
    a.status = 'executed';
    a.outcome = outcome.outcome;
    a.executedAtMs = nowMs;
    a.resultBundle = this.keepBundle(s, outcome.state);
    const refs: ProvenRecord[] = [outcome.state];
    if (a.step === 'disburse') refs.push(...(await this.creditPayment(s, a)));
    if (a.basisBundle) refs.unshift(recordBundleFromHex(s.bundles[a.basisBundle]!));
    this.addAudit(
      s,
      'action_executed',
      a.actionId,
      actionExecutedText({
        chainId: a.chainId,
        target: `${a.recordType}/${a.step === 'list' || a.step === 'restrict' || a.domain === 'credit' ? 'debtor' : a.target}`,
        kind: a.kind,
        ...(a.step === 'release' ? { releases: a.releases! } : {}),
        ...(a.pays !== undefined ? { pays: a.pays } : {}),
        amountCents: a.amountCents,
        coversCents: a.coversCents,
        orderId: a.orderId,
        legalBasis: a.legalBasis,
        ...(rules ? { rules } : {}),
      }),
      refs,
    );
    await this.commit(s);
  }

  /** The target's state key: the investigated record's key, the key of the action released or deducted from, or `<recordType>/<target>`. */
  private targetKeyOf(s: CaseStateJson, a: ActionRecordJson): string {
    const from = a.releases ?? a.deducts;
    if (from !== undefined && s.actions[from]) return this.targetKeyOf(s, s.actions[from]!);
    const hex = a.basisBundle ? s.bundles[a.basisBundle] : undefined;
    return hex !== undefined ? recordBundleFromHex(hex).key : `${a.recordType}/${a.target}`;
  }

  // ---- audit ---------------------------------------------------------------------------------

  private keepBundle(s: Pick<Audited, 'bundles'>, r: ProvenRecord): string {
    const h = recordBundleHash(r);
    s.bundles[h] = recordBundleToHex(r);
    return h;
  }

  /** Prepare the next entry (signed, linked) and keep it pending until the chain has it. */
  private addAudit(s: Audited, event: string, actionId: string, detail: string, refs: ProvenRecord[]): void {
    if (s.audit.pending) throw new Error('addAudit: an entry is still pending');
    const proofRefs: ProofRef[] = refs.map((r) => {
      this.keepBundle(s, r);
      return proofRefOf(r);
    });
    const entry = signAuditEntry(this.o.court, {
      caseId: s.caseId,
      sequence: s.audit.nextSequence,
      atMs: this.o.clock.now(),
      event,
      actionId,
      detail,
      refs: proofRefs,
      prevHash: fromHex(s.audit.headHash),
    });
    s.audit.pending = { sequence: entry.body.sequence, value: toHex(encodeAuditRecord(entry)), entryHash: toHex(entry.entryHash) };
  }

  private async flushAudit<S extends Audited>(
    s: S,
    save: (s: S) => Promise<void> = (x) => this.save(x as unknown as CaseStateJson),
  ): Promise<void> {
    const p = s.audit.pending;
    if (!p) return;
    await this.o.ledger.submit('audit.append', `audit:${s.caseId}:${p.sequence}`, auditAppendBody(fromHex(p.value)));
    s.audit = { nextSequence: p.sequence + 1, headHash: p.entryHash };
    await save(s);
  }

  /** Save the state with its pending audit entry, then write the entry. */
  private async commit(s: CaseStateJson): Promise<void> {
    await this.save(s);
    await this.flushAudit(s);
  }

  // ---- reads ---------------------------------------------------------------------------------

  async getCase(caseId: string): Promise<CaseStateJson> {
    return this.mustLoad(caseId);
  }

  /** Every case and every mediation (one id may be both: a mediation settled by its agreement). */
  async caseIds(): Promise<string[]> {
    const cases = (await this.o.store.keys(STATE_PREFIX)).map((k) => k.slice(STATE_PREFIX.length));
    const mediations = (await this.o.store.keys(MEDIATION_PREFIX)).map((k) => k.slice(MEDIATION_PREFIX.length));
    return [...new Set([...cases, ...mediations])];
  }

  /**
   * The cases and mediations with a step to take at `nowMs` (a replica leases only these: an idle
   * or closed case costs a read per pass, never a lease write).
   */
  async dueCaseIds(nowMs: number): Promise<string[]> {
    const due: string[] = [];
    for (const caseId of await this.caseIds()) {
      const m = await this.loadMediation(caseId);
      const s = await this.load(caseId);
      // A partner chain's asset report makes a terminated case due now (folded in memory only, as the tick does).
      if (s) await this.foldAssetHint(s);
      if ((m && nextMediationStep(m, nowMs).kind !== 'idle') || (s && nextStep(s, nowMs).kind !== 'idle')) due.push(caseId);
    }
    return due;
  }

  /** The audit entries of a case as on the judicial chain, in order. */
  async auditEntries(caseId: string): Promise<ReturnType<typeof decodeAuditRecord>[]> {
    // A case's log includes its mediation's entries; a mediation without agreement has only those.
    const s = (await this.load(caseId)) ?? (await this.loadMediation(caseId)) ?? (await this.mustLoad(caseId));
    const keys = Array.from({ length: s.audit.nextSequence - 1 }, (_, i) => auditKey(caseId, i + 1));
    const got = keys.length ? await this.o.ledger.proveMany(keys) : [];
    return got.filter((g) => g.value !== null).map((g) => decodeAuditRecord(g.value!));
  }

  /** Export the case's history as a self-contained JSON document (audit-log.ts). */
  async exportCaseHistory(caseId: string): Promise<CaseHistoryJson> {
    const s = (await this.load(caseId)) ?? (await this.loadMediation(caseId)) ?? (await this.mustLoad(caseId));
    const bundles = new Map(Object.entries(s.bundles).map(([h, hex]) => [h, recordBundleFromHex(hex)]));
    return exportCaseHistory(this.o.ledger, caseId, bundles);
  }

  private async load(caseId: string): Promise<CaseStateJson | undefined> {
    return this.read<CaseStateJson>(STATE_PREFIX + caseId);
  }

  private async mustLoad(caseId: string): Promise<CaseStateJson> {
    const s = await this.load(caseId);
    if (!s) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_case', `no case ${caseId}`);
    return s;
  }

  private async save(s: CaseStateJson): Promise<void> {
    await this.write(STATE_PREFIX + s.caseId, s);
  }

  private async read<T extends object>(key: string): Promise<T | undefined> {
    const r = await this.o.store.read(key);
    if (r === undefined) return undefined;
    const s = JSON.parse(r.value) as T;
    this.revisions.set(s, r.revision);
    return s;
  }

  /** @throws CourtbridgeError `state_conflict` (state-conflict.ts): written by another since `s` was read */
  private async write(key: string, s: object): Promise<void> {
    this.revisions.set(s, await this.o.store.write(key, JSON.stringify(s), this.revisions.get(s) ?? 0));
  }
}

/** What the engine reads of a signed obligation: its debtor, its creditor's rank and payee account. */
interface SignedObligation {
  obligationId: string;
  obligorIdHash: Uint8Array;
  creditorRank?: CreditorRank;
  payeeAccount?: string;
}

import { decodeMessage } from '../../wire/codec.js';
const RANK_OF_WIRE: Readonly<Record<string, CreditorRank | undefined>> = {
  CREDITOR_RANK_SECURED: 'secured',
  CREDITOR_RANK_PREFERENTIAL: 'preferential',
};
function decodeAgreement(bytes: Uint8Array): { obligations: SignedObligation[] } {
  const m = decodeMessage('MediationAgreement', bytes);
  return {
    obligations: m.obligations.map((o) => {
      const rank = RANK_OF_WIRE[String(o.creditorRank)];
      return {
        obligationId: o.obligationId,
        obligorIdHash: new Uint8Array(o.obligorIdHash),
        ...(rank === undefined ? {} : { creditorRank: rank }),
        ...(o.payeeAccount ? { payeeAccount: o.payeeAccount } : {}),
      };
    }),
  };
}

export type { ActionRecordJson };

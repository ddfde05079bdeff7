/**
 * The workflow objects as bodies of the judicial chain's transactions (adapters/judicial/
 * contract.ts is the ONE judicial contract; these builders only translate). Each body is the
 * canonical JSON the contract reads; the contract's rules then hold for the workflows too:
 * the agreement's case must be filed by the same court, an order's case must exist and not be
 * closed, a payment never exceeds what is owed.
 */
import { toHex } from '../encoding/bytes.js';
import type { CanonicalObject } from '../encoding/canonical-json.js';
import type { MediationAgreement, PerformanceReport } from './enforcement/agreement.js';
import type { OrderRequest } from './ports.js';
import type { JudicialInstrument } from './enforcement/instrument.js';
import type { MediationCase } from './enforcement/mediation-case.js';
import { judicialOrderIssueBody } from '../judicial/order.js';

/** `case.file` of the case a mediation agreement (or judgment) settles. Obligees apply, obligors respond. */
export function mediationCaseBody(a: MediationAgreement): CanonicalObject {
  return {
    type: 'case_file',
    schema: 1,
    caseId: a.caseId,
    court: a.courtDid,
    kind: 'civil',
    cause: `mediation agreement ${toHex(a.documentHash).slice(0, 16)}`,
    parties: a.parties.map((p) => ({ role: p.role === 'obligor' ? 'respondent' : 'applicant', party: toHex(p.partyIdHash) })),
  };
}

/** `agreement.register`: the agreement id is its case id (one agreement per case in the workflows). */
export function agreementRegisterBody(a: MediationAgreement): CanonicalObject {
  return {
    type: 'agreement_register',
    schema: 1,
    agreementId: a.caseId,
    caseId: a.caseId,
    kind: 'mediation',
    court: a.courtDid,
    parties: a.parties.map((p) => toHex(p.partyIdHash)),
    obligations: a.obligations.map((o) => ({
      debtor: toHex(o.obligorIdHash),
      creditor: toHex(o.obligeeIdHash),
      amountCents: o.amount,
      deadlineMs: o.dueAtMs,
    })),
  };
}

/** `performance.report`, capped by the caller at what is still owed (the chain refuses `overpayment`). */
export function performanceReportBody(
  r: PerformanceReport,
  reportId: string,
  obligationIndex: number,
  amountCents: string,
): CanonicalObject {
  return {
    type: 'performance_report',
    schema: 1,
    agreementId: r.caseId,
    reportId,
    obligationIndex,
    amountCents,
    reportedBy: r.reporterDid,
    evidenceHash: toHex(r.evidenceHash),
  };
}

/** `case.file` of the enforcement case, child of the mediated case. */
export function enforcementCaseBody(p: {
  enforcementCaseId: string;
  parentCaseId: string;
  court: string;
  debtorHash: string;
  creditorHash: string;
  debtCents: string;
}): CanonicalObject {
  return {
    type: 'case_file',
    schema: 1,
    caseId: p.enforcementCaseId,
    court: p.court,
    kind: 'enforcement',
    cause: `enforcement of ${p.parentCaseId.slice(0, 120)}: ${p.debtCents} cents overdue`,
    parties: [
      { role: 'applicant', party: p.creditorHash },
      { role: 'respondent', party: p.debtorHash },
    ],
    parentCaseId: p.parentCaseId,
  };
}

/** `case.file` of the case a judgment or ruling decides (a case the court filed before stands). */
export function instrumentCaseBody(i: JudicialInstrument): CanonicalObject {
  return {
    ...mediationCaseBody({ ...i, confirmedAtMs: i.effectiveAtMs }),
    cause: `${i.kind} ${toHex(i.documentHash).slice(0, 16)}`,
  };
}

/** `agreement.register` of a judgment or ruling: the chain's `judgment` kind holds both. */
export function instrumentRegisterBody(i: JudicialInstrument): CanonicalObject {
  return { ...agreementRegisterBody({ ...i, confirmedAtMs: i.effectiveAtMs }), kind: 'judgment' };
}

/** `case.file` of a mediation in progress; the cause carries the sha256 of its signed record. */
export function mediationOpenBody(m: MediationCase, recordHash: string): CanonicalObject {
  return {
    type: 'case_file',
    schema: 1,
    caseId: m.caseId,
    court: m.courtDid,
    kind: 'civil',
    cause: `mediation ${recordHash}: ${m.cause}`.slice(0, 200),
    parties: m.parties.map((p) => ({ role: p.role, party: toHex(p.partyIdHash) })),
  };
}

/**
 * `case.file` of the trial after a failed mediation: its parent is the mediated case (the key
 * `case/<mediation case id>`) and its cause names the sha256 of the mediation's signed record.
 */
export function trialCaseBody(p: {
  trialCaseId: string;
  mediation: MediationCase;
  recordHash: string;
  reason: 'withdrawn' | 'deadline';
}): CanonicalObject {
  return {
    type: 'case_file',
    schema: 1,
    caseId: p.trialCaseId,
    court: p.mediation.courtDid,
    kind: 'trial',
    cause: `trial after failed mediation (${p.reason}); mediation record sha256 ${p.recordHash}`,
    parties: p.mediation.parties.map((x) => ({ role: x.role === 'applicant' ? 'plaintiff' : 'defendant', party: toHex(x.partyIdHash) })),
    parentCaseId: p.mediation.caseId,
  };
}

/** `order.issue`: the judicial protocol's body (src/judicial/order.ts), the record adapters check an order credential against. */
export function orderIssueBody(req: OrderRequest): CanonicalObject {
  return judicialOrderIssueBody(req.order, { legalBasis: req.legalBasis.slice(0, 500), expiresAtMs: req.expiresAtMs });
}

/** `termination.record`: 终结本次执行 of an enforcement case, its `round`-th time, with what is still owed. */
export function terminationRecordBody(p: {
  enforcementCaseId: string;
  court: string;
  round: number;
  outstandingCents: string;
}): CanonicalObject {
  return {
    type: 'termination_record',
    schema: 1,
    caseId: p.enforcementCaseId,
    court: p.court,
    round: p.round,
    outstandingCents: p.outstandingCents,
  };
}

/** `termination.resume`: 恢复执行 after the `round`-th termination. */
export function terminationResumeBody(p: {
  enforcementCaseId: string;
  court: string;
  round: number;
  reason: 'assets_found' | 'performed';
}): CanonicalObject {
  return { type: 'termination_resume', schema: 1, caseId: p.enforcementCaseId, court: p.court, round: p.round, reason: p.reason };
}

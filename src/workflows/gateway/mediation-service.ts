/**
 * MediationService handlers (proto/courtbridge/v1/mediation.proto) over the enforcement engine
 * (src/workflows/enforcement/engine.ts): RegisterAgreement, ReportPerformance, GetCase,
 * ExportAuditLog (streams the case's audit entries from the judicial chain, in order),
 * RegisterJudgment (judgments and rulings), RegisterMediation and ReportWithdrawal (a failed
 * mediation is filed for trial).
 */
import type * as grpc from '@grpc/grpc-js';
import type { MediationServiceHandlers } from '../../generated/courtbridge/v1/MediationService.js';
import type { MediationCase } from '../../generated/courtbridge/v1/MediationCase.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { EnforcementEngine } from '../enforcement/engine.js';
import type { CaseStateJson } from '../enforcement/case-state.js';
import type { MediationAgreement, PerformanceReport } from '../enforcement/agreement.js';
import type { ExportAuditLogRequest__Output } from '../../generated/courtbridge/v1/ExportAuditLogRequest.js';
import type { GetCaseRequest__Output } from '../../generated/courtbridge/v1/GetCaseRequest.js';
import type { RegisterAgreementRequest__Output } from '../../generated/courtbridge/v1/RegisterAgreementRequest.js';
import type { ReportPerformanceRequest__Output } from '../../generated/courtbridge/v1/ReportPerformanceRequest.js';
import type { AuditEntry } from '../../generated/courtbridge/v1/AuditEntry.js';
import type { MediationProgress } from '../../generated/courtbridge/v1/MediationProgress.js';
import type { RegisterJudgmentRequest__Output } from '../../generated/courtbridge/v1/RegisterJudgmentRequest.js';
import type { RegisterMediationRequest__Output } from '../../generated/courtbridge/v1/RegisterMediationRequest.js';
import type { ReportWithdrawalRequest__Output } from '../../generated/courtbridge/v1/ReportWithdrawalRequest.js';
import type { CreditorRank, Obligation, Party } from '../enforcement/agreement.js';
import type { JudicialInstrument } from '../enforcement/instrument.js';
import type { MediationCase as MediationOpening, MediationStateJson, MediationWithdrawal } from '../enforcement/mediation-case.js';
import type { Obligation__Output } from '../../generated/courtbridge/v1/Obligation.js';
import type { Party__Output } from '../../generated/courtbridge/v1/Party.js';
import { serverStream, unary } from '../../relay/host/handlers.js';
import { retryOnStateConflict } from '../state-conflict.js';

export interface MediationServiceOptions {
  engine: EnforcementEngine;
}

const PHASE = {
  active: 'CASE_STATUS_ACTIVE',
  performed: 'CASE_STATUS_PERFORMED',
  enforcing: 'CASE_STATUS_ENFORCEMENT_FILED',
  satisfied: 'CASE_STATUS_PERFORMED',
  terminated: 'CASE_STATUS_TERMINATED',
} as const;
const PROGRESS = {
  open: 'OBLIGATION_PROGRESS_OPEN',
  performed: 'OBLIGATION_PROGRESS_PERFORMED',
  overdue: 'OBLIGATION_PROGRESS_OVERDUE',
} as const;

const bytes = (v: unknown, title: string): Uint8Array => {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  throw new CourtbridgeError(ErrorCode.InvalidArgument, 'agreement_malformed', `${title}: expected bytes`);
};

const MEDIATION_STATUS = {
  mediating: 'MEDIATION_STATUS_MEDIATING',
  agreed: 'MEDIATION_STATUS_AGREED',
  failed: 'MEDIATION_STATUS_FAILED',
  trial_filed: 'MEDIATION_STATUS_TRIAL_FILED',
} as const;

const partiesIn = (ps: Party__Output[] | undefined): Party[] =>
  (ps ?? []).map((p, i) => ({
    partyIdHash: bytes(p.partyIdHash, `parties[${i}].party_id_hash`),
    role: p.role === 'PARTY_ROLE_OBLIGOR' ? 'obligor' : 'obligee',
  }));

const RANK_IN: Readonly<Record<string, CreditorRank | undefined>> = {
  CREDITOR_RANK_UNSPECIFIED: undefined,
  CREDITOR_RANK_SECURED: 'secured',
  CREDITOR_RANK_PREFERENTIAL: 'preferential',
};

/** `reason` names the instrument (`agreement_malformed` | `instrument_malformed`) for an unknown rank. */
const obligationsIn = (os: Obligation__Output[] | undefined, reason: 'agreement_malformed' | 'instrument_malformed'): Obligation[] =>
  (os ?? []).map((x, i) => {
    const wireRank = x.creditorRank ?? 'CREDITOR_RANK_UNSPECIFIED';
    if (typeof wireRank !== 'string' || !Object.hasOwn(RANK_IN, wireRank))
      throw new CourtbridgeError(
        ErrorCode.InvalidArgument,
        reason,
        `obligations[${i}].creditor_rank: expected CREDITOR_RANK_SECURED, CREDITOR_RANK_PREFERENTIAL or unspecified (ordinary), got ${String(wireRank)}`,
      );
    const rank = RANK_IN[wireRank];
    return {
      obligationId: x.obligationId ?? '',
      obligorIdHash: bytes(x.obligorIdHash, `obligations[${i}].obligor_id_hash`),
      obligeeIdHash: bytes(x.obligeeIdHash, `obligations[${i}].obligee_id_hash`),
      amount: x.amount ?? '',
      description: x.description ?? '',
      dueAtMs: Number(x.dueAtMs ?? 0),
      ...(rank === undefined ? {} : { creditorRank: rank }),
      ...(x.payeeAccount ? { payeeAccount: x.payeeAccount } : {}),
    };
  });

const RANK_OUT = {
  secured: 'CREDITOR_RANK_SECURED',
  preferential: 'CREDITOR_RANK_PREFERENTIAL',
  ordinary: 'CREDITOR_RANK_UNSPECIFIED',
} as const;
const PAYMENT_STATUS = {
  planned: 'PAYMENT_STATUS_PLANNED',
  ordering: 'PAYMENT_STATUS_ORDERING',
  executed: 'PAYMENT_STATUS_EXECUTED',
  held: 'PAYMENT_STATUS_HELD',
} as const;

function progressOut(s: MediationStateJson): MediationProgress {
  return {
    caseId: s.caseId,
    status: MEDIATION_STATUS[s.phase],
    failureReason: s.failure?.reason ?? '',
    trialCaseId: s.trial?.trialCaseId ?? '',
  };
}

function caseOut(s: CaseStateJson): MediationCase {
  return {
    status: PHASE[s.phase],
    obligations: s.obligations.map((o) => ({
      obligationId: o.obligationId,
      performedAmount: o.performedCents,
      progress: PROGRESS[o.progress],
      lastPerformedAtMs: o.lastPerformedAtMs,
    })),
    enforcementCaseId: s.enforcement?.enforcementCaseId ?? '',
    actionIds: Object.keys(s.actions),
    payments: (s.enforcement?.distribution?.shares ?? []).map((p) => ({
      obligationId: p.obligationId,
      creditorRank: RANK_OUT[p.rank],
      amount: p.amountCents,
      payeeAccount: p.payeeAccount ?? '',
      actionId: p.actionId ?? '',
      status: PAYMENT_STATUS[p.actionId === undefined ? 'held' : s.actions[p.actionId]!.status],
    })),
  };
}

export function mediationServiceHandlers(o: MediationServiceOptions): MediationServiceHandlers {
  return {
    RegisterAgreement: unary(async (req: RegisterAgreementRequest__Output) => {
      const a = req.agreement;
      if (!a) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'agreement_malformed', 'agreement: required');
      const agreement: MediationAgreement = {
        caseId: a.caseId ?? '',
        documentHash: bytes(a.documentHash, 'agreement.document_hash'),
        parties: partiesIn(a.parties),
        obligations: obligationsIn(a.obligations, 'agreement_malformed'),
        courtDid: a.courtDid ?? '',
        kid: a.kid ?? '',
        confirmedAtMs: Number(a.confirmedAtMs ?? 0),
      };
      return caseOut(await retryOnStateConflict(() => o.engine.registerAgreement(agreement, bytes(req.signature, 'signature'))));
    }),
    ReportPerformance: unary(async (req: ReportPerformanceRequest__Output) => {
      const r = req.report;
      if (!r) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'report_malformed', 'report: required');
      const report: PerformanceReport = {
        caseId: r.caseId ?? '',
        obligationId: r.obligationId ?? '',
        performedAtMs: Number(r.performedAtMs ?? 0),
        amount: r.amount ?? '',
        evidenceHash: bytes(r.evidenceHash, 'report.evidence_hash'),
        reporterDid: r.reporterDid ?? '',
        kid: r.kid ?? '',
      };
      return caseOut(await retryOnStateConflict(() => o.engine.reportPerformance(report, bytes(req.signature, 'signature'))));
    }),
    RegisterJudgment: unary(async (req: RegisterJudgmentRequest__Output) => {
      const i = req.instrument;
      if (!i) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'instrument_malformed', 'instrument: required');
      const kind = i.kind === 'INSTRUMENT_KIND_JUDGMENT' ? 'judgment' : i.kind === 'INSTRUMENT_KIND_RULING' ? 'ruling' : undefined;
      if (!kind)
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'instrument_malformed',
          'instrument.kind: expected INSTRUMENT_KIND_JUDGMENT or INSTRUMENT_KIND_RULING',
        );
      const instrument: JudicialInstrument = {
        kind,
        caseId: i.caseId ?? '',
        documentHash: bytes(i.documentHash, 'instrument.document_hash'),
        parties: partiesIn(i.parties),
        obligations: obligationsIn(i.obligations, 'instrument_malformed'),
        courtDid: i.courtDid ?? '',
        kid: i.kid ?? '',
        effectiveAtMs: Number(i.effectiveAtMs ?? 0),
      };
      return caseOut(await retryOnStateConflict(() => o.engine.registerJudgment(instrument, bytes(req.signature, 'signature'))));
    }),
    RegisterMediation: unary(async (req: RegisterMediationRequest__Output) => {
      const m = req.mediation;
      if (!m) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'mediation_malformed', 'mediation: required');
      const mediation: MediationOpening = {
        caseId: m.caseId ?? '',
        cause: m.cause ?? '',
        parties: (m.parties ?? []).map((p, i) => ({
          partyIdHash: bytes(p.partyIdHash, `parties[${i}].party_id_hash`),
          role: p.role === 'MEDIATION_ROLE_APPLICANT' ? 'applicant' : 'respondent',
        })),
        mediatorDid: m.mediatorDid ?? '',
        courtDid: m.courtDid ?? '',
        kid: m.kid ?? '',
        openedAtMs: Number(m.openedAtMs ?? 0),
        agreementDeadlineMs: Number(m.agreementDeadlineMs ?? 0),
      };
      return progressOut(await retryOnStateConflict(() => o.engine.registerMediation(mediation, bytes(req.signature, 'signature'))));
    }),
    ReportWithdrawal: unary(async (req: ReportWithdrawalRequest__Output) => {
      const w = req.withdrawal;
      if (!w) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'withdrawal_malformed', 'withdrawal: required');
      const withdrawal: MediationWithdrawal = {
        caseId: w.caseId ?? '',
        partyIdHash: bytes(w.partyIdHash, 'withdrawal.party_id_hash'),
        withdrawnAtMs: Number(w.withdrawnAtMs ?? 0),
        reporterDid: w.reporterDid ?? '',
        kid: w.kid ?? '',
      };
      return progressOut(await retryOnStateConflict(() => o.engine.reportWithdrawal(withdrawal, bytes(req.signature, 'signature'))));
    }),
    GetCase: unary(async (req: GetCaseRequest__Output) => caseOut(await o.engine.getCase(req.caseId ?? ''))),
    ExportAuditLog: serverStream(async (call: grpc.ServerWritableStream<ExportAuditLogRequest__Output, AuditEntry>) => {
      const from = Number(call.request.fromSequence ?? 0);
      for (const e of await o.engine.auditEntries(call.request.caseId ?? '')) {
        if (e.body.sequence < from) continue;
        call.write({
          sequence: e.body.sequence,
          atMs: e.body.atMs,
          actorDid: e.body.actorDid,
          event: e.body.event,
          caseId: e.body.caseId,
          actionId: e.body.actionId,
          detail: e.body.detail,
          entryHash: e.entryHash,
          prevHash: e.body.prevHash,
        });
      }
      return 'end';
    }),
  };
}

/**
 * MediationService handlers (proto/courtbridge/v1/mediation.proto) over the enforcement engine
 * (src/workflows/enforcement/engine.ts): RegisterAgreement, ReportPerformance, GetCase,
 * ExportAuditLog (streams the case's audit entries from the judicial chain, in order),
 * RegisterJudgment (judgments and rulings), RegisterMediation and ReportWithdrawal (a failed
 * mediation is filed for trial), ListCases (a court's own cases, by status, paged) and WatchCase
 * (a case's entries from a sequence, then each new one). The handlers translate between the
 * proto and the contract's domain types and apply the row rules (which court sees which case);
 * the contract itself is a `MediationBackend`: on a gateway, the workflow service over NATS
 * (mediation-forwarder.ts).
 */
import type * as grpc from '@grpc/grpc-js';
import type { MediationServiceHandlers } from '../../generated/courtbridge/v1/MediationService.js';
import type { MediationCase } from '../../generated/courtbridge/v1/MediationCase.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
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
import type { CallContext } from '../../relay/host/call-context.js';
import { assertSeesCase, courtScopeOf } from './case-rows.js';
import type { CaseUpdate } from '../../generated/courtbridge/v1/CaseUpdate.js';
import type { ListCasesRequest__Output } from '../../generated/courtbridge/v1/ListCasesRequest.js';
import type { ListCasesResponse } from '../../generated/courtbridge/v1/ListCasesResponse.js';
import type { WatchCaseRequest__Output } from '../../generated/courtbridge/v1/WatchCaseRequest.js';
import { encodeAuditRecord, type SignedAuditEntry } from '../audit-log.js';
import type { CasePhase } from '../enforcement/case-state.js';
import { DEFAULT_LIST_LIMIT, type AuditPage, type MediationBackend } from '../mediation/mediation-backend.js';

export interface MediationServiceOptions {
  /** The contract for one call (bound to its deadline). */
  backend: (ctx: CallContext) => MediationBackend;
}

/** How long one WatchCase long poll waits at the workflow service for a new entry, ms. */
const WATCH_WAIT_MS = 8_000;
/** What a long poll may take beyond its wait (the NATS round trip, the judicial chain read), ms. */
const WATCH_SLACK_MS = 7_000;
/** The shortest interval between two long polls of one watch, ms. */
const WATCH_MIN_POLL_MS = 250;

const STATUS_PHASES: Readonly<Record<string, CasePhase[]>> = {
  CASE_STATUS_ACTIVE: ['active'],
  CASE_STATUS_PERFORMED: ['performed', 'satisfied'],
  CASE_STATUS_ENFORCEMENT_FILED: ['enforcing'],
  CASE_STATUS_TERMINATED: ['terminated'],
};

const caseIdOf = (caseId: string | undefined): string => {
  if (!caseId) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'case_id_required', 'case_id: required');
  return caseId;
};

function entryOut(e: SignedAuditEntry): AuditEntry {
  return {
    sequence: e.body.sequence,
    atMs: e.body.atMs,
    actorDid: e.body.actorDid,
    event: e.body.event,
    caseId: e.body.caseId,
    actionId: e.body.actionId,
    detail: e.body.detail,
    entryHash: e.entryHash,
    prevHash: e.body.prevHash,
    record: encodeAuditRecord(e),
  };
}

function updateOut(e: SignedAuditEntry, p: AuditPage): CaseUpdate {
  return {
    entry: entryOut(e),
    status: p.phase === undefined ? 'CASE_STATUS_UNSPECIFIED' : PHASE[p.phase],
    mediationStatus: p.mediationPhase === undefined ? 'MEDIATION_STATUS_UNSPECIFIED' : MEDIATION_STATUS[p.mediationPhase],
  };
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
    agreement: { caseId: s.caseId, courtDid: s.courtDid },
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
    RegisterAgreement: unary(async (req: RegisterAgreementRequest__Output, ctx) => {
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
      return caseOut(await o.backend(ctx).registerAgreement(agreement, bytes(req.signature, 'signature')));
    }),
    ReportPerformance: unary(async (req: ReportPerformanceRequest__Output, ctx) => {
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
      return caseOut(await o.backend(ctx).reportPerformance(report, bytes(req.signature, 'signature')));
    }),
    RegisterJudgment: unary(async (req: RegisterJudgmentRequest__Output, ctx) => {
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
      return caseOut(await o.backend(ctx).registerJudgment(instrument, bytes(req.signature, 'signature')));
    }),
    RegisterMediation: unary(async (req: RegisterMediationRequest__Output, ctx) => {
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
      return progressOut(await o.backend(ctx).registerMediation(mediation, bytes(req.signature, 'signature')));
    }),
    ReportWithdrawal: unary(async (req: ReportWithdrawalRequest__Output, ctx) => {
      const w = req.withdrawal;
      if (!w) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'withdrawal_malformed', 'withdrawal: required');
      const withdrawal: MediationWithdrawal = {
        caseId: w.caseId ?? '',
        partyIdHash: bytes(w.partyIdHash, 'withdrawal.party_id_hash'),
        withdrawnAtMs: Number(w.withdrawnAtMs ?? 0),
        reporterDid: w.reporterDid ?? '',
        kid: w.kid ?? '',
      };
      return progressOut(await o.backend(ctx).reportWithdrawal(withdrawal, bytes(req.signature, 'signature')));
    }),
    GetCase: unary(async (req: GetCaseRequest__Output, ctx) => caseOut(await o.backend(ctx).getCase(req.caseId ?? ''))),
    ListCases: unary(async (req: ListCasesRequest__Output, ctx): Promise<ListCasesResponse> => {
      const statuses = req.statuses ?? [];
      const phases = [...new Set(statuses.flatMap((st) => STATUS_PHASES[String(st)] ?? []))];
      // Statuses no case state takes (OVERDUE is transient, CLOSED unused): nothing to list.
      if (statuses.length > 0 && phases.length === 0) return { cases: [], nextPageToken: '' };
      // A court sees its own cases; an admin every case.
      const scope = courtScopeOf(ctx);
      const page = await o.backend(ctx).listCases({
        phases,
        ...(scope === undefined ? {} : { courtDid: scope }),
        limit: req.limit ? Number(req.limit) : DEFAULT_LIST_LIMIT,
        pageToken: req.pageToken ?? '',
      });
      return { cases: page.cases.map(caseOut), nextPageToken: page.nextPageToken };
    }),
    ExportAuditLog: serverStream(async (call: grpc.ServerWritableStream<ExportAuditLogRequest__Output, AuditEntry>, ctx) => {
      const from = Number(call.request.fromSequence ?? 0);
      const fromMs = Number(call.request.fromMs ?? 0);
      const toMs = Number(call.request.toMs ?? 0);
      const page = await o.backend(ctx).auditPage({ caseId: caseIdOf(call.request.caseId), fromSequence: from, waitMs: 0 });
      for (const e of page.entries) {
        if (e.body.atMs < fromMs || (toMs > 0 && e.body.atMs >= toMs)) continue;
        call.write(entryOut(e));
      }
      return 'end';
    }),
    WatchCase: serverStream(async (call: grpc.ServerWritableStream<WatchCaseRequest__Output, CaseUpdate>, ctx, signal) => {
      const caseId = caseIdOf(call.request.caseId);
      let next = Math.max(1, Number(call.request.fromSequence ?? 0));
      let waitMs = 0;
      let checked = false;
      while (!signal.cancelled) {
        const asked = Date.now();
        const page = await o
          .backend({ ...ctx, deadlineMs: asked + waitMs + WATCH_SLACK_MS })
          .auditPage({ caseId, fromSequence: next, waitMs });
        // An empty answer at once (a replica draining) must not become a busy loop.
        if (page.entries.length === 0 && waitMs > 0 && Date.now() - asked < WATCH_MIN_POLL_MS)
          await new Promise((r) => setTimeout(r, WATCH_MIN_POLL_MS));
        if (!checked) {
          assertSeesCase(ctx, caseId, page.courtDid);
          checked = true;
        }
        for (const e of page.entries) {
          if (signal.cancelled) break;
          call.write(updateOut(e, page));
          next = e.body.sequence + 1;
        }
        waitMs = WATCH_WAIT_MS;
      }
      return 'follow';
    }),
  };
}

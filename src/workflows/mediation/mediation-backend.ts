/**
 * What MediationService's handlers (src/workflows/gateway/mediation-service.ts) call: the
 * enforcement contract's writes and reads in domain terms. Two implementations: `engineBackend`
 * over an `EnforcementEngine` in this process (the workflow service's responder, and gateways
 * built with an engine), and the gateway's forwarder (src/workflows/gateway/mediation-forwarder.ts),
 * which sends each call to the workflow service over NATS. Reads that both need (a page of cases,
 * a page of audit entries, waiting for the next entry) are written once here, over the engine.
 */
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import { fromUtf8, toBase64url, fromBase64url, utf8 } from '../../encoding/bytes.js';
import type { MediationAgreement, PerformanceReport } from '../enforcement/agreement.js';
import type { CasePhase, CaseStateJson } from '../enforcement/case-state.js';
import type { EnforcementEngine } from '../enforcement/engine.js';
import { retryOnStateConflict } from '../state-conflict.js';
import type { JudicialInstrument } from '../enforcement/instrument.js';
import type { MediationCase, MediationPhase, MediationStateJson, MediationWithdrawal } from '../enforcement/mediation-case.js';
import type { SignedAuditEntry } from '../audit-log.js';

/** A page of cases: `courtDid` set = only that court's cases (the gateway sets it for a court). */
export interface CaseListQuery {
  phases: CasePhase[];
  courtDid?: string;
  limit: number;
  pageToken: string;
}

export interface CaseListPage {
  cases: CaseStateJson[];
  nextPageToken: string;
}

/** A case's audit entries from a sequence, with where the case stands as read. */
export interface AuditPage {
  entries: SignedAuditEntry[];
  /** Absent for a mediation without agreement. */
  phase?: CasePhase;
  /** Absent for a case registered without a mediation. */
  mediationPhase?: MediationPhase;
  courtDid: string;
}

export interface AuditPageQuery {
  caseId: string;
  fromSequence: number;
  /** No entry at or after `fromSequence` yet: wait up to this long for one, ms (0: answer at once). */
  waitMs: number;
}

export interface MediationBackend {
  registerAgreement(agreement: MediationAgreement, signature: Uint8Array): Promise<CaseStateJson>;
  registerJudgment(instrument: JudicialInstrument, signature: Uint8Array): Promise<CaseStateJson>;
  registerMediation(mediation: MediationCase, signature: Uint8Array): Promise<MediationStateJson>;
  reportWithdrawal(withdrawal: MediationWithdrawal, signature: Uint8Array): Promise<MediationStateJson>;
  reportPerformance(report: PerformanceReport, signature: Uint8Array): Promise<CaseStateJson>;
  getCase(caseId: string): Promise<CaseStateJson>;
  listCases(q: CaseListQuery): Promise<CaseListPage>;
  auditPage(q: AuditPageQuery): Promise<AuditPage>;
}

export const MAX_LIST_LIMIT = 500;
export const DEFAULT_LIST_LIMIT = 50;
/** How often a waiting `auditPage` looks at the case's state again, ms. */
const WAIT_POLL_MS = 200;

/** The opaque page token: the last case id of the page. */
export const pageTokenOf = (lastCaseId: string): string => toBase64url(utf8(lastCaseId));

function afterOf(token: string): string {
  if (token === '') return '';
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
    return fromUtf8(fromBase64url(token, 'page_token'));
  } catch {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'page_token_invalid',
      'page_token: not a token this service issued; start again without one',
    );
  }
}

const orNotFound = async <T>(p: Promise<T>): Promise<T | undefined> => {
  try {
    return await p;
  } catch (e) {
    if (isCourtbridgeError(e) && e.reason === 'unknown_case') return undefined;
    throw e;
  }
};

/** One page of the engine's cases, in case-id order (UTF-16 order, as `sort` gives). */
export async function listCasesOf(engine: EnforcementEngine, q: CaseListQuery): Promise<CaseListPage> {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1 || q.limit > MAX_LIST_LIMIT)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'limit_invalid', `limit: expected 1 to ${MAX_LIST_LIMIT}`);
  const after = afterOf(q.pageToken);
  const ids = (await engine.caseIds()).filter((id) => id > after).sort();
  const cases: CaseStateJson[] = [];
  for (const id of ids) {
    // A mediation without agreement has no case state: it is not listed.
    const s = await orNotFound(engine.getCase(id));
    if (s === undefined) continue;
    if (q.courtDid !== undefined && s.courtDid !== q.courtDid) continue;
    if (q.phases.length > 0 && !q.phases.includes(s.phase)) continue;
    if (cases.length === q.limit) return { cases, nextPageToken: pageTokenOf(cases[cases.length - 1]!.caseId) };
    cases.push(s);
  }
  return { cases, nextPageToken: '' };
}

/** Where the case stands: its head sequence, status and court (NOT_FOUND `unknown_case` when neither a case nor a mediation). */
async function standing(engine: EnforcementEngine, caseId: string): Promise<Omit<AuditPage, 'entries'> & { next: number }> {
  const c = await orNotFound(engine.getCase(caseId));
  const m = await orNotFound(engine.getMediation(caseId));
  if (c === undefined && m === undefined) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_case', `no case ${caseId}`);
  // A case's log continues its mediation's: the case's head is the later one.
  const next = c?.audit.nextSequence ?? m!.audit.nextSequence;
  return {
    next,
    courtDid: c?.courtDid ?? m!.courtDid,
    ...(c === undefined ? {} : { phase: c.phase }),
    ...(m === undefined ? {} : { mediationPhase: m.phase }),
  };
}

/**
 * The case's entries on the judicial chain from `fromSequence`; when there is none yet, wait up to
 * `waitMs` for the contract to write one (a long poll: the caller asks again from where it is).
 */
export async function auditPageOf(
  engine: EnforcementEngine,
  q: AuditPageQuery,
  now: () => number = Date.now,
  stopping: () => boolean = () => false,
): Promise<AuditPage> {
  const from = Math.max(1, q.fromSequence);
  const until = now() + Math.max(0, q.waitMs);
  let s = await standing(engine, q.caseId);
  // A draining replica answers its long polls at once: the watcher asks again, another replica answers.
  while (s.next <= from && now() < until && !stopping()) {
    await new Promise((r) => setTimeout(r, Math.min(WAIT_POLL_MS, Math.max(1, until - now()))));
    s = await standing(engine, q.caseId);
  }
  const { next, ...rest } = s;
  if (next <= from) return { entries: [], ...rest };
  const entries = (await engine.auditEntries(q.caseId)).filter((e) => e.body.sequence >= from && e.body.sequence < next);
  return { entries, ...rest };
}

/**
 * A case as it leaves the service: what MediationService answers with, without the proof bundles
 * (large: a reply must fit in a NATS message) and without the order credentials (bearer JWTs,
 * which have no business travelling to a gateway's caller).
 */
export function caseView(s: CaseStateJson): CaseStateJson {
  const { bundles: _bundles, enforcement, actions, ...rest } = s;
  const view: CaseStateJson = {
    ...rest,
    bundles: {},
    actions: Object.fromEntries(
      Object.entries(actions).map(([id, a]) => {
        const { credential: _c, resultBundle: _r, ...kept } = a;
        return [id, kept];
      }),
    ),
  };
  if (enforcement !== undefined) {
    const { investigation: _i, ...kept } = enforcement;
    view.enforcement = { ...kept, recordHex: '' };
  }
  return view;
}

/** The backend over an engine in this process; `stopping` ends the long polls waiting. */
export function engineBackend(engine: EnforcementEngine, now: () => number = Date.now, stopping?: () => boolean): MediationBackend {
  return {
    // An input may race the replica advancing the same case (a fenced state write): rerun it on the fresh state.
    registerAgreement: async (a, sig) => caseView(await retryOnStateConflict(() => engine.registerAgreement(a, sig))),
    registerJudgment: async (i, sig) => caseView(await retryOnStateConflict(() => engine.registerJudgment(i, sig))),
    registerMediation: async (m, sig) => ({ ...(await retryOnStateConflict(() => engine.registerMediation(m, sig))), bundles: {} }),
    reportWithdrawal: async (w, sig) => ({ ...(await retryOnStateConflict(() => engine.reportWithdrawal(w, sig))), bundles: {} }),
    reportPerformance: async (r, sig) => caseView(await retryOnStateConflict(() => engine.reportPerformance(r, sig))),
    getCase: async (caseId) => caseView(await engine.getCase(caseId)),
    listCases: async (q) => {
      const page = await listCasesOf(engine, q);
      return { ...page, cases: page.cases.map(caseView) };
    },
    auditPage: (q) => auditPageOf(engine, q, now, stopping),
  };
}

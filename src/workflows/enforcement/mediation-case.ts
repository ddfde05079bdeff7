/**
 * A mediation in progress, before any agreement: who mediates, between whom, by when. It ends
 * in an agreement (registerAgreement under the same case id, before the deadline) or FAILS — a
 * party withdraws (reported and signed by the court or the mediator: parties are keyed hashes
 * and sign nothing here) or the deadline passes — and then the case is filed for trial on the
 * judicial chain, once. Sign bytes: `signingInput(tag, canonical JSON)`. `nextMediationStep`
 * is pure, like case-state.ts `nextStep`.
 */
import { signingInput, SignTag } from '../../crypto/hash.js';
import { toHex } from '../../encoding/bytes.js';
import { encodeCanonical } from '../../encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode, VerificationError, type Reason } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Signer } from '../../identity/signer.js';
import { CASE_ID_PATTERN } from './agreement.js';
import type { PendingAuditJson } from './case-state.js';
import { checkSignedBy } from '../signed-by.js';

export interface MediationParty {
  /** Keyed hash of the party's id (32 bytes). */
  partyIdHash: Uint8Array;
  role: 'applicant' | 'respondent';
}

export interface MediationCase {
  caseId: string;
  /** The cause in words (no personal identifiers), at most 100 characters. */
  cause: string;
  parties: MediationParty[];
  /** The mediator's DID (the court itself, or a mediation organisation it entrusted). */
  mediatorDid: string;
  courtDid: string;
  kid: string;
  openedAtMs: number;
  /** No agreement by then: the mediation fails. */
  agreementDeadlineMs: number;
}

export interface MediationWithdrawal {
  caseId: string;
  partyIdHash: Uint8Array;
  withdrawnAtMs: number;
  /** The court or the mediator of the case. */
  reporterDid: string;
  kid: string;
}

const bad = (reason: Reason, m: string): never => {
  throw new CourtbridgeError(ErrorCode.InvalidArgument, reason, m);
};
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === 32;
const isMs = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
const isDidKey = (did: unknown, kid: unknown): boolean =>
  typeof did === 'string' && did.startsWith('did:') && typeof kid === 'string' && kid.startsWith(`${did}#`);

/** @throws CourtbridgeError INVALID_ARGUMENT `mediation_malformed` */
export function checkMediation(m: MediationCase): void {
  const no = (f: string): never => bad('mediation_malformed', `mediation.${f}`);
  if (typeof m?.caseId !== 'string' || !CASE_ID_PATTERN.test(m.caseId)) no('caseId: expected [A-Za-z0-9._:-]{1,101}');
  if (typeof m.cause !== 'string' || m.cause.length === 0 || m.cause.length > 100) no('cause: 1 to 100 characters');
  if (!Array.isArray(m.parties) || m.parties.length < 2) no('parties: expected at least two');
  m.parties.forEach((p, i) => {
    if (!isHash(p.partyIdHash)) no(`parties[${i}].partyIdHash: expected 32 bytes`);
    if (p.role !== 'applicant' && p.role !== 'respondent') no(`parties[${i}].role: expected applicant or respondent`);
  });
  if (!m.parties.some((p) => p.role === 'applicant') || !m.parties.some((p) => p.role === 'respondent'))
    no('parties: expected an applicant and a respondent');
  if (new Set(m.parties.map((p) => toHex(p.partyIdHash))).size !== m.parties.length) no('parties: each party once');
  if (typeof m.mediatorDid !== 'string' || !m.mediatorDid.startsWith('did:')) no('mediatorDid: expected a DID');
  if (!isDidKey(m.courtDid, m.kid)) no('courtDid/kid: expected a DID and one of its keys');
  if (!isMs(m.openedAtMs)) no('openedAtMs: expected unix ms');
  if (!isMs(m.agreementDeadlineMs) || m.agreementDeadlineMs <= m.openedAtMs) no('agreementDeadlineMs: expected unix ms after openedAtMs');
}

/** @throws CourtbridgeError INVALID_ARGUMENT `withdrawal_malformed` */
export function checkWithdrawal(w: MediationWithdrawal): void {
  const no = (f: string): never => bad('withdrawal_malformed', `withdrawal.${f}`);
  if (typeof w?.caseId !== 'string' || !CASE_ID_PATTERN.test(w.caseId)) no('caseId: malformed');
  if (!isHash(w.partyIdHash)) no('partyIdHash: expected 32 bytes');
  if (!isMs(w.withdrawnAtMs)) no('withdrawnAtMs: expected unix ms');
  if (!isDidKey(w.reporterDid, w.kid)) no('reporterDid/kid: expected a DID and one of its keys');
}

export function mediationBytes(m: MediationCase): Uint8Array {
  return encodeCanonical(
    {
      type: 'mediation_case',
      schema: 1,
      caseId: m.caseId,
      cause: m.cause,
      parties: m.parties.map((p) => ({ party: toHex(p.partyIdHash), role: p.role })),
      mediatorDid: m.mediatorDid,
      courtDid: m.courtDid,
      kid: m.kid,
      openedAtMs: m.openedAtMs,
      agreementDeadlineMs: m.agreementDeadlineMs,
    },
    'mediation',
  );
}

export function withdrawalBytes(w: MediationWithdrawal): Uint8Array {
  return encodeCanonical(
    {
      type: 'mediation_withdrawal',
      schema: 1,
      caseId: w.caseId,
      party: toHex(w.partyIdHash),
      withdrawnAtMs: w.withdrawnAtMs,
      reporterDid: w.reporterDid,
      kid: w.kid,
    },
    'withdrawal',
  );
}

export function signMediation(
  court: Signer,
  m: Omit<MediationCase, 'courtDid' | 'kid'>,
): { mediation: MediationCase; signature: Uint8Array } {
  const mediation: MediationCase = { ...m, courtDid: court.did, kid: court.kid };
  checkMediation(mediation);
  return { mediation, signature: court.sign(signingInput(SignTag.MediationCase, mediationBytes(mediation))) };
}

export function signWithdrawal(
  reporter: Signer,
  w: Omit<MediationWithdrawal, 'reporterDid' | 'kid'>,
): { withdrawal: MediationWithdrawal; signature: Uint8Array } {
  const withdrawal: MediationWithdrawal = { ...w, reporterDid: reporter.did, kid: reporter.kid };
  checkWithdrawal(withdrawal);
  return { withdrawal, signature: reporter.sign(signingInput(SignTag.MediationWithdrawal, withdrawalBytes(withdrawal))) };
}

/** @throws VerificationError `mediation_malformed` | `court_signature_invalid` | `revoked` | `out_of_role` */
export function verifyMediation(m: MediationCase, signature: Uint8Array, authority: Authority): void {
  checkMediation(m);
  checkSignedBy(
    authority,
    m.courtDid,
    m.kid,
    m.openedAtMs,
    signature,
    signingInput(SignTag.MediationCase, mediationBytes(m)),
    'court_signature_invalid',
  );
  const role = authority.mayAct(m.courtDid, 'court', undefined, m.openedAtMs);
  if (!role.ok)
    throw new VerificationError('out_of_role', `${m.courtDid} may not register a mediation: ${role.message}`, {
      code: ErrorCode.PermissionDenied,
    });
}

/**
 * The reporter's signature; whether it is this case's court or mediator is the engine's check.
 * @throws VerificationError `withdrawal_malformed` | `reporter_signature_invalid` | `revoked`
 */
export function verifyWithdrawal(w: MediationWithdrawal, signature: Uint8Array, authority: Authority): void {
  checkWithdrawal(w);
  checkSignedBy(
    authority,
    w.reporterDid,
    w.kid,
    w.withdrawnAtMs,
    signature,
    signingInput(SignTag.MediationWithdrawal, withdrawalBytes(w)),
    'reporter_signature_invalid',
  );
}

// ---- persisted state and the pure next step ----------------------------------------------------

/** `mediating` -> `agreed` (the agreement flow takes over) | `failed` -> `trial_filed`. */
export type MediationPhase = 'mediating' | 'agreed' | 'failed' | 'trial_filed';

export interface MediationStateJson {
  schema: 1;
  caseId: string;
  /** Hex canonical bytes of the mediation and the court's signature. */
  mediationHex: string;
  signatureHex: string;
  courtDid: string;
  mediatorDid: string;
  deadlineMs: number;
  phase: MediationPhase;
  failure?: { reason: 'withdrawn' | 'deadline'; atMs: number; partyHash?: string; withdrawalHex?: string };
  /** The trial's `case/<id>` record (hex canonical), fixed before submission so a retry writes the same bytes. */
  trial?: { trialCaseId: string; recordHex: string; filed: boolean };
  audit: { nextSequence: number; headHash: string; pending?: PendingAuditJson };
  bundles: Record<string, string>;
}

export type MediationStep = { kind: 'flush_audit' } | { kind: 'fail_deadline' } | { kind: 'file_trial' } | { kind: 'idle' };

export function nextMediationStep(s: MediationStateJson, nowMs: number): MediationStep {
  if (s.audit.pending) return { kind: 'flush_audit' };
  if (s.phase === 'mediating') return nowMs >= s.deadlineMs ? { kind: 'fail_deadline' } : { kind: 'idle' };
  if (s.phase === 'failed') return { kind: 'file_trial' };
  return { kind: 'idle' };
}

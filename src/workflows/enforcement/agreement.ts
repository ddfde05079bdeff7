/**
 * Mediation agreements (or judgments) and performance reports as signed, typed claims
 * (proto/courtbridge/v1/mediation.proto). Sign bytes: `signingInput(tag, deterministic protobuf)`
 * with `SignTag.MediationAgreement` / `SignTag.PerformanceReport`.
 */
import { signingInput, SignTag } from '../../crypto/hash.js';
import { CourtbridgeError, ErrorCode, VerificationError, type Reason } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Signer } from '../../identity/signer.js';
import { encodeMessage } from '../../wire/codec.js';
import type { MessageInput } from '../../wire/messages.js';
import { checkSignedBy } from '../signed-by.js';

export type PartyRole = 'obligor' | 'obligee';

/** A creditor's rank in the distribution of deducted funds (distribution.ts); `ordinary` is the default. */
export type CreditorRank = 'secured' | 'preferential' | 'ordinary';
export const CREDITOR_RANKS: readonly CreditorRank[] = ['secured', 'preferential', 'ordinary'];

/**
 * A payee account: an account number on the finance chain, the account's state key there
 * (adapters/finance/schema.ts `ACCOUNT_NO_PATTERN`). The finance chain keys accounts by number and
 * keeps only the holder hashed, so the number travels as the chain itself names it; a custody
 * account (`court-custody/...`) never matches.
 */
export const PAYEE_ACCOUNT_PATTERN = /^[0-9A-Za-z-]{6,40}$/;

export interface Party {
  /** Keyed hash of the party's id (32 bytes): never the id itself (DESIGN.md "Conventions"). */
  partyIdHash: Uint8Array;
  role: PartyRole;
}

export interface Obligation {
  obligationId: string;
  obligorIdHash: Uint8Array;
  obligeeIdHash: Uint8Array;
  /** Integer cents, decimal string. */
  amount: string;
  description: string;
  dueAtMs: number;
  /** The creditor's rank; absent = `ordinary` (omitted from the sign bytes). */
  creditorRank?: CreditorRank;
  /** The creditor's account on the finance chain; absent = none named (omitted from the sign bytes). */
  payeeAccount?: string;
}

const RANK_WIRE = {
  secured: 'CREDITOR_RANK_SECURED',
  preferential: 'CREDITOR_RANK_PREFERENTIAL',
} as const;

/** The obligation's rank, ordinary when unset. */
export const rankOf = (o: Pick<Obligation, 'creditorRank'>): CreditorRank => o.creditorRank ?? 'ordinary';

export interface MediationAgreement {
  caseId: string;
  documentHash: Uint8Array;
  parties: Party[];
  obligations: Obligation[];
  courtDid: string;
  kid: string;
  confirmedAtMs: number;
}

export interface PerformanceReport {
  caseId: string;
  obligationId: string;
  performedAtMs: number;
  /** Integer cents, decimal string (partial performance allowed). */
  amount: string;
  evidenceHash: Uint8Array;
  reporterDid: string;
  kid: string;
}

export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,100}$/;
const CENTS = /^(0|[1-9][0-9]{0,17})$/;

const malformed = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

/** The agreement as the wire message (what the court signs, and what RegisterAgreement carries). */
export function agreementWire(a: MediationAgreement): MessageInput<'MediationAgreement'> {
  return {
    caseId: a.caseId,
    documentHash: a.documentHash,
    parties: a.parties.map((p) => ({
      partyIdHash: p.partyIdHash,
      role: p.role === 'obligor' ? ('PARTY_ROLE_OBLIGOR' as const) : ('PARTY_ROLE_OBLIGEE' as const),
    })),
    obligations: a.obligations.map((o) => ({
      obligationId: o.obligationId,
      obligorIdHash: o.obligorIdHash,
      obligeeIdHash: o.obligeeIdHash,
      amount: o.amount,
      description: o.description,
      dueAtMs: o.dueAtMs,
      // Defaults are left out: proto3 omits them, so earlier agreements keep their bytes.
      ...(rankOf(o) === 'ordinary' ? {} : { creditorRank: RANK_WIRE[rankOf(o) as keyof typeof RANK_WIRE] }),
      ...(o.payeeAccount ? { payeeAccount: o.payeeAccount } : {}),
    })),
    courtDid: a.courtDid,
    kid: a.kid,
    confirmedAtMs: a.confirmedAtMs,
  };
}

export function agreementBytes(a: MediationAgreement): Uint8Array {
  return encodeMessage('MediationAgreement', agreementWire(a));
}

export function reportBytes(r: PerformanceReport): Uint8Array {
  return encodeMessage('PerformanceReport', {
    caseId: r.caseId,
    obligationId: r.obligationId,
    performedAtMs: r.performedAtMs,
    amount: r.amount,
    evidenceHash: r.evidenceHash,
    reporterDid: r.reporterDid,
    kid: r.kid,
  });
}

/**
 * Stateless checks (STYLE.md 8).
 * @throws CourtbridgeError INVALID_ARGUMENT `agreement_malformed`
 */
export function checkAgreement(a: MediationAgreement): void {
  const bad = (m: string): never => {
    throw malformed('agreement_malformed', `agreement.${m}`);
  };
  if (typeof a?.caseId !== 'string' || !CASE_ID_PATTERN.test(a.caseId)) bad('caseId: expected [A-Za-z0-9._:-]{1,101}');
  if (!(a.documentHash instanceof Uint8Array) || a.documentHash.length !== 32) bad('documentHash: expected 32 bytes');
  if (!Array.isArray(a.parties) || a.parties.length < 2) bad('parties: expected at least two');
  const partyHex = new Set(a.parties.map((p) => Buffer.from(p.partyIdHash).toString('hex')));
  a.parties.forEach((p, i) => {
    if (!(p.partyIdHash instanceof Uint8Array) || p.partyIdHash.length !== 32) bad(`parties[${i}].partyIdHash: expected 32 bytes`);
    if (p.role !== 'obligor' && p.role !== 'obligee') bad(`parties[${i}].role: expected obligor or obligee`);
  });
  if (!Array.isArray(a.obligations) || a.obligations.length === 0) bad('obligations: expected at least one');
  const ids = new Set<string>();
  a.obligations.forEach((o, i) => {
    if (typeof o.obligationId !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(o.obligationId) || ids.has(o.obligationId))
      bad(`obligations[${i}].obligationId: expected a unique short id`);
    ids.add(o.obligationId);
    if (!CENTS.test(o.amount) || o.amount === '0') bad(`obligations[${i}].amount: expected positive integer cents`);
    if (!Number.isSafeInteger(o.dueAtMs) || o.dueAtMs <= 0) bad(`obligations[${i}].dueAtMs: expected unix ms`);
    for (const f of ['obligorIdHash', 'obligeeIdHash'] as const) {
      if (!(o[f] instanceof Uint8Array) || o[f].length !== 32 || !partyHex.has(Buffer.from(o[f]).toString('hex')))
        bad(`obligations[${i}].${f}: expected the hash of a party`);
    }
    if (typeof o.description !== 'string' || o.description.length > 500) bad(`obligations[${i}].description: at most 500 characters`);
    if (o.creditorRank !== undefined && !CREDITOR_RANKS.includes(o.creditorRank))
      bad(`obligations[${i}].creditorRank: expected secured, preferential or ordinary`);
    if (o.payeeAccount !== undefined && (typeof o.payeeAccount !== 'string' || !PAYEE_ACCOUNT_PATTERN.test(o.payeeAccount)))
      bad(`obligations[${i}].payeeAccount: expected a finance account number [0-9A-Za-z-]{6,40}`);
  });
  if (typeof a.courtDid !== 'string' || !a.courtDid.startsWith('did:') || typeof a.kid !== 'string' || !a.kid.startsWith(`${a.courtDid}#`))
    bad('courtDid/kid: expected a DID and one of its keys');
  if (!Number.isSafeInteger(a.confirmedAtMs) || a.confirmedAtMs <= 0) bad('confirmedAtMs: expected unix ms');
}

/** @throws CourtbridgeError INVALID_ARGUMENT `report_malformed` */
export function checkReport(r: PerformanceReport): void {
  const bad = (m: string): never => {
    throw malformed('report_malformed', `report.${m}`);
  };
  if (typeof r?.caseId !== 'string' || !CASE_ID_PATTERN.test(r.caseId)) bad('caseId: malformed');
  if (typeof r.obligationId !== 'string' || r.obligationId.length === 0) bad('obligationId: expected an id');
  if (!CENTS.test(r.amount) || r.amount === '0') bad('amount: expected positive integer cents');
  if (!Number.isSafeInteger(r.performedAtMs) || r.performedAtMs <= 0) bad('performedAtMs: expected unix ms');
  if (!(r.evidenceHash instanceof Uint8Array) || r.evidenceHash.length !== 32) bad('evidenceHash: expected 32 bytes');
  if (
    typeof r.reporterDid !== 'string' ||
    !r.reporterDid.startsWith('did:') ||
    typeof r.kid !== 'string' ||
    !r.kid.startsWith(`${r.reporterDid}#`)
  )
    bad('reporterDid/kid: expected a DID and one of its keys');
}

export function signAgreement(
  court: Signer,
  a: Omit<MediationAgreement, 'courtDid' | 'kid'>,
): { agreement: MediationAgreement; signature: Uint8Array } {
  const agreement: MediationAgreement = { ...a, courtDid: court.did, kid: court.kid };
  checkAgreement(agreement);
  return { agreement, signature: court.sign(signingInput(SignTag.MediationAgreement, agreementBytes(agreement))) };
}

export function signReport(
  reporter: Signer,
  r: Omit<PerformanceReport, 'reporterDid' | 'kid'>,
): { report: PerformanceReport; signature: Uint8Array } {
  const report: PerformanceReport = { ...r, reporterDid: reporter.did, kid: reporter.kid };
  checkReport(report);
  return { report, signature: reporter.sign(signingInput(SignTag.PerformanceReport, reportBytes(report))) };
}

/**
 * The court's signature, with the key valid when it confirmed, and its role.
 * @throws VerificationError `court_signature_invalid` | `revoked` | `out_of_role`
 */
export function verifyAgreement(a: MediationAgreement, signature: Uint8Array, authority: Authority): void {
  checkAgreement(a);
  checkSignedBy(
    authority,
    a.courtDid,
    a.kid,
    a.confirmedAtMs,
    signature,
    signingInput(SignTag.MediationAgreement, agreementBytes(a)),
    'court_signature_invalid',
  );
  const role = authority.mayAct(a.courtDid, 'court', undefined, a.confirmedAtMs);
  if (!role.ok)
    throw new VerificationError('out_of_role', `${a.courtDid} may not confirm agreements: ${role.message}`, {
      code: ErrorCode.PermissionDenied,
    });
}

/** @throws VerificationError `reporter_signature_invalid` | `revoked` */
export function verifyReport(r: PerformanceReport, signature: Uint8Array, authority: Authority): void {
  checkReport(r);
  checkSignedBy(
    authority,
    r.reporterDid,
    r.kid,
    r.performedAtMs,
    signature,
    signingInput(SignTag.PerformanceReport, reportBytes(r)),
    'reporter_signature_invalid',
  );
}

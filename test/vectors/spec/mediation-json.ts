/**
 * The JSON forms the mediation and judicial-instrument vectors carry, to and from the product's
 * domain types: the proto messages (MediationAgreement, PerformanceReport) in proto JSON names
 * with bytes as lowercase hex, and the signed canonical JSON documents (mediation case,
 * withdrawal, judgment or ruling) as the product writes them.
 */
import { fromHex, toHex } from '../../../src/encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical, type CanonicalObject } from '../../../src/encoding/canonical-json.js';
import type { CreditorRank, MediationAgreement, PerformanceReport } from '../../../src/workflows/enforcement/agreement.js';
import { decodeInstrument, instrumentBytes, type JudicialInstrument } from '../../../src/workflows/enforcement/instrument.js';
import {
  mediationBytes,
  withdrawalBytes,
  type MediationCase,
  type MediationWithdrawal,
} from '../../../src/workflows/enforcement/mediation-case.js';

type Json = Record<string, unknown>;

const RANK_OUT: Record<CreditorRank, string> = {
  secured: 'CREDITOR_RANK_SECURED',
  preferential: 'CREDITOR_RANK_PREFERENTIAL',
  ordinary: 'CREDITOR_RANK_UNSPECIFIED',
};
const RANK_IN: Record<string, CreditorRank | undefined> = {
  CREDITOR_RANK_SECURED: 'secured',
  CREDITOR_RANK_PREFERENTIAL: 'preferential',
  CREDITOR_RANK_UNSPECIFIED: undefined,
};

export function agreementJson(a: MediationAgreement): Json {
  return {
    caseId: a.caseId,
    documentHash: toHex(a.documentHash),
    parties: a.parties.map((p) => ({
      partyIdHash: toHex(p.partyIdHash),
      role: p.role === 'obligor' ? 'PARTY_ROLE_OBLIGOR' : 'PARTY_ROLE_OBLIGEE',
    })),
    obligations: a.obligations.map((o) => ({
      obligationId: o.obligationId,
      obligorIdHash: toHex(o.obligorIdHash),
      obligeeIdHash: toHex(o.obligeeIdHash),
      amount: o.amount,
      description: o.description,
      dueAtMs: o.dueAtMs,
      ...(o.creditorRank === undefined ? {} : { creditorRank: RANK_OUT[o.creditorRank] }),
      ...(o.payeeAccount === undefined ? {} : { payeeAccount: o.payeeAccount }),
    })),
    courtDid: a.courtDid,
    kid: a.kid,
    confirmedAtMs: a.confirmedAtMs,
  };
}

/** As the gateway reads a RegisterAgreementRequest's agreement. */
export function agreementOf(j: Json): MediationAgreement {
  const ps = j.parties as Json[];
  const os = j.obligations as Json[];
  return {
    caseId: j.caseId as string,
    documentHash: fromHex(j.documentHash as string),
    parties: ps.map((p) => ({
      partyIdHash: fromHex(p.partyIdHash as string),
      role: p.role === 'PARTY_ROLE_OBLIGOR' ? 'obligor' : 'obligee',
    })),
    obligations: os.map((o) => {
      const rank = RANK_IN[(o.creditorRank as string | undefined) ?? 'CREDITOR_RANK_UNSPECIFIED'];
      return {
        obligationId: o.obligationId as string,
        obligorIdHash: fromHex(o.obligorIdHash as string),
        obligeeIdHash: fromHex(o.obligeeIdHash as string),
        amount: o.amount as string,
        description: o.description as string,
        dueAtMs: o.dueAtMs as number,
        ...(rank === undefined ? {} : { creditorRank: rank }),
        ...(o.payeeAccount ? { payeeAccount: o.payeeAccount as string } : {}),
      };
    }),
    courtDid: j.courtDid as string,
    kid: j.kid as string,
    confirmedAtMs: j.confirmedAtMs as number,
  };
}

export const reportJson = (r: PerformanceReport): Json => ({ ...r, evidenceHash: toHex(r.evidenceHash) });
export const reportOf = (j: Json): PerformanceReport => ({
  ...(j as unknown as PerformanceReport),
  evidenceHash: fromHex(j.evidenceHash as string),
});

/** The signed canonical JSON document, as an object. */
const docOf = (bytes: Uint8Array): CanonicalObject => decodeCanonicalObject(bytes, 'document');

export const mediationDoc = (m: MediationCase): CanonicalObject => docOf(mediationBytes(m));
export function mediationOf(d: Json): MediationCase {
  return {
    caseId: d.caseId as string,
    cause: d.cause as string,
    parties: (d.parties as Json[]).map((p) => ({ partyIdHash: fromHex(p.party as string), role: p.role as 'applicant' | 'respondent' })),
    mediatorDid: d.mediatorDid as string,
    courtDid: d.courtDid as string,
    kid: d.kid as string,
    openedAtMs: d.openedAtMs as number,
    agreementDeadlineMs: d.agreementDeadlineMs as number,
  };
}

export const withdrawalDoc = (w: MediationWithdrawal): CanonicalObject => docOf(withdrawalBytes(w));
export const withdrawalOf = (d: Json): MediationWithdrawal => ({
  caseId: d.caseId as string,
  partyIdHash: fromHex(d.party as string),
  withdrawnAtMs: d.withdrawnAtMs as number,
  reporterDid: d.reporterDid as string,
  kid: d.kid as string,
});

export const instrumentDoc = (i: JudicialInstrument): CanonicalObject => docOf(instrumentBytes(i));
/** The product's own decoder of a judgment's or ruling's signed document. */
export const instrumentOf = (d: Json): JudicialInstrument => decodeInstrument(encodeCanonical(d as CanonicalObject, 'instrument'));

/**
 * An enforceable instrument: a court-confirmed mediation agreement, a judgment (判决) or a
 * ruling (裁定). All three carry the same obligations and start the same enforcement path; they
 * differ in what the court signs. An agreement keeps its own sign bytes (agreement.ts, so the
 * agreements signed before stay valid); a judgment or ruling signs
 * `signingInput(SignTag.JudicialInstrument, canonical JSON of the instrument)`.
 */
import { signingInput, SignTag } from '../../crypto/hash.js';
import { fromHex, toHex } from '../../encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical } from '../../encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError, VerificationError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Signer } from '../../identity/signer.js';
import { agreementBytes, checkAgreement, rankOf, verifyAgreement, type CreditorRank, type MediationAgreement } from './agreement.js';
import { checkSignedBy } from '../signed-by.js';

export type InstrumentKind = 'mediation_agreement' | 'judgment' | 'ruling';

/** The agreement's fields under one name: `effectiveAtMs` is when it was confirmed or pronounced. */
export interface JudicialInstrument extends Omit<MediationAgreement, 'confirmedAtMs'> {
  kind: InstrumentKind;
  effectiveAtMs: number;
}

const KINDS: readonly InstrumentKind[] = ['mediation_agreement', 'judgment', 'ruling'];

export const asAgreement = (i: JudicialInstrument): MediationAgreement => ({
  caseId: i.caseId,
  documentHash: i.documentHash,
  parties: i.parties,
  obligations: i.obligations,
  courtDid: i.courtDid,
  kid: i.kid,
  confirmedAtMs: i.effectiveAtMs,
});

/** @throws CourtbridgeError INVALID_ARGUMENT `instrument_malformed` */
export function checkInstrument(i: JudicialInstrument): void {
  if (!KINDS.includes(i?.kind))
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'instrument_malformed',
      'instrument.kind: expected mediation_agreement, judgment or ruling',
    );
  try {
    checkAgreement(asAgreement(i));
  } catch (e) {
    if (isCourtbridgeError(e) && e.reason === 'agreement_malformed')
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'instrument_malformed', e.message.replace(/^agreement\./, 'instrument.'));
    throw e;
  }
}

/** The bytes the court signs (for an agreement: the agreement's own bytes). */
export function instrumentBytes(i: JudicialInstrument): Uint8Array {
  if (i.kind === 'mediation_agreement') return agreementBytes(asAgreement(i));
  return encodeCanonical(
    {
      type: 'judicial_instrument',
      schema: 1,
      kind: i.kind,
      caseId: i.caseId,
      documentHash: toHex(i.documentHash),
      parties: i.parties.map((p) => ({ party: toHex(p.partyIdHash), role: p.role })),
      obligations: i.obligations.map((o) => ({
        obligationId: o.obligationId,
        obligor: toHex(o.obligorIdHash),
        obligee: toHex(o.obligeeIdHash),
        amount: o.amount,
        description: o.description,
        dueAtMs: o.dueAtMs,
        // Default-valued fields are left out, so instruments signed before them keep their bytes.
        ...(rankOf(o) === 'ordinary' ? {} : { creditorRank: rankOf(o) }),
        ...(o.payeeAccount ? { payeeAccount: o.payeeAccount } : {}),
      })),
      courtDid: i.courtDid,
      kid: i.kid,
      effectiveAtMs: i.effectiveAtMs,
    },
    'instrument',
  );
}

/** Decode a judgment's or ruling's signed bytes (kept in the case state) back to the instrument. */
export function decodeInstrument(bytes: Uint8Array): JudicialInstrument {
  const o = decodeCanonicalObject(bytes, 'instrument') as unknown as {
    kind: InstrumentKind;
    caseId: string;
    documentHash: string;
    parties: { party: string; role: 'obligor' | 'obligee' }[];
    obligations: {
      obligationId: string;
      obligor: string;
      obligee: string;
      amount: string;
      description: string;
      dueAtMs: number;
      creditorRank?: CreditorRank;
      payeeAccount?: string;
    }[];
    courtDid: string;
    kid: string;
    effectiveAtMs: number;
  };
  return {
    kind: o.kind,
    caseId: o.caseId,
    documentHash: fromHex(o.documentHash),
    parties: o.parties.map((p) => ({ partyIdHash: fromHex(p.party), role: p.role })),
    obligations: o.obligations.map((x) => ({
      obligationId: x.obligationId,
      obligorIdHash: fromHex(x.obligor),
      obligeeIdHash: fromHex(x.obligee),
      amount: x.amount,
      description: x.description,
      dueAtMs: x.dueAtMs,
      ...(x.creditorRank === undefined ? {} : { creditorRank: x.creditorRank }),
      ...(x.payeeAccount === undefined ? {} : { payeeAccount: x.payeeAccount }),
    })),
    courtDid: o.courtDid,
    kid: o.kid,
    effectiveAtMs: o.effectiveAtMs,
  };
}

const tagOf = (i: JudicialInstrument): SignTag =>
  i.kind === 'mediation_agreement' ? SignTag.MediationAgreement : SignTag.JudicialInstrument;

export function signInstrument(
  court: Signer,
  i: Omit<JudicialInstrument, 'courtDid' | 'kid'>,
): { instrument: JudicialInstrument; signature: Uint8Array } {
  const instrument: JudicialInstrument = { ...i, courtDid: court.did, kid: court.kid };
  checkInstrument(instrument);
  return { instrument, signature: court.sign(signingInput(tagOf(instrument), instrumentBytes(instrument))) };
}

/**
 * The court's signature under the key valid when the instrument took effect, and the court role.
 * @throws VerificationError `instrument_malformed` | `court_signature_invalid` | `revoked` | `out_of_role`
 */
export function verifyInstrument(i: JudicialInstrument, signature: Uint8Array, authority: Authority): void {
  checkInstrument(i);
  if (i.kind === 'mediation_agreement') {
    verifyAgreement(asAgreement(i), signature, authority);
    return;
  }
  const input = signingInput(SignTag.JudicialInstrument, instrumentBytes(i));
  checkSignedBy(authority, i.courtDid, i.kid, i.effectiveAtMs, signature, input, 'court_signature_invalid', `the ${i.kind} signature`);
  const role = authority.mayAct(i.courtDid, 'court', undefined, i.effectiveAtMs);
  if (!role.ok)
    throw new VerificationError('out_of_role', `${i.courtDid} may not pronounce a ${i.kind}: ${role.message}`, {
      code: ErrorCode.PermissionDenied,
    });
}

import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import {
  agreementBytes,
  reportBytes,
  signAgreement,
  signReport,
  type MediationAgreement,
  type PerformanceReport,
} from '../../../src/workflows/enforcement/agreement.js';
import {
  mediationBytes,
  signMediation,
  signWithdrawal,
  withdrawalBytes,
  type MediationCase,
  type MediationWithdrawal,
} from '../../../src/workflows/enforcement/mediation-case.js';
import { agreementJson, mediationDoc, reportJson, withdrawalDoc } from './mediation-json.js';
import { partyHash, type RegistryMemberJson, signerOf, vectorKey, writeVector } from './vector-kit.js';

export const T0 = 1_780_000_000_000;
const DAY = 86_400_000;

export const COURT_DID = 'did:alliance:court-bj-01';
export const AGENCY_DID = 'did:alliance:bank-bj-01';
export const MEDIATOR_DID = 'did:alliance:mediation-center-bj';
export const REVOKED_DID = 'did:alliance:court-sh-02';

/** Keys 1 to 6: the court's first and rotated keys, an agency, a revoked court, an unregistered key, a mediator. */
export const KEYS = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [String(n), vectorKey(n)]));

/** The alliance registry every workflow vector is verified against. */
export const REGISTRY: RegistryMemberJson[] = [
  {
    did: COURT_DID,
    roles: ['court'],
    keys: [
      { kid: '#key-1', key: '1', validFromMs: T0 - 10 * DAY, validUntilMs: T0 + 30 * DAY },
      { kid: '#key-2', key: '2', validFromMs: T0 + 30 * DAY },
    ],
  },
  { did: AGENCY_DID, roles: ['agency'], keys: [{ kid: '#key-1', key: '3', validFromMs: T0 - 10 * DAY }] },
  { did: REVOKED_DID, roles: ['court'], keys: [{ kid: '#key-1', key: '4', validFromMs: T0 - 10 * DAY }], revokedAtMs: T0 - DAY },
  { did: MEDIATOR_DID, roles: ['justice'], keys: [{ kid: '#key-1', key: '6', validFromMs: T0 - 10 * DAY }] },
];

export const court1 = signerOf(COURT_DID, '#key-1', 1);
export const court2 = signerOf(COURT_DID, '#key-2', 2);
export const agency = signerOf(AGENCY_DID, '#key-1', 3);
export const revoked = signerOf(REVOKED_DID, '#key-1', 4);
/** Key 5 is no member's: it signs claiming the court's key-1. */
export const impostor = signerOf(COURT_DID, '#key-1', 5);
export const mediator = signerOf(MEDIATOR_DID, '#key-1', 6);

export const DEBTOR = partyHash('张三');
export const CREDITOR = partyHash('李四');
export const CREDITOR2 = partyHash('王五');

type Tag = (typeof SignTag)[keyof typeof SignTag];
export const input = (tag: Tag, bytes: Uint8Array): Uint8Array => signingInput(tag, bytes).bytes('secp256k1');

/** A valid case: what the page's layout makes of `fields`, its hash, signing input and signature. */
export function validCase(
  name: string,
  fields: Record<string, unknown>,
  bytes: Uint8Array,
  tag: Tag,
  key: string,
  signature: Uint8Array,
  extra: Record<string, unknown> = {},
) {
  return {
    name,
    fields,
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    signer: key,
    signingInput: toHex(input(tag, bytes)),
    signature: toHex(signature),
    ...extra,
  };
}

/** The signatures a verifier must refuse beside `good` over `bytes`, each named. */
export function badSignatures(otherTag: Tag, bytes: Uint8Array, good: Uint8Array, signer: Signer) {
  return [
    {
      name: 'high-S twin',
      sig: toHighS(good),
      why: 'the high-S twin of the valid signature (s replaced by n - s): refused before any curve arithmetic',
    },
    {
      name: 'signed under another tag',
      sig: signer.sign(signingInput(otherTag, bytes)),
      why: `the same bytes signed by the same key under the tag ${otherTag}: a signature never verifies under another tag`,
    },
    { name: 'signature of 63 bytes', sig: good.subarray(0, 63), why: 'a signature that is not 64 bytes' },
  ];
}

/** The vector key number (in KEYS) a signer of these files signs with. */
export const key = (s: Signer): string =>
  s === court1 ? '1' : s === court2 ? '2' : s === agency ? '3' : s === revoked ? '4' : s === impostor ? '5' : s === mediator ? '6' : '?';

// ---- mediation-agreement ----

const agreementBase: Omit<MediationAgreement, 'courtDid' | 'kid'> = {
  caseId: '2026-JING0101-MT-1',
  documentHash: sha256(utf8('调解协议书 2026-JING0101-MT-1')),
  parties: [
    { partyIdHash: DEBTOR, role: 'obligor' },
    { partyIdHash: CREDITOR, role: 'obligee' },
  ],
  obligations: [
    {
      obligationId: '1',
      obligorIdHash: DEBTOR,
      obligeeIdHash: CREDITOR,
      amount: '1200000',
      description: '归还借款',
      dueAtMs: T0 + 60 * DAY,
    },
  ],
  confirmedAtMs: T0,
};
const agreementRanked: Omit<MediationAgreement, 'courtDid' | 'kid'> = {
  caseId: 'AG-2026-0002',
  documentHash: sha256(utf8('mediation agreement AG-2026-0002')),
  parties: [
    { partyIdHash: DEBTOR, role: 'obligor' },
    { partyIdHash: CREDITOR, role: 'obligee' },
    { partyIdHash: CREDITOR2, role: 'obligee' },
  ],
  obligations: [
    {
      obligationId: '1',
      obligorIdHash: DEBTOR,
      obligeeIdHash: CREDITOR,
      amount: '500000',
      description: 'repay the secured loan',
      dueAtMs: T0 + 90 * DAY,
      creditorRank: 'secured',
      payeeAccount: '6222020200112233',
    },
    { obligationId: '2', obligorIdHash: DEBTOR, obligeeIdHash: CREDITOR2, amount: '80000', description: '', dueAtMs: T0 + 90 * DAY },
  ],
  confirmedAtMs: T0 + 31 * DAY,
};

function agreementFile() {
  const tag = SignTag.MediationAgreement;
  const valid = [
    { name: 'one obligation, confirmed under key-1', s: court1, a: agreementBase },
    {
      name: 'three parties, a secured obligation with a payee account and one with an empty description, confirmed under the rotated key-2',
      s: court2,
      a: agreementRanked,
    },
  ].map(({ name, s, a }) => {
    const { agreement, signature } = signAgreement(s, a);
    const bytes = agreementBytes(agreement);
    return validCase(name, { protobuf: toHex(bytes) }, bytes, tag, key(s), signature, { message: agreementJson(agreement) });
  });
  const { agreement: a, signature: sig } = signAgreement(court1, agreementBase);
  const bytes = agreementBytes(a);
  const msg = agreementJson(a);
  const ob = (msg.obligations as Record<string, unknown>[])[0]!;
  const invalid = [
    {
      name: 'document hash of 31 bytes',
      reason: 'agreement_malformed',
      why: 'documentHash must be 32 bytes; checked before any signature',
      message: { ...msg, documentHash: (msg.documentHash as string).slice(0, 62) },
      signature: toHex(sig),
    },
    {
      name: 'obligor is not a party',
      reason: 'agreement_malformed',
      why: "an obligation's obligorIdHash must be the partyIdHash of one of the parties",
      message: { ...msg, obligations: [{ ...ob, obligorIdHash: toHex(CREDITOR2) }] },
      signature: toHex(sig),
    },
    {
      name: 'amount zero',
      reason: 'agreement_malformed',
      why: 'an amount is positive integer cents as a decimal string; "0" is refused',
      message: { ...msg, obligations: [{ ...ob, amount: '0' }] },
      signature: toHex(sig),
    },
    {
      name: 'amount changed after signing',
      reason: 'court_signature_invalid',
      why: 'the amount was raised after the court signed: the protobuf bytes differ, the signature does not verify',
      message: { ...msg, obligations: [{ ...ob, amount: '1200001' }] },
      signature: toHex(sig),
    },
    ...badSignatures(SignTag.JudicialInstrument, bytes, sig, court1).map((b) => ({
      name: b.name,
      reason: 'court_signature_invalid',
      why: b.why,
      message: msg,
      signature: toHex(b.sig),
    })),
    {
      name: 'signed by a key the court does not hold',
      reason: 'court_signature_invalid',
      why: "signed by key 5, which is no member's key, while naming the court's key-1",
      message: msg,
      signature: toHex(signAgreement(impostor, agreementBase).signature),
      signer: '5',
    },
    {
      name: 'key-1 used after its rotation',
      reason: 'court_signature_invalid',
      why: 'confirmedAtMs is after key-1 was rotated out (the registry names key-2 from then): the key is not valid at that time',
      message: agreementJson(signAgreement(court1, { ...agreementBase, confirmedAtMs: T0 + 31 * DAY }).agreement),
      signature: toHex(signAgreement(court1, { ...agreementBase, confirmedAtMs: T0 + 31 * DAY }).signature),
    },
    (() => {
      const r = signAgreement(revoked, agreementBase);
      return {
        name: 'court revoked before it confirmed',
        reason: 'revoked',
        why: 'the signing court was revoked in the registry before confirmedAtMs',
        message: agreementJson(r.agreement),
        signature: toHex(r.signature),
        signer: '4',
      };
    })(),
    (() => {
      const r = signAgreement(agency, agreementBase);
      return {
        name: 'signed by an agency, not a court',
        reason: 'out_of_role',
        why: "the signature verifies under the agency's key, but the registry does not grant it the court role",
        message: agreementJson(r.agreement),
        signature: toHex(r.signature),
        signer: '3',
      };
    })(),
  ];
  return {
    structure: 'mediation-agreement',
    title: 'A court-confirmed mediation agreement, signed by the court over its deterministic protobuf',
    spec: 'docs/spec/mediation.md',
    tag,
    layout: 'mediation-agreement',
    keys: KEYS,
    registry: REGISTRY,
    valid,
    invalid,
  };
}

// ---- performance-report ----

const reportBase: Omit<PerformanceReport, 'reporterDid' | 'kid'> = {
  caseId: '2026-JING0101-MT-1',
  obligationId: '1',
  performedAtMs: T0 + 5 * DAY,
  amount: '400000',
  evidenceHash: sha256(utf8('bank transfer 2026-0001')),
};

function reportFile() {
  const tag = SignTag.PerformanceReport;
  const valid = [
    { name: 'partial performance reported by an agency', s: agency, r: reportBase },
    { name: 'the rest reported by the court under key-2', s: court2, r: { ...reportBase, performedAtMs: T0 + 40 * DAY, amount: '800000' } },
  ].map(({ name, s, r }) => {
    const { report, signature } = signReport(s, r);
    const bytes = reportBytes(report);
    return validCase(name, { protobuf: toHex(bytes) }, bytes, tag, key(s), signature, { message: reportJson(report) });
  });
  const { report, signature: sig } = signReport(agency, reportBase);
  const bytes = reportBytes(report);
  const msg = reportJson(report);
  const invalid = [
    {
      name: 'evidence hash of 31 bytes',
      reason: 'report_malformed',
      why: 'evidenceHash must be 32 bytes',
      message: { ...msg, evidenceHash: (msg.evidenceHash as string).slice(0, 62) },
      signature: toHex(sig),
    },
    {
      name: 'kid of another DID',
      reason: 'report_malformed',
      why: 'kid must be a key of reporterDid (reporterDid then "#")',
      message: { ...msg, kid: `${COURT_DID}#key-1` },
      signature: toHex(sig),
    },
    {
      name: 'amount changed after signing',
      reason: 'reporter_signature_invalid',
      why: 'the amount was changed after the reporter signed',
      message: { ...msg, amount: '400001' },
      signature: toHex(sig),
    },
    ...badSignatures(SignTag.MediationAgreement, bytes, sig, agency).map((b) => ({
      name: b.name,
      reason: 'reporter_signature_invalid',
      why: b.why,
      message: msg,
      signature: toHex(b.sig),
    })),
    (() => {
      const r = signReport(revoked, reportBase);
      return {
        name: 'reporter revoked before it reported',
        reason: 'revoked',
        why: 'the reporter was revoked in the registry before performedAtMs',
        message: reportJson(r.report),
        signature: toHex(r.signature),
        signer: '4',
      };
    })(),
  ];
  return {
    structure: 'performance-report',
    title: 'A report that an obligation was performed, signed by its reporter over its deterministic protobuf',
    spec: 'docs/spec/mediation.md',
    tag,
    layout: 'performance-report',
    keys: KEYS,
    registry: REGISTRY,
    valid,
    invalid,
  };
}

// ---- mediation-case ----

const mediationBase: Omit<MediationCase, 'courtDid' | 'kid'> = {
  caseId: '2026-JING0101-SQT-3',
  cause: '民间借贷纠纷',
  parties: [
    { partyIdHash: CREDITOR, role: 'applicant' },
    { partyIdHash: DEBTOR, role: 'respondent' },
  ],
  mediatorDid: MEDIATOR_DID,
  openedAtMs: T0,
  agreementDeadlineMs: T0 + 30 * DAY,
};

function mediationFile() {
  const tag = SignTag.MediationCase;
  const valid = [
    { name: 'mediated by an entrusted organisation', s: court1, m: mediationBase },
    {
      name: 'mediated by the court itself, three parties, under key-2',
      s: court2,
      m: {
        ...mediationBase,
        caseId: 'MED-2026-0004',
        cause: 'sale contract dispute',
        parties: [...mediationBase.parties, { partyIdHash: CREDITOR2, role: 'respondent' as const }],
        mediatorDid: COURT_DID,
        openedAtMs: T0 + 31 * DAY,
        agreementDeadlineMs: T0 + 61 * DAY,
      },
    },
  ].map(({ name, s, m }) => {
    const { mediation, signature } = signMediation(s, m);
    return validCase(name, { mediation: mediationDoc(mediation) }, mediationBytes(mediation), tag, key(s), signature);
  });
  const { mediation, signature: sig } = signMediation(court1, mediationBase);
  const bytes = mediationBytes(mediation);
  const doc = mediationDoc(mediation);
  const invalid = [
    {
      name: 'no respondent',
      reason: 'mediation_malformed',
      why: 'the parties must include an applicant and a respondent',
      fields: {
        mediation: { ...doc, parties: (doc.parties as Record<string, unknown>[]).map((p) => ({ ...p, role: 'applicant' })) },
      },
      signature: toHex(sig),
    },
    {
      name: 'deadline not after opening',
      reason: 'mediation_malformed',
      why: 'agreementDeadlineMs must be after openedAtMs',
      fields: { mediation: { ...doc, agreementDeadlineMs: T0 } },
      signature: toHex(sig),
    },
    {
      name: 'deadline extended after signing',
      reason: 'court_signature_invalid',
      why: 'the deadline was moved after the court signed: the canonical JSON differs',
      fields: { mediation: { ...doc, agreementDeadlineMs: T0 + 60 * DAY } },
      signature: toHex(sig),
    },
    ...badSignatures(SignTag.MediationWithdrawal, bytes, sig, court1).map((b) => ({
      name: b.name,
      reason: 'court_signature_invalid',
      why: b.why,
      fields: { mediation: doc },
      signature: toHex(b.sig),
    })),
    {
      name: 'signed by a key the court does not hold',
      reason: 'court_signature_invalid',
      why: "signed by key 5, which is no member's key, while naming the court's key-1",
      fields: { mediation: doc },
      signature: toHex(signMediation(impostor, mediationBase).signature),
      signer: '5',
    },
    (() => {
      const r = signMediation(revoked, mediationBase);
      return {
        name: 'court revoked before it opened the mediation',
        reason: 'revoked',
        why: 'the signing court was revoked in the registry before openedAtMs',
        fields: { mediation: mediationDoc(r.mediation) },
        signature: toHex(r.signature),
        signer: '4',
      };
    })(),
    (() => {
      const r = signMediation(mediator, mediationBase);
      return {
        name: 'signed by the mediator, not a court',
        reason: 'out_of_role',
        why: 'the mediation organisation holds no court role: only a court registers a mediation',
        fields: { mediation: mediationDoc(r.mediation) },
        signature: toHex(r.signature),
        signer: '6',
      };
    })(),
  ];
  return {
    structure: 'mediation-case',
    title: 'A mediation in progress, signed by its court over canonical JSON',
    spec: 'docs/spec/mediation.md',
    tag,
    layout: 'mediation-case',
    keys: KEYS,
    registry: REGISTRY,
    valid,
    invalid,
  };
}

// ---- mediation-withdrawal ----

const withdrawalBase: Omit<MediationWithdrawal, 'reporterDid' | 'kid'> = {
  caseId: '2026-JING0101-SQT-3',
  partyIdHash: DEBTOR,
  withdrawnAtMs: T0 + 7 * DAY,
};

function withdrawalFile() {
  const tag = SignTag.MediationWithdrawal;
  const valid = [
    { name: 'reported by the mediator', s: mediator, w: withdrawalBase },
    {
      name: 'reported by the court under key-2',
      s: court2,
      w: { ...withdrawalBase, caseId: 'MED-2026-0004', withdrawnAtMs: T0 + 35 * DAY },
    },
  ].map(({ name, s, w }) => {
    const { withdrawal, signature } = signWithdrawal(s, w);
    return validCase(name, { withdrawal: withdrawalDoc(withdrawal) }, withdrawalBytes(withdrawal), tag, key(s), signature);
  });
  const { withdrawal, signature: sig } = signWithdrawal(mediator, withdrawalBase);
  const bytes = withdrawalBytes(withdrawal);
  const doc = withdrawalDoc(withdrawal);
  const invalid = [
    {
      name: 'party hash of 31 bytes',
      reason: 'withdrawal_malformed',
      why: 'party must be 32 bytes (64 hex characters)',
      fields: { withdrawal: { ...doc, party: (doc.party as string).slice(0, 62) } },
      signature: toHex(sig),
    },
    {
      name: 'withdrawn at time zero',
      reason: 'withdrawal_malformed',
      why: 'withdrawnAtMs must be positive unix milliseconds',
      fields: { withdrawal: { ...doc, withdrawnAtMs: 0 } },
      signature: toHex(sig),
    },
    {
      name: 'another party named after signing',
      reason: 'reporter_signature_invalid',
      why: 'the withdrawing party was changed after the reporter signed',
      fields: { withdrawal: { ...doc, party: toHex(CREDITOR) } },
      signature: toHex(sig),
    },
    ...badSignatures(SignTag.MediationCase, bytes, sig, mediator).map((b) => ({
      name: b.name,
      reason: 'reporter_signature_invalid',
      why: b.why,
      fields: { withdrawal: doc },
      signature: toHex(b.sig),
    })),
    (() => {
      const r = signWithdrawal(revoked, withdrawalBase);
      return {
        name: 'reporter revoked before the withdrawal',
        reason: 'revoked',
        why: 'the reporter was revoked in the registry before withdrawnAtMs',
        fields: { withdrawal: withdrawalDoc(r.withdrawal) },
        signature: toHex(r.signature),
        signer: '4',
      };
    })(),
  ];
  return {
    structure: 'mediation-withdrawal',
    title: "A party's withdrawal from a mediation, signed by the court or the mediator over canonical JSON",
    spec: 'docs/spec/mediation.md',
    tag,
    layout: 'mediation-withdrawal',
    keys: KEYS,
    registry: REGISTRY,
    valid,
    invalid,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of [agreementFile(), reportFile(), mediationFile(), withdrawalFile()]) writeVector(f.structure, f);
}

import { sha256, SignTag } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import { instrumentBytes, signInstrument, type JudicialInstrument } from '../../../src/workflows/enforcement/instrument.js';
import {
  agency,
  badSignatures,
  court1,
  court2,
  CREDITOR,
  CREDITOR2,
  DEBTOR,
  impostor,
  key,
  KEYS,
  REGISTRY,
  revoked,
  T0,
  validCase,
} from './generate-mediation.js';
import { instrumentDoc } from './mediation-json.js';
import { writeVector } from './vector-kit.js';

const DAY = 86_400_000;
const tag = SignTag.JudicialInstrument;

const judgment: Omit<JudicialInstrument, 'courtDid' | 'kid'> = {
  kind: 'judgment',
  caseId: '2026-JING0101-MC-88',
  documentHash: sha256(utf8('民事判决书 2026-JING0101-MC-88')),
  parties: [
    { partyIdHash: DEBTOR, role: 'obligor' },
    { partyIdHash: CREDITOR, role: 'obligee' },
  ],
  obligations: [
    {
      obligationId: '1',
      obligorIdHash: DEBTOR,
      obligeeIdHash: CREDITOR,
      amount: '3000000',
      description: '偿还借款本金',
      dueAtMs: T0 + 15 * DAY,
    },
  ],
  effectiveAtMs: T0,
};
const ruling: Omit<JudicialInstrument, 'courtDid' | 'kid'> = {
  kind: 'ruling',
  caseId: 'RUL-2026-0007',
  documentHash: sha256(utf8('civil ruling RUL-2026-0007')),
  parties: [
    { partyIdHash: DEBTOR, role: 'obligor' },
    { partyIdHash: CREDITOR, role: 'obligee' },
    { partyIdHash: CREDITOR2, role: 'obligee' },
  ],
  obligations: [
    {
      obligationId: 'wages',
      obligorIdHash: DEBTOR,
      obligeeIdHash: CREDITOR2,
      amount: '450000',
      description: 'unpaid wages',
      dueAtMs: T0 + 40 * DAY,
      creditorRank: 'preferential',
      payeeAccount: '6217000010012345678',
    },
    { obligationId: 'loan', obligorIdHash: DEBTOR, obligeeIdHash: CREDITOR, amount: '900000', description: '', dueAtMs: T0 + 40 * DAY },
  ],
  effectiveAtMs: T0 + 31 * DAY,
};

const valid = [
  { name: 'a judgment with one obligation, under key-1', s: court1, i: judgment },
  {
    name: 'a ruling with a preferential obligation paid to an account and an ordinary one, under the rotated key-2',
    s: court2,
    i: ruling,
  },
].map(({ name, s, i }) => {
  const { instrument, signature } = signInstrument(s, i);
  return validCase(name, { instrument: instrumentDoc(instrument) }, instrumentBytes(instrument), tag, key(s), signature);
});

const { instrument, signature: sig } = signInstrument(court1, judgment);
const bytes = instrumentBytes(instrument);
const doc = instrumentDoc(instrument) as Record<string, unknown>;
const ob = (doc.obligations as Record<string, unknown>[])[0]!;
const signedBy = (s: Signer, name: string, reason: string, why: string, i = judgment) => {
  const r = signInstrument(s, i);
  return { name, reason, why, fields: { instrument: instrumentDoc(r.instrument) }, signature: toHex(r.signature), signer: key(s) };
};

const invalid = [
  {
    name: 'kind is neither judgment nor ruling',
    reason: 'instrument_malformed',
    why: 'kind "decree" is not an instrument kind; checked first',
    fields: { instrument: { ...doc, kind: 'decree' } },
    signature: toHex(sig),
  },
  {
    name: 'obligation id used twice',
    reason: 'instrument_malformed',
    why: 'obligation ids are unique within an instrument',
    fields: { instrument: { ...doc, obligations: [ob, { ...ob, amount: '1' }] } },
    signature: toHex(sig),
  },
  {
    name: 'payee account is a custody account',
    reason: 'instrument_malformed',
    why: 'payeeAccount matches [0-9A-Za-z-]{6,40}: a custody account (court-custody/...) never does',
    fields: { instrument: { ...doc, obligations: [{ ...ob, payeeAccount: 'court-custody/bj-01' }] } },
    signature: toHex(sig),
  },
  {
    name: 'due date moved after signing',
    reason: 'court_signature_invalid',
    why: 'dueAtMs was changed after the court signed: the canonical JSON differs',
    fields: { instrument: { ...doc, obligations: [{ ...ob, dueAtMs: T0 + 45 * DAY }] } },
    signature: toHex(sig),
  },
  {
    name: 'ranked after signing',
    reason: 'court_signature_invalid',
    why: 'creditorRank "secured" was added after the court signed an ordinary obligation (a set rank is signed)',
    fields: { instrument: { ...doc, obligations: [{ ...ob, creditorRank: 'secured' }] } },
    signature: toHex(sig),
  },
  ...badSignatures(SignTag.MediationAgreement, bytes, sig, court1).map((b) => ({
    name: b.name,
    reason: 'court_signature_invalid',
    why: b.why,
    fields: { instrument: doc },
    signature: toHex(b.sig),
  })),
  signedBy(
    impostor,
    'signed by a key the court does not hold',
    'court_signature_invalid',
    "signed by key 5, which is no member's key, while naming the court's key-1",
  ),
  {
    ...signedBy(
      court1,
      'key-1 used after its rotation',
      'court_signature_invalid',
      'effectiveAtMs is after key-1 was rotated out: the key is not valid at that time',
      {
        ...judgment,
        effectiveAtMs: T0 + 31 * DAY,
      },
    ),
  },
  signedBy(
    revoked,
    'court revoked before the instrument took effect',
    'revoked',
    'the signing court was revoked in the registry before effectiveAtMs',
  ),
  signedBy(
    agency,
    'signed by an agency, not a court',
    'out_of_role',
    "the signature verifies under the agency's key, but it holds no court role",
  ),
];

writeVector('judicial-instrument', {
  structure: 'judicial-instrument',
  title: 'An effective judgment or ruling, signed by its court over canonical JSON',
  spec: 'docs/spec/judicial-instrument.md',
  tag,
  layout: 'judicial-instrument',
  keys: KEYS,
  registry: REGISTRY,
  valid,
  invalid,
});

import { signStatement, statementBytes } from '../../../adapters/collab/statement.js';
import type { SignedStatement, Statement } from '../../../adapters/collab/schema.js';
import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import { type RegistryMemberJson, signerOf, vectorKey, writeVector } from './vector-kit.js';

const T0 = 1_780_000_000_000;
const DAY = 86_400_000;
const tag = SignTag.CollabStatement;

const PROC = 'did:alliance:procuratorate-bj-01';
const COURT = 'did:alliance:court-bj-01';
const POLICE = 'did:alliance:police-bj-02';
const keys = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [String(n), vectorKey(n)]));
const registry: RegistryMemberJson[] = [
  {
    did: PROC,
    roles: ['procuratorate'],
    keys: [
      { kid: '#key-1', key: '1', validFromMs: T0 - 10 * DAY, validUntilMs: T0 + 30 * DAY },
      { kid: '#key-2', key: '2', validFromMs: T0 + 30 * DAY },
    ],
  },
  { did: COURT, roles: ['court'], keys: [{ kid: '#key-1', key: '3', validFromMs: T0 - 10 * DAY }] },
  { did: POLICE, roles: ['police'], keys: [{ kid: '#key-1', key: '4', validFromMs: T0 - 10 * DAY }], revokedAtMs: T0 - DAY },
];
const proc1 = signerOf(PROC, '#key-1', 1);
const proc2 = signerOf(PROC, '#key-2', 2);
const court = signerOf(COURT, '#key-1', 3);
const police = signerOf(POLICE, '#key-1', 4);
const keyName = new Map<Signer, string>([
  [proc1, '1'],
  [proc2, '2'],
  [court, '3'],
  [police, '4'],
]);

const ev1 = toHex(sha256(utf8('evidence: bank statement 2026-03')));
const ev2 = toHex(sha256(utf8('evidence: interrogation record 7')));
const transfer: Statement = {
  type: 'transfer',
  schema: 1,
  signer: PROC,
  role: 'procuratorate',
  atMs: T0,
  transferId: 'tr-2026-0001',
  receiver: COURT,
  caseRef: '京检刑诉〔2026〕1号',
  evidence: [ev1, ev2],
};
const accept: Statement = { type: 'transfer_accept', schema: 1, signer: COURT, role: 'court', atMs: T0 + DAY, transferId: 'tr-2026-0001' };
const share: Statement = {
  type: 'evidence_share',
  schema: 1,
  signer: PROC,
  role: 'procuratorate',
  atMs: T0 + 31 * DAY,
  sha256: ev1,
  sharedWith: [COURT, POLICE],
};

const valid = [
  { name: 'a procuratorate transfers a case with two evidence hashes (key-1)', s: proc1, st: transfer },
  { name: 'the court accepts the transfer', s: court, st: accept },
  { name: 'the procuratorate shares evidence under its rotated key-2', s: proc2, st: share },
].map(({ name, s, st }) => {
  const signed = signStatement(s, st);
  const bytes = statementBytes(st);
  return {
    name,
    fields: { statement: st },
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    signer: keyName.get(s)!,
    signingInput: toHex(signingInput(tag, bytes).bytes('secp256k1')),
    signature: toHex(fromBase64url(signed.signature)),
    signed,
  };
});

const good = signStatement(proc1, transfer);
const sig = fromBase64url(good.signature);
const bad = (name: string, reason: string, why: string, signed: SignedStatement, signer?: string) => ({
  name,
  reason,
  why,
  signed,
  ...(signer === undefined ? {} : { signer }),
});
/** A statement signed by key `n` while naming `kid`. */
const signedWith = (n: number, kid: string, st: Statement): SignedStatement => ({
  statement: st,
  kid,
  signature: toBase64url(signerOf(st.signer, kid.slice(st.signer.length), n).sign(signingInput(tag, statementBytes(st)))),
});

const invalid = [
  bad('signature of 85 characters', 'invalid_record', 'the signature is exactly 86 base64url characters (64 bytes, unpadded)', {
    ...good,
    signature: good.signature.slice(0, 85),
  }),
  bad('schema 2', 'invalid_record', 'schema must be 1', { ...good, statement: { ...transfer, schema: 2 } as unknown as Statement }),
  bad('evidence listed twice', 'invalid_record', 'a transfer lists each evidence hash once', {
    ...good,
    statement: { ...transfer, evidence: [ev1, ev1] } as Statement,
  }),
  bad('kid of another DID', 'signer_mismatch', "the kid is the court's key, the statement's signer the procuratorate", {
    ...good,
    kid: `${COURT}#key-1`,
  }),
  bad(
    'signer not in the registry',
    'unknown_did',
    'the signer is no alliance member',
    signedWith(5, 'did:alliance:org-x#key-1', { ...transfer, signer: 'did:alliance:org-x' }),
    '5',
  ),
  bad('key the signer does not have', 'unknown_key', 'the procuratorate has no key-9', signedWith(5, `${PROC}#key-9`, transfer), '5'),
  bad(
    'signer revoked before it spoke',
    'revoked',
    'the police member was revoked in the registry before atMs',
    signStatement(police, { ...transfer, signer: POLICE, role: 'police' }),
    '4',
  ),
  bad(
    'key-1 used after its rotation',
    'key_not_valid_at_time',
    'atMs is after key-1 was rotated out (key-2 from then)',
    signStatement(proc1, { ...transfer, atMs: T0 + 31 * DAY }),
    '1',
  ),
  bad('receiver changed after signing', 'statement_signature_invalid', 'the receiver was changed after the procuratorate signed', {
    ...good,
    statement: { ...transfer, receiver: POLICE } as Statement,
  }),
  bad('high-S twin', 'statement_signature_invalid', 'the high-S twin of the valid signature (s replaced by n - s)', {
    ...good,
    signature: toBase64url(toHighS(sig)),
  }),
  bad(
    'signed under another tag',
    'statement_signature_invalid',
    'the same bytes signed by the same key under courtbridge/v1/envelope: a signature never verifies under another tag',
    { ...good, signature: toBase64url(proc1.sign(signingInput(SignTag.Envelope, statementBytes(transfer)))) },
  ),
  bad(
    'signed by a key the signer does not hold',
    'statement_signature_invalid',
    "signed by key 5 while naming the procuratorate's key-1",
    signedWith(5, `${PROC}#key-1`, transfer),
    '5',
  ),
];

writeVector('collab-statement', {
  structure: 'collab-statement',
  title: "A court's or a political-legal organ's statement on the collab chain, signed over its canonical JSON",
  spec: 'docs/spec/collab-statement.md',
  tag,
  layout: 'collab-statement',
  keys,
  registry,
  valid,
  invalid,
});

import { SignTag, sha256, signingInput } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { createSigner } from '../../../src/identity/signer.js';
import { attestationLayout } from '../../../src/verify/attestations.js';
import { notarizedBlockLayout, notarySigningInput, type NotarizedBlock } from '../../../src/verify/notary.js';
import { notarizedRecordLayout, notarizedRecordSigningInput, type NotarizedRecord } from '../../../src/verify/notary-record.js';
import { keysJson, privateKeyOf, vectorKey, writeVector } from './vector-kit.js';

const SPEC = 'docs/spec/notary.md';

const LAND = 'did:alliance:agency-land';
const BANK = 'did:alliance:agency-bank';
const COURT = 'did:alliance:court-a';
const NOTARY = {
  [LAND]: { n: 80, kid: `${LAND}#key-1` },
  [BANK]: { n: 81, kid: `${BANK}#key-2` },
  [COURT]: { n: 82, kid: `${COURT}#key-1` },
};
type Did = keyof typeof NOTARY;
/** Key 83 belongs to no one: a forger's. */
const FORGER = 83;
const KEYS = keysJson([80, 81, 82, 83]);

/**
 * The registry as the verifier sees it: which key each DID held, and when. BANK's old key-1 (key
 * 84) was rotated out before the blocks below.
 */
const REGISTRY = [
  { did: LAND, kid: NOTARY[LAND].kid, key: '80', validFromMs: 1_700_000_000_000 },
  { did: BANK, kid: NOTARY[BANK].kid, key: '81', validFromMs: 1_700_000_000_000 },
  { did: BANK, kid: `${BANK}#key-1`, key: '84', validFromMs: 1_600_000_000_000, validUntilMs: 1_700_000_000_000 },
  { did: COURT, kid: NOTARY[COURT].kid, key: '82', validFromMs: 1_700_000_000_000 },
];
KEYS['84'] = vectorKey(84);

interface Sig {
  notaryDid: string;
  kid: string;
  signature: string;
}
const signAs = (
  did: Did,
  message: Parameters<ReturnType<typeof createSigner>['sign']>[0],
  n = NOTARY[did].n,
  kid = NOTARY[did].kid,
): Sig => ({
  notaryDid: did,
  kid,
  signature: toHex(createSigner(did, kid, privateKeyOf(n)).sign(message)),
});
const write = (structure: string, file: unknown): void => {
  writeVector(structure, file);
  process.stderr.write(`wrote test/vectors/spec/${structure}.json\n`);
};
const h = (s: string): Uint8Array => sha256(utf8(s));

// ---- notarized blocks ---------------------------------------------------------------------------

const b1: NotarizedBlock = {
  chainId: 'land-evm',
  height: 1024,
  blockHash: h('land-evm block 1024'),
  stateRoot: h('land-evm state 1024'),
  timeMs: 1_750_000_000_000,
};
const b2: NotarizedBlock = {
  chainId: 'bank-ledger-db',
  height: 4_294_967_296 + 7,
  blockHash: h('bank-ledger-db batch'),
  stateRoot: h('bank-ledger-db root'),
  timeMs: 1_750_000_123_456,
};
const blockFields = (b: NotarizedBlock) => ({
  chainId: b.chainId,
  height: b.height,
  blockHash: toHex(b.blockHash),
  stateRoot: toHex(b.stateRoot),
  timeMs: b.timeMs,
});

const blockCase = (name: string, b: NotarizedBlock, signer: Did, policy: { threshold: number; notaries: Did[] }, others: Did[]) => {
  const own = signAs(signer, notarySigningInput(b));
  return {
    name,
    fields: blockFields(b),
    bytes: toHex(notarizedBlockLayout(b)),
    hash: toHex(sha256(notarizedBlockLayout(b))),
    signer: String(NOTARY[signer].n),
    signingInput: toHex(notarySigningInput(b).bytes('secp256k1')),
    signature: own.signature,
    notaryDid: signer,
    kid: NOTARY[signer].kid,
    policy,
    signatures: [own, ...others.map((d) => signAs(d, notarySigningInput(b)))],
  };
};

const landOnB1 = (): Sig => signAs(LAND, notarySigningInput(b1));
const TWO = { threshold: 1, notaries: [LAND, BANK] as Did[] };
/** A bad signature of BANK's over b1 before LAND's valid one (which alone meets the threshold of 1). */
const badBlockSig = (name: string, reason: string, why: string, sig: Sig, signedFields?: unknown) => ({
  name,
  reason,
  why,
  block: blockFields(b1),
  policy: TWO,
  ...(signedFields === undefined ? {} : { signedFields }),
  signatures: [sig, landOnB1()],
});
const bankOnB1 = signAs(BANK, notarySigningInput(b1));
const b1Later: NotarizedBlock = { ...b1, height: 1025 };

write('notary', {
  structure: 'notary',
  title: "A notary's signature that a block of a chain without validator signatures is final",
  spec: SPEC,
  tag: SignTag.Notary,
  layout: 'notary',
  keys: KEYS,
  registry: REGISTRY,
  valid: [
    blockCase('an EVM consortium block, notarized by the land agency (1 of 2)', b1, LAND, TWO, []),
    blockCase('the same block, notarized by the bank too (2 of 2)', b1, BANK, { threshold: 2, notaries: [LAND, BANK] }, [LAND]),
    blockCase('a database chain at a height above 2^32, notarized by the bank', b2, BANK, TWO, []),
  ],
  invalid: [
    badBlockSig(
      'signed for another height',
      'bad_notary_signature',
      "the bank signed height 1025 with this block's hashes and time: the verifier rebuilds the layout from the block it checks",
      signAs(BANK, notarySigningInput(b1Later)),
      blockFields(b1Later),
    ),
    badBlockSig(
      'block layout signed under another tag',
      'bad_notary_signature',
      "the bank signed this block's layout under courtbridge/v1/notary-record instead of courtbridge/v1/notary",
      signAs(BANK, signingInput(SignTag.NotaryRecord, notarizedBlockLayout(b1))),
    ),
    badBlockSig(
      'high-S twin',
      'bad_notary_signature',
      "the bank's valid signature with s replaced by n - s: only low-S signatures verify",
      { ...bankOnB1, signature: toHex(toHighS(Buffer.from(bankOnB1.signature, 'hex'))) },
    ),
    badBlockSig('a 63-byte signature', 'bad_notary_signature', 'a compact signature is exactly 64 bytes', {
      ...bankOnB1,
      signature: bankOnB1.signature.slice(0, 126),
    }),
    badBlockSig(
      "a forger's key under the bank's kid",
      'bad_notary_signature',
      'signed by key 83, which the registry does not hold for the bank',
      signAs(BANK, notarySigningInput(b1), FORGER),
    ),
    badBlockSig(
      'a key rotated out before the block',
      'notary_key_unknown',
      "the bank signed with its key-1 (key 84), which it held only until 1700000000000; keys are looked up at the block's time",
      signAs(BANK, notarySigningInput(b1), 84, `${BANK}#key-1`),
    ),
    badBlockSig(
      'a kid the notary never held',
      'notary_key_unknown',
      'the bank names key-9, which its DID document never held',
      signAs(BANK, notarySigningInput(b1), 81, `${BANK}#key-9`),
    ),
    badBlockSig(
      'a signer outside the chain’s notaries',
      'unknown_notary',
      "court-a signed the block correctly with its own key, but it is not one of this chain's notaries",
      signAs(COURT, notarySigningInput(b1)),
    ),
    {
      name: 'one notary twice',
      reason: 'duplicate_notary',
      why: "the land agency's signature appears twice: a DID counts once, its later entries count for nothing",
      block: blockFields(b1),
      policy: TWO,
      signatures: [landOnB1(), landOnB1()],
    },
    {
      name: 'one of two needed',
      reason: 'evm_notary_quorum_not_met',
      why: 'the threshold is 2 of 2 and only the land agency signed',
      block: blockFields(b1),
      policy: { threshold: 2, notaries: [LAND, BANK] },
      signatures: [landOnB1()],
    },
    {
      name: 'a duplicate does not make two',
      reason: 'evm_notary_quorum_not_met',
      why: "the threshold is 2 and the land agency's signature is given twice: one notary counted",
      block: blockFields(b1),
      policy: { threshold: 2, notaries: [LAND, BANK] },
      signatures: [landOnB1(), landOnB1()],
    },
    {
      name: 'a threshold above the number of notaries',
      reason: 'invalid_notary_policy',
      why: 'a threshold of 3 of 2 notaries can never be met; a threshold of 0 would make every block final: both are refused before any signature',
      block: blockFields(b1),
      policy: { threshold: 3, notaries: [LAND, BANK] },
      signatures: [landOnB1()],
    },
  ],
});

// ---- notarized records --------------------------------------------------------------------------

const r1: NotarizedRecord = {
  chainId: 'land-registry-db',
  recordType: 'land_title',
  key: 'title/330106-2024-000123',
  result: { kind: 'record', value: utf8('{"owner":"b1946ac92492d2347c6235b4d2611184","area_m2":96}') },
  version: 81_234,
  timeMs: 1_750_000_200_000,
};
const r2: NotarizedRecord = {
  chainId: 'land-registry-db',
  recordType: 'land_title',
  key: 'title/330106-2024-999999',
  result: { kind: 'absence' },
  version: 81_234,
  timeMs: 1_750_000_200_000,
};
const recordData = (r: NotarizedRecord) => ({
  chainId: r.chainId,
  recordType: r.recordType,
  key: r.key,
  value: r.result.kind === 'record' ? toHex(r.result.value) : null,
  version: r.version,
  timeMs: r.timeMs,
});
const recordFields = (r: NotarizedRecord) => ({
  chainId: r.chainId,
  recordType: r.recordType,
  key: r.key,
  result:
    r.result.kind === 'record'
      ? { variant: 'notary-record-found', value: { valueHash: toHex(sha256(r.result.value)) } }
      : { variant: 'notary-record-absent', value: { zeroHash: toHex(new Uint8Array(32)) } },
  version: r.version,
  timeMs: r.timeMs,
});
const recordCase = (name: string, r: NotarizedRecord, signer: Did, policy: { threshold: number; notaries: Did[] }, others: Did[]) => {
  const own = signAs(signer, notarizedRecordSigningInput(r));
  return {
    name,
    fields: recordFields(r),
    bytes: toHex(notarizedRecordLayout(r)),
    hash: toHex(sha256(notarizedRecordLayout(r))),
    signer: String(NOTARY[signer].n),
    signingInput: toHex(notarizedRecordSigningInput(r).bytes('secp256k1')),
    signature: own.signature,
    notaryDid: signer,
    kid: NOTARY[signer].kid,
    record: recordData(r),
    policy,
    signatures: [own, ...others.map((d) => signAs(d, notarizedRecordSigningInput(r)))],
  };
};
const landOnR1 = (): Sig => signAs(LAND, notarizedRecordSigningInput(r1));
/** What the verifier is given, with a bad signature of BANK's before LAND's valid one. */
const badRecordSig = (name: string, reason: string, why: string, sig: Sig, signed?: NotarizedRecord) => ({
  name,
  reason,
  why,
  record: recordData(r1),
  policy: TWO,
  ...(signed === undefined ? {} : { signedRecord: recordData(signed) }),
  signatures: [sig, landOnR1()],
});
const bankOnR1 = signAs(BANK, notarizedRecordSigningInput(r1));
const older: NotarizedRecord = { ...r1, version: 80_001, timeMs: 1_749_000_000_000 };
const otherValue: NotarizedRecord = { ...r1, result: { kind: 'record', value: utf8('{"owner":"0000","area_m2":96}') } };
const absentR1: NotarizedRecord = { ...r1, result: { kind: 'absence' } };

write('notary-record', {
  structure: 'notary-record',
  title: "A notary's signature over a record (or its absence) it read from a notary chain's database at a version",
  spec: SPEC,
  tag: SignTag.NotaryRecord,
  layout: 'notary-record',
  keys: KEYS,
  registry: REGISTRY,
  valid: [
    recordCase(
      'a land title read at version 81234, signed by the land agency and the bank (2 of 2)',
      r1,
      LAND,
      { threshold: 2, notaries: [LAND, BANK] },
      [BANK],
    ),
    recordCase('no title under the key at that version, signed by the bank (1 of 2)', r2, BANK, TWO, []),
  ],
  invalid: [
    badRecordSig(
      'another value',
      'bad_notary_signature',
      'the bank signed another value under the same key and version: the verifier hashes the value it is given',
      signAs(BANK, notarizedRecordSigningInput(otherValue)),
      otherValue,
    ),
    badRecordSig(
      'an old version replayed',
      'bad_notary_signature',
      "the bank's signature of the same record at version 80001, offered for version 81234",
      signAs(BANK, notarizedRecordSigningInput(older)),
      older,
    ),
    badRecordSig(
      'an absence signed, a record claimed',
      'bad_notary_signature',
      'the bank signed that the key was absent; the answer claims a record',
      signAs(BANK, notarizedRecordSigningInput(absentR1)),
      absentR1,
    ),
    badRecordSig(
      'an attestation replayed as a notarized record',
      'bad_notary_signature',
      "the bank's attestation (tag courtbridge/v1/attestation over the record without version and time) is not a notarized record",
      signAs(BANK, signingInput(SignTag.Attestation, attestationLayout(r1))),
    ),
    badRecordSig('high-S twin', 'bad_notary_signature', "the bank's valid signature with s replaced by n - s", {
      ...bankOnR1,
      signature: toHex(toHighS(Buffer.from(bankOnR1.signature, 'hex'))),
    }),
    badRecordSig(
      'a key rotated out before the read',
      'notary_key_unknown',
      "the bank signed with its key-1 (key 84), held only until 1700000000000; keys are looked up at the record's time",
      signAs(BANK, notarizedRecordSigningInput(r1), 84, `${BANK}#key-1`),
    ),
    badRecordSig(
      'a signer outside the chain’s notaries',
      'unknown_notary',
      "court-a signed correctly, but it is not one of this chain's notaries",
      signAs(COURT, notarizedRecordSigningInput(r1)),
    ),
    {
      name: 'one notary twice',
      reason: 'duplicate_notary',
      why: "the land agency's signature appears twice: it counts once",
      record: recordData(r1),
      policy: TWO,
      signatures: [landOnR1(), landOnR1()],
    },
    {
      name: 'one of two needed',
      reason: 'notary_quorum_not_met',
      why: 'the threshold is 2 and only the land agency signed',
      record: recordData(r1),
      policy: { threshold: 2, notaries: [LAND, BANK] },
      signatures: [landOnR1()],
    },
    {
      name: 'a threshold of 0',
      reason: 'invalid_notary_policy',
      why: 'a threshold of 0 would let no notary vouch for anything; refused before any signature',
      record: recordData(r1),
      policy: { threshold: 0, notaries: [LAND, BANK] },
      signatures: [landOnR1()],
    },
  ],
});

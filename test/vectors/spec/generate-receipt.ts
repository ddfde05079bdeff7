import { SignTag, sha256, signingInput, type Signable } from '../../../src/crypto/hash.js';
import { sign, toHighS } from '../../../src/crypto/secp256k1.js';
import { signWith } from '../../../src/crypto/signature-suite.js';
import { concatBytes, fromHex, toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { jwtParts } from '../../../src/identity/jwt.js';
import { BatchReceipts, type BatchReceiptData } from '../../../src/relay/receipts/batch-receipts.js';
import { JwtReceipts } from '../../../src/relay/receipts/jwt-receipts.js';
import type { ReceiptSigner } from '../../../src/relay/receipts/root-signer.js';
import { batchRootSigningInput, receiptDigest, receiptLayout, type ReceiptSubject } from '../../../src/verify/receipt-layout.js';
import { subjectFromJson, subjects } from '../generate-receipt.js';
import { keysJson, privateKeyOf, type RegistryJson, writeVector } from './vector-kit.js';

const SIGNED_AT = 1_750_000_005_000;
const GW1 = 'did:alliance:gateway-1';
const GW2 = 'did:alliance:gateway-2';
const COURT = 'did:alliance:court-bj-01';
const OLD_GW = 'did:alliance:gateway-old';

const registry: RegistryJson = {
  allianceId: 'courtbridge-vectors',
  quorum: 1,
  members: [
    {
      did: GW1,
      roles: ['gateway'],
      chains: [],
      keys: [
        { kid: '#key-1', key: '1', validFromMs: 0 },
        // Rotated away before the receipts were signed.
        { kid: '#key-0', key: '10', validFromMs: 0, validUntilMs: 1_700_000_000_000 },
      ],
    },
    { did: GW2, roles: ['gateway'], chains: [], keys: [{ kid: '#key-1', key: '2', validFromMs: 0 }] },
    { did: COURT, roles: ['court'], chains: [], keys: [{ kid: '#key-1', key: '3', validFromMs: 0 }] },
    { did: OLD_GW, roles: ['gateway'], chains: [], keys: [{ kid: '#key-1', key: '8', validFromMs: 0 }], revokedAtMs: SIGNED_AT - 1 },
  ],
};

const signerOf = (did: string, kid: string, key: number | string): ReceiptSigner => ({
  did,
  kid,
  suite: 'secp256k1',
  sign: (m: Signable) => Promise.resolve(signWith('secp256k1', m, privateKeyOf(key))),
});

/** One batch closed by the gateway's BatchReceipts at the pinned time. */
async function batchOf(digests: Uint8Array[], signer: ReceiptSigner): Promise<BatchReceiptData[]> {
  const batches = new BatchReceipts({ signer, now: () => SIGNED_AT });
  const tickets = digests.map(() => batches.begin());
  const issued = digests.map((d) => batches.issue(d));
  for (const t of tickets) t();
  const got = await Promise.all(issued);
  await batches.close();
  return got;
}

const batchJson = (b: BatchReceiptData) => ({
  leafIndex: b.leafIndex,
  leafCount: b.leafCount,
  path: b.path.map(toHex),
  batchRoot: toHex(b.batchRoot),
  rootSignature: toHex(b.rootSignature),
  gatewayDid: b.gatewayDid,
  kid: b.kid,
  signedAtMs: b.signedAtMs,
});
type BatchJson = ReturnType<typeof batchJson>;

/** The receipt layout's fields (docs/spec/receipt.md `receipt-layout`) of a subject. */
function layoutFields(s: ReceiptSubject) {
  const bytes = receiptLayout(s);
  // The three hashes sit at fixed offsets from the end of the variable-length head; read them
  // back from the product's own bytes rather than recompute them here.
  const tail =
    8 + 1 + 4 + s.attestations.reduce((n, a) => n + 4 + utf8(a.attesterDid).length + 4 + utf8(a.kid).length + 4 + a.signature.length, 0);
  const hashesAt = bytes.length - tail - 32 * 2;
  return {
    requestId: s.requestId,
    requesterDid: s.requesterDid,
    queryChainId: s.query.chainId,
    queryRecordType: s.query.recordType,
    queryKey: s.query.key,
    queryHeight: s.query.height,
    headerChainId: s.header.chainId,
    headerHeight: s.header.height,
    headerHash: toHex(s.header.hash),
    resultKind: s.result.kind === 'record' ? 1 : 2,
    valueHash: toHex(bytes.subarray(hashesAt, hashesAt + 32)),
    proofHash: toHex(bytes.subarray(hashesAt + 32, hashesAt + 64)),
    stateTimeMs: s.stateTimeMs,
    trustBasis: s.trustBasis,
    attestations: s.attestations.map((a) => ({ attesterDid: a.attesterDid, kid: a.kid, signature: toHex(a.signature) })),
  };
}

const subj = subjects.map((x) => subjectFromJson(x.subject));
const digests = subj.map((s) => receiptDigest(s));
const batch = await batchOf(digests, signerOf(GW1, `${GW1}#key-1`, 1));
const jwts = new JwtReceipts({ signer: signerOf(GW2, `${GW2}#key-1`, 2), now: () => SIGNED_AT });
const jwtOf = (i: number): Promise<string> => jwts.issue(digests[i]!, subj[i]!.requesterDid, subj[i]!.requestId);

const valid = [];
for (const [i, { name, subject }] of subjects.entries()) {
  const s = subj[i]!;
  const bytes = receiptLayout(s);
  const input = signingInput(SignTag.Receipt, bytes).bytes('secp256k1');
  const receipt = i === 3 ? { jwt: await jwtOf(i) } : { batch: batchJson(batch[i]!) };
  valid.push({
    name: `${name}; ${'jwt' in receipt ? 'per-answer JWT receipt' : `leaf ${i} of a batch of ${batch.length}`}`,
    fields: layoutFields(s),
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    digestInput: toHex(input),
    digest: toHex(digests[i]!),
    leafHash: toHex(sha256(concatBytes(Uint8Array.of(0), digests[i]!))),
    subject,
    receipt,
  });
}
// The same answer as leaf 0 also with a JWT receipt (either form binds the same digest).
valid.push({ ...valid[0]!, name: `${subjects[0]!.name}; per-answer JWT receipt`, receipt: { jwt: await jwtOf(0) } });

// ---- invalid receipts (against subject 1 unless told) ----
const b1 = batchJson(batch[1]!);
const flipLast = (hex: string): string => `${hex.slice(0, -2)}${(Number.parseInt(hex.slice(-2), 16) ^ 1).toString(16).padStart(2, '0')}`;
const otherAnswer = structuredClone(subjects[1]!.subject);
otherAnswer.stateTimeMs += 1;

/** A JWT receipt signed as the gateway's JwtReceipts does, with the header or payload changed. */
function jwtWith(
  key: number | string,
  signer: { did: string; kid: string },
  digest: Uint8Array,
  edit: (h: Record<string, unknown>, p: Record<string, unknown>) => void = () => {},
): string {
  const { header, payload } = jwtParts(
    { ...signer, suite: 'secp256k1' },
    {
      audience: subj[1]!.requesterDid,
      purpose: 'receipt',
      nowMs: SIGNED_AT,
      lifetimeMs: 86_400_000,
      jti: subj[1]!.requestId,
      claims: { rcpt: toHex(digest) },
    },
  );
  const h = { ...header } as Record<string, unknown>;
  const p = { ...payload } as Record<string, unknown>;
  edit(h, p);
  const input = `${toBase64url(utf8(JSON.stringify(h)))}.${toBase64url(utf8(JSON.stringify(p)))}`;
  return `${input}.${toBase64url(sign(utf8(input), privateKeyOf(key)))}`;
}
const gw2 = { did: GW2, kid: `${GW2}#key-1` };
const goodJwt = jwtWith(2, gw2, digests[1]!);

const inv = (name: string, reason: string, why: string, receipt: unknown, subject = subjects[1]!.subject) => ({
  name,
  reason,
  why,
  subject,
  receipt,
});
const invalid = [
  inv('no receipt', 'missing_receipt', 'an answer without a gateway receipt is vouched for by nobody', null),
  inv(
    'a receipt of another answer',
    'root_mismatch',
    "the subject's stateTimeMs differs by 1 ms from what leaf 1 committed to: its digest is another leaf",
    { batch: b1 },
    otherAnswer,
  ),
  inv('leaf index outside the batch', 'bad_leaf_index', 'leaf 5 of a batch of 5', { batch: { ...b1, leafIndex: 5 } }),
  inv('another leaf index', 'root_mismatch', "leaf 1's path read as leaf 2's hashes to another root", { batch: { ...b1, leafIndex: 2 } }),
  inv('a path element of 31 bytes', 'malformed_path', 'path elements are 32-byte hashes', {
    batch: { ...b1, path: [b1.path[0]!.slice(2), ...b1.path.slice(1)] },
  }),
  inv('path one sibling short', 'missing_sibling', 'leaf 1 of 5 has 3 siblings; 2 stop below the root', {
    batch: { ...b1, path: b1.path.slice(0, -1) },
  }),
  inv('path one sibling too long', 'extra_sibling', 'a fourth sibling is deeper than a batch of 5 goes for leaf 1', {
    batch: { ...b1, path: [...b1.path, b1.path[0]!] },
  }),
  inv('a sibling changed', 'root_mismatch', 'the deepest sibling with one bit flipped', {
    batch: { ...b1, path: [flipLast(b1.path[0]!), ...b1.path.slice(1)] },
  }),
  inv('JWT receipt with two segments', 'malformed_token', 'a compact JWS has three base64url segments', {
    jwt: goodJwt.split('.').slice(0, 2).join('.'),
  }),
  inv(
    'JWT receipt of another answer',
    'receipt_digest_mismatch',
    "its rcpt claim is leaf 1's digest; the subject here is answer 2's",
    { jwt: goodJwt },
    subjects[2]!.subject,
  ),
  inv(
    'JWT receipt with another purpose',
    'receipt_digest_mismatch',
    'purpose must be "receipt" (an order token naming the same digest binds nothing)',
    {
      jwt: jwtWith(2, gw2, digests[1]!, (_h, p) => {
        p.purpose = 'order';
      }),
    },
  ),
  inv('JWT kid of another DID', 'kid_not_of_issuer', 'the kid must be a key of the issuer (iss) itself', {
    jwt: jwtWith(2, { did: GW2, kid: `${GW1}#key-1` }, digests[1]!),
  }),
  inv(
    'JWT receipt whose signer is not a gateway',
    'receipt_signer_not_gateway',
    'court-bj-01 holds the court role, not gateway: its receipt vouches for nothing',
    {
      jwt: jwtWith(3, { did: COURT, kid: `${COURT}#key-1` }, digests[1]!),
    },
  ),
  inv('JWT receipt by an unknown key of a gateway', 'bad_receipt_key', 'gateway-2 has no #key-9', {
    jwt: jwtWith(2, { did: GW2, kid: `${GW2}#key-9` }, digests[1]!),
  }),
  inv(
    'JWT alg naming another suite than the key',
    'alg_key_mismatch',
    "the header says SM2SM3 (and rcpt is the SM3 digest, so it binds), but gateway-2's key is secp256k1",
    {
      jwt: jwtWith(2, gw2, receiptDigest(subj[1]!, 'sm2'), (h) => {
        h.alg = 'SM2SM3';
      }),
    },
  ),
  inv('JWT signed by another key', 'bad_signature', 'claims gateway-2 #key-1, signed by vector key 6', {
    jwt: jwtWith(6, gw2, digests[1]!),
  }),
];

const receiptFile = {
  structure: 'receipt',
  title: "A gateway's receipt for one answer: the receipt digest and its batch or JWT form",
  spec: 'docs/spec/receipt.md',
  tag: SignTag.Receipt,
  layout: 'receipt-layout',
  keys: keysJson([1, 2, 3, 6, 8, 10]),
  registry,
  valid,
  invalid,
};

// ---- receipt-batch: the signed root ----
const lone = await batchOf([digests[4]!], signerOf(GW2, `${GW2}#key-1`, 2));
const rootFields = (b: BatchJson) => ({ batchRoot: b.batchRoot, leafCount: b.leafCount, signedAtMs: b.signedAtMs });
const rootBytes = (b: Pick<BatchJson, 'batchRoot' | 'leafCount' | 'signedAtMs'>): Uint8Array =>
  batchRootSigningInput(fromHex(b.batchRoot), b.leafCount, b.signedAtMs).data;
const batchCase = (name: string, b: BatchJson, signer: string, leafSubject: number) => ({
  name,
  fields: rootFields(b),
  bytes: toHex(rootBytes(b)),
  hash: toHex(sha256(rootBytes(b))),
  signer,
  signingInput: toHex(batchRootSigningInput(fromHex(b.batchRoot), b.leafCount, b.signedAtMs).bytes('secp256k1')),
  signature: b.rootSignature,
  gatewayDid: b.gatewayDid,
  kid: b.kid,
  leaf: { subject: subjects[leafSubject]!.subject, leafIndex: b.leafIndex, path: b.path },
});
const signRoot = (b: BatchJson, key: number | string, tag: SignTag = SignTag.ReceiptBatch): string =>
  toHex(sign(signingInput(tag, rootBytes(b)), privateKeyOf(key)));

const bInv = (name: string, reason: string, why: string, b: BatchJson) => ({
  name,
  reason,
  why,
  batch: b,
  leaf: { subject: subjects[1]!.subject },
});
const batchInvalid = [
  bInv(
    'leaf count changed',
    'bad_root_signature',
    "6 instead of 5: leaf 1's path is the same in both trees, so only the signature over the count catches it",
    { ...b1, leafCount: 6 },
  ),
  bInv('signed time changed', 'bad_root_signature', 'signedAtMs moved by 1 ms', { ...b1, signedAtMs: b1.signedAtMs + 1 }),
  bInv('root signed under another tag', 'bad_root_signature', 'the same root bytes signed under courtbridge/v1/header by the right key', {
    ...b1,
    rootSignature: signRoot(b1, 1, SignTag.Header),
  }),
  bInv('high-S twin', 'bad_root_signature', 's replaced by n - s', { ...b1, rootSignature: toHex(toHighS(fromHex(b1.rootSignature))) }),
  bInv('signature of 63 bytes', 'bad_root_signature', 'a signature is 64 bytes', { ...b1, rootSignature: b1.rootSignature.slice(2) }),
  bInv('signed by another key', 'bad_root_signature', 'claims gateway-1 #key-1, signed by vector key 6', {
    ...b1,
    rootSignature: signRoot(b1, 6),
  }),
  bInv('signer is not a gateway', 'receipt_signer_not_gateway', 'court-bj-01 signed the root correctly, but holds the court role only', {
    ...b1,
    gatewayDid: COURT,
    kid: `${COURT}#key-1`,
    rootSignature: signRoot(b1, 3),
  }),
  bInv('gateway revoked before it signed', 'receipt_signer_not_gateway', 'gateway-old was revoked 1 ms before signedAtMs', {
    ...b1,
    gatewayDid: OLD_GW,
    kid: `${OLD_GW}#key-1`,
    rootSignature: signRoot(b1, 8),
  }),
  bInv('unknown key of the gateway', 'bad_receipt_key', 'gateway-1 has no #key-9', { ...b1, kid: `${GW1}#key-9` }),
  bInv(
    'key rotated away before signedAtMs',
    'bad_receipt_key',
    "gateway-1's #key-0 (vector key 10) stopped being valid before the root was signed",
    {
      ...b1,
      kid: `${GW1}#key-0`,
      rootSignature: signRoot(b1, 10),
    },
  ),
];

const batchFile = {
  structure: 'receipt-batch',
  title: "A gateway's signed receipt batch root",
  spec: 'docs/spec/receipt.md',
  tag: SignTag.ReceiptBatch,
  layout: 'receipt-batch-root',
  keys: keysJson([1, 2, 3, 6, 8, 10]),
  registry,
  valid: [
    batchCase(`batch of ${batch.length} (test/vectors/receipt.json's batch), gateway-1`, batchJson(batch[1]!), '1', 1),
    batchCase('batch of 1: the root is the lone leaf hash, gateway-2', batchJson(lone[0]!), '2', 4),
  ],
  invalid: batchInvalid,
};

writeVector('receipt', receiptFile);
writeVector('receipt-batch', batchFile);
console.error(`wrote ${valid.length}/${invalid.length} receipt and ${batchFile.valid.length}/${batchInvalid.length} receipt-batch cases`);

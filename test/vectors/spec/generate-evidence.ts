import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { publicKeyOf, toHighS } from '../../../src/crypto/secp256k1.js';
import { concatBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../../src/identity/did-key.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import {
  batchIdOf,
  batchLeafHashes,
  encodeAnchorBatch,
  encodeAnchorPointer,
  encodeStoredBatch,
  type AnchorBatch,
  type MetadataEntry,
} from '../../../src/judicial/anchor-batch.js';
import { merkleRootOfLeafHashes } from '../../../src/proof/binary-merkle.js';
import {
  claimBytes,
  claimSigningInput,
  evidenceLeafHash,
  itemsOf,
  leafDataOf,
  metadataBytes,
  signEvidenceBatch,
  type EvidenceItem,
} from '../../../src/workflows/evidence.js';
import { encode, loadLayouts } from '../../spec/layout.js';
import { privateKeyOf, seedOf, writeVector } from './vector-kit.js';

const KEYS = [3, 4, 5, 6, 7];

const didKeySigner = (n: number): Signer => {
  const did = didKeyOf(publicKeyOf(privateKeyOf(n)));
  return createSigner(did, didKeyKid(did), privateKeyOf(n));
};
/** Registry DIDs: the verifier takes their keys from the alliance registry (`registry` below). */
const COURT = createSigner('did:alliance:court-bj-01', 'did:alliance:court-bj-01#key-1', privateKeyOf(6));
const REVOKED_COURT = createSigner('did:alliance:court-sh-02', 'did:alliance:court-sh-02#key-1', privateKeyOf(7));
const REVOKED_AT_MS = 1_750_000_050_000;

/** The gateway's clock when it receives the cases (a revocation takes effect at once). */
const NOW_MS = 1_750_000_060_000;
const ANCHORED_AT_MS = 1_750_000_100_000;
const HEIGHT = 42;
const T = 1_750_000_000_000;

const h = (s: string): Uint8Array => sha256(utf8(s));
const metaJson = (m: MetadataEntry[]) => m.map((e) => ({ name: e.name, value: e.value }));

/** A batch signed over exactly the given sets and order (no sorting, no dedup): for the cases that must reach a later check. */
function signRaw(
  signer: Signer,
  hashes: Uint8Array[],
  metadata: MetadataEntry[][],
  metaIndex: number[],
  signedAtMs: number,
  tag: SignTag = SignTag.Evidence,
): AnchorBatch {
  const partial: AnchorBatch = {
    claim: { submitterDid: signer.did, kid: signer.kid, signedAtMs, size: hashes.length, root: new Uint8Array(32) },
    signature: new Uint8Array(64),
    metadata,
    hashes,
    metaIndex: Uint32Array.from(metaIndex),
  };
  const claim = { ...partial.claim, root: merkleRootOfLeafHashes(batchLeafHashes(partial)) };
  return { ...partial, claim, signature: signer.sign(signingInput(tag, claimBytes(claim))) };
}

const claimFields = (b: AnchorBatch) => ({
  submitterDid: b.claim.submitterDid,
  kid: b.claim.kid,
  signedAtMs: b.claim.signedAtMs,
  size: b.claim.size,
  root: toHex(b.claim.root),
});

const layouts = loadLayouts();
/** The page's layouts give the product's bytes, or the generator stops. */
function same(layout: string, value: unknown, bytes: Uint8Array): void {
  const got = encode(layouts, layout, value).toString('hex');
  if (got !== toHex(bytes)) throw new Error(`docs/spec/evidence.md layout ${layout} disagrees with the product:\n${got}\n${toHex(bytes)}`);
}

function storedOf(b: AnchorBatch, anchoredEarlier: number[] = []): Uint8Array {
  return encodeStoredBatch(encodeAnchorBatch(b), ANCHORED_AT_MS, HEIGHT, anchoredEarlier);
}

function validCase(name: string, signer: Signer, keyName: string, items: EvidenceItem[], signedAtMs: number) {
  const b = signEvidenceBatch(signer, items, signedAtMs);
  const cb = claimBytes(b.claim);
  const batchId = batchIdOf(b.claim);
  const batch = encodeAnchorBatch(b);
  const record = storedOf(b);
  const leaves = itemsOf(b).map((it, i) => {
    const mb = metadataBytes(it.metadata);
    same('evidence-metadata', { entries: metaJson(it.metadata) }, mb);
    same('evidence-leaf-data', { contentHash: toHex(it.contentHash), metadataHash: toHex(sha256(mb)) }, leafDataOf(it));
    return {
      contentHash: toHex(it.contentHash),
      metadata: metaJson(it.metadata),
      metadataBytes: toHex(mb),
      metadataHash: toHex(sha256(mb)),
      metadataIndex: b.metaIndex[i]!,
      leafData: toHex(leafDataOf(it)),
      leafHash: toHex(evidenceLeafHash(it)),
      pointer: toHex(encodeAnchorPointer({ batchId, index: i, anchoredAtMs: ANCHORED_AT_MS })),
    };
  });
  const batchFields = {
    claim: claimFields(b),
    signature: toHex(b.signature),
    metadata: b.metadata.map((m) => toHex(metadataBytes(m))),
    leaves: toHex(
      concatBytes(
        ...b.hashes.map((x, i) => encode(layouts, 'evidence-batch-leaf', { contentHash: toHex(x), metadataIndex: b.metaIndex[i]! })),
      ),
    ),
  };
  same('evidence-batch', batchFields, batch);
  same('evidence-batch-record', { batch: batchFields, anchoredAtMs: ANCHORED_AT_MS, height: HEIGHT, anchoredEarlier: [] }, record);
  for (const [i, l] of leaves.entries())
    same('evidence-pointer', { batchId: toHex(batchId), index: i, anchoredAtMs: ANCHORED_AT_MS }, Buffer.from(l.pointer, 'hex'));
  return {
    name,
    fields: claimFields(b),
    bytes: toHex(cb),
    hash: toHex(batchId),
    signer: keyName,
    signingInput: toHex(claimSigningInput(b.claim).bytes('secp256k1')),
    signature: toHex(b.signature),
    nowMs: NOW_MS,
    items: leaves,
    batch: toHex(batch),
    anchoredAtMs: ANCHORED_AT_MS,
    height: HEIGHT,
    batchRecord: toHex(record),
    ...(b.claim.size === 1
      ? {
          anchorEvidence: {
            claim: {
              contentHash: leaves[0]!.contentHash,
              metadata: leaves[0]!.metadata,
              submitterDid: b.claim.submitterDid,
              kid: b.claim.kid,
              signedAtMs: b.claim.signedAtMs,
            },
            signature: toHex(b.signature),
          },
        }
      : {}),
  };
}

/** An AnchorEvidenceBatch case: the bytes the gateway receives. */
const viaBatch = (name: string, reason: string, why: string, bytes: Uint8Array, nowMs = NOW_MS) => ({
  name,
  reason,
  why,
  via: 'AnchorEvidenceBatch',
  batch: toHex(bytes),
  nowMs,
});

const S1 = didKeySigner(3);
const S2 = didKeySigner(4);

export function buildVectors(): unknown {
  const valid = [
    validCase(
      'a single anchor (a batch of one): root = its leaf hash',
      S1,
      '3',
      [
        {
          contentHash: h('judgment (2024)京0101民初777号, page 1'),
          metadata: [
            { name: 'case_id', value: '(2024)京0101民初777号' },
            { name: 'kind', value: 'case_file' },
            { name: 'title', value: '民事判决书' },
          ],
        },
      ],
      T,
    ),
    validCase(
      'a batch of three, one without metadata (the distinct sets stored once)',
      S2,
      '4',
      [
        { contentHash: h('bank slip 1'), metadata: [{ name: 'kind', value: 'evidence' }] },
        { contentHash: h('bank slip 2'), metadata: [] },
        { contentHash: h('chat log'), metadata: [{ name: 'title', value: '聊天记录' }] },
      ],
      T + 123,
    ),
    validCase(
      'a batch of five sharing one metadata set (unbalanced RFC 6962 tree)',
      didKeySigner(5),
      '5',
      Array.from({ length: 5 }, (_, i) => ({
        contentHash: h(`served document ${i}`),
        metadata: [{ name: 'kind', value: 'served_document' }],
      })),
      T + 1000,
    ),
    validCase(
      'a registry court (key from the alliance registry), metadata given unsorted and sorted by the signer',
      COURT,
      '6',
      [
        {
          contentHash: h('transfer record 2024-05-01'),
          metadata: [
            { name: 'title', value: 'transfer record' },
            { name: 'case_id', value: 'E-2024-1' },
          ],
        },
        { contentHash: h('transfer record 2024-05-02'), metadata: [{ name: 'media_type', value: 'application/pdf' }] },
      ],
      T + 2000,
    ),
  ];

  const good = signEvidenceBatch(
    S1,
    [
      { contentHash: h('exhibit A'), metadata: [{ name: 'kind', value: 'evidence' }] },
      { contentHash: h('exhibit B'), metadata: [{ name: 'kind', value: 'evidence' }] },
      { contentHash: h('exhibit C'), metadata: [] },
    ],
    T + 5000,
  );
  const goodBytes = encodeAnchorBatch(good);
  const goodId = batchIdOf(good.claim);
  const evidenceMeta = [{ name: 'kind', value: 'evidence' }];

  const tampered = { ...good, hashes: good.hashes.map((x, i) => (i === 1 ? h('exhibit B, altered') : x)) };
  const reordered = {
    ...good,
    hashes: [good.hashes[1]!, good.hashes[0]!, good.hashes[2]!],
    metaIndex: Uint32Array.from([good.metaIndex[1]!, good.metaIndex[0]!, good.metaIndex[2]!]),
  };
  const later = { ...good, claim: { ...good.claim, signedAtMs: good.claim.signedAtMs + 1 } };
  const otherKey = { ...good, signature: S2.sign(claimSigningInput(good.claim)) };
  const highS = { ...good, signature: toHighS(good.signature) };
  const otherTag = { ...good, signature: S1.sign(signingInput(SignTag.Receipt, claimBytes(good.claim))) };
  // A kid of another DID: signed correctly, so only the claim's shape is wrong.
  const strangerKid = (() => {
    const s: Signer = { ...COURT, kid: 'did:alliance:court-bj-02#key-1' };
    return signRaw(s, [h('exhibit D')], [evidenceMeta], [0], T);
  })();
  const unknownKey = signRaw(createSigner(COURT.did, `${COURT.did}#key-9`, privateKeyOf(6)), [h('exhibit E')], [evidenceMeta], [0], T);
  const revoked = signRaw(REVOKED_COURT, [h('exhibit F')], [evidenceMeta], [0], T);
  const unsorted = signRaw(
    COURT,
    [h('exhibit G')],
    [
      [
        { name: 'title', value: 'exhibit G' },
        { name: 'kind', value: 'evidence' },
      ],
    ],
    [0],
    T,
  );
  const badKind = signRaw(COURT, [h('exhibit H')], [[{ name: 'kind', value: 'photo' }]], [0], T);
  const bigMeta = signRaw(COURT, [h('exhibit I')], [[{ name: 'note', value: 'x'.repeat(4093) }]], [0], T);
  const dup = signRaw(COURT, [h('exhibit J'), h('exhibit J')], [evidenceMeta], [0, 0], T);
  const zeroTime = signRaw(COURT, [h('exhibit K')], [evidenceMeta], [0], 0);
  // 10,001 leaves: over the gateway's per-batch limit (the leaves are given by a rule, not spelled out).
  const MANY = 10_001;
  const manyHashes = Array.from({ length: MANY }, (_, i) => h(`batch_too_large item ${i}`));
  const many = signRaw(COURT, manyHashes, [[]], new Array<number>(MANY).fill(0), T);

  const invalid: unknown[] = [
    viaBatch(
      'truncated batch bytes',
      'claim_malformed',
      'the last leaf lacks its metadata index: the batch does not decode',
      goodBytes.subarray(0, goodBytes.length - 4),
    ),
    viaBatch(
      'trailing byte after the last leaf',
      'claim_malformed',
      'one byte after the last leaf: the batch does not decode',
      concatBytes(goodBytes, Uint8Array.of(0)),
    ),
    viaBatch('layout version 1', 'claim_malformed', 'the first byte must be 0x02', concatBytes(Uint8Array.of(1), goodBytes.subarray(1))),
    viaBatch('signedAtMs of 0', 'claim_malformed', 'signedAtMs must be a positive unix time in ms', encodeAnchorBatch(zeroTime)),
    viaBatch(
      'kid of another DID',
      'claim_malformed',
      'the kid must start with the submitter DID followed by #',
      encodeAnchorBatch(strangerKid),
    ),
    viaBatch(
      'metadata names unsorted',
      'metadata_unsorted',
      'a metadata set lists "title" before "kind"; names must be strictly ascending (signed over as given)',
      encodeAnchorBatch(unsorted),
    ),
    viaBatch(
      'metadata kind not one the judicial record knows',
      'claim_malformed',
      'kind must be evidence, case_file or served_document',
      encodeAnchorBatch(badKind),
    ),
    viaBatch(
      'metadata over 4,096 characters',
      'metadata_too_large',
      'name and value lengths sum to 4,097 UTF-16 code units, over 4,096',
      encodeAnchorBatch(bigMeta),
    ),
    viaBatch(
      'the same content hash twice',
      'duplicate_anchor',
      'leaves 0 and 1 name the same hash (signed correctly)',
      encodeAnchorBatch(dup),
    ),
    {
      name: 'more than 10,000 leaves',
      reason: 'batch_too_large',
      why: '10,001 leaves in one signed batch (the root and signature are right): split into several signed batches',
      via: 'AnchorEvidenceBatch',
      batchHead: toHex(encodeAnchorBatch({ ...many, hashes: [], metaIndex: new Uint32Array(0) })),
      leavesRule: {
        count: MANY,
        contentHash: 'SHA-256(utf8("batch_too_large item " + i)) for i = 0 … count − 1',
        metadataIndex: 0,
      },
      nowMs: NOW_MS,
    },
    viaBatch(
      'a leaf changed after signing',
      'anchor_path_invalid',
      'leaf 1 names another hash: the leaves no longer hash to the signed root',
      encodeAnchorBatch(tampered),
    ),
    viaBatch(
      'leaves reordered after signing',
      'anchor_path_invalid',
      'leaves 0 and 1 swapped: the RFC 6962 root depends on the order',
      encodeAnchorBatch(reordered),
    ),
    viaBatch(
      'revoked submitter',
      'revoked',
      'the submitter DID was revoked before the gateway received the batch (signed before the revocation)',
      encodeAnchorBatch(revoked),
    ),
    viaBatch(
      'a key the registry does not list',
      'submitter_signature_invalid',
      'the kid names no key of the DID in the registry',
      encodeAnchorBatch(unknownKey),
    ),
    viaBatch(
      'claim changed after signing',
      'submitter_signature_invalid',
      'signedAtMs raised by 1 ms after signing (the root still matches)',
      encodeAnchorBatch(later),
    ),
    viaBatch(
      'signed by another key',
      'submitter_signature_invalid',
      "a valid signature by key 4 over the claim of key 3's did:key",
      encodeAnchorBatch(otherKey),
    ),
    viaBatch('high-S twin', 'submitter_signature_invalid', 'the high-S twin of the valid signature (s > n/2)', encodeAnchorBatch(highS)),
    viaBatch(
      'signed under another tag',
      'submitter_signature_invalid',
      'the claim bytes signed under courtbridge/v1/receipt instead of courtbridge/v1/evidence',
      encodeAnchorBatch(otherTag),
    ),
    {
      name: 'AnchorEvidence: content hash of 31 bytes',
      reason: 'hash_malformed',
      why: 'content_hash must be 32 bytes (SHA-256 of the file)',
      via: 'AnchorEvidence',
      claim: {
        contentHash: toHex(h('exhibit L').subarray(0, 31)),
        metadata: evidenceMeta,
        submitterDid: S1.did,
        kid: S1.kid,
        signedAtMs: T,
      },
      signature: toHex(good.signature),
      nowMs: NOW_MS,
    },
    {
      name: 'AnchorEvidence: signature of 63 bytes',
      reason: 'claim_malformed',
      why: 'a compact signature is exactly 64 bytes',
      via: 'AnchorEvidence',
      claim: { contentHash: toHex(good.hashes[0]!), metadata: evidenceMeta, submitterDid: S1.did, kid: S1.kid, signedAtMs: T },
      signature: toHex(good.signature.subarray(0, 63)),
      nowMs: NOW_MS,
    },
    {
      name: 'AnchorEvidence: 33 metadata entries',
      reason: 'metadata_too_large',
      why: 'a metadata set holds at most 32 entries',
      via: 'AnchorEvidence',
      claim: {
        contentHash: toHex(good.hashes[0]!),
        metadata: Array.from({ length: 33 }, (_, i) => ({ name: `n${String(i).padStart(2, '0')}`, value: 'v' })),
        submitterDid: S1.did,
        kid: S1.kid,
        signedAtMs: T,
      },
      signature: toHex(good.signature),
      nowMs: NOW_MS,
    },
    (() => {
      const single = signRaw(S1, [h('exhibit M')], [[{ name: 'kind', value: 'evidence' }]], [0], T);
      return {
        name: 'AnchorEvidence: signature over a claim of another size',
        reason: 'submitter_signature_invalid',
        why: 'the gateway signs-checks a batch of one (size 1, root = leaf hash); this signature is over the same leaf claimed as size 2',
        via: 'AnchorEvidence',
        claim: { contentHash: toHex(single.hashes[0]!), metadata: evidenceMeta, submitterDid: S1.did, kid: S1.kid, signedAtMs: T },
        signature: toHex(S1.sign(claimSigningInput({ ...single.claim, size: 2 }))),
        nowMs: NOW_MS,
      };
    })(),
  ];

  // A party's offline check of `anchor/<hash>` and `anchor-batch/<batchId>` (after their SMT proofs).
  const pointer = (index: number, batchId = goodId) => toHex(encodeAnchorPointer({ batchId, index, anchoredAtMs: ANCHORED_AT_MS }));
  const offline = (name: string, reason: string, why: string, contentHash: Uint8Array, ptr: string, record: Uint8Array) => ({
    name,
    reason,
    why,
    via: 'offline',
    contentHash: toHex(contentHash),
    pointer: ptr,
    batchRecord: toHex(record),
  });
  invalid.push(
    offline(
      'pointer names another batch',
      'anchor_batch_mismatch',
      'the pointer batchId is not SHA-256 of the record claim bytes',
      good.hashes[0]!,
      pointer(0, sha256(utf8('another batch'))),
      storedOf(good),
    ),
    offline(
      'pointer of 44 bytes',
      'anchor_batch_mismatch',
      'a pointer is exactly 45 bytes',
      good.hashes[0]!,
      pointer(0).slice(0, 88),
      storedOf(good),
    ),
    offline('index past the batch', 'anchor_index_invalid', 'index 3 in a batch of 3 leaves', good.hashes[0]!, pointer(3), storedOf(good)),
    offline(
      'leaf at the index is another hash',
      'anchor_hash_mismatch',
      "the pointer's index names leaf 1, whose hash is not the file's",
      good.hashes[0]!,
      pointer(1),
      storedOf(good),
    ),
    offline(
      'leaf anchored earlier by another batch',
      'anchor_batch_mismatch',
      'the record lists index 1 under anchoredEarlier: this batch did not anchor it',
      good.hashes[1]!,
      pointer(1),
      storedOf(good, [1]),
    ),
    offline(
      'stored leaves do not hash to the signed root',
      'anchor_path_invalid',
      'leaf 2 of the record was changed (the pointer and claim are intact)',
      good.hashes[0]!,
      pointer(0),
      storedOf({ ...good, hashes: good.hashes.map((x, i) => (i === 2 ? h('exhibit C, altered') : x)) }),
    ),
    offline(
      'stored signature is the high-S twin',
      'submitter_signature_invalid',
      'the record carries the high-S twin of the submitter signature',
      good.hashes[0]!,
      pointer(0),
      storedOf(highS),
    ),
  );

  return {
    structure: 'evidence',
    title: 'Evidence batch claim: what the submitter signs, the batch it anchors, the records the chain stores',
    spec: 'docs/spec/evidence.md',
    tag: SignTag.Evidence,
    layout: 'evidence-claim',
    keys: Object.fromEntries(
      KEYS.map((n) => [String(n), { seed: seedOf(n), privateKey: toHex(privateKeyOf(n)), publicKey: toHex(publicKeyOf(privateKeyOf(n))) }]),
    ),
    registry: {
      [COURT.kid]: { key: '6' },
      [REVOKED_COURT.kid]: { key: '7', revokedAtMs: REVOKED_AT_MS },
    },
    valid,
    invalid,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeVector('evidence', buildVectors());
  console.log('wrote test/vectors/spec/evidence.json');
}

/**
 * Writes test/vectors/evidence.json: signed evidence batches (src/judicial/anchor-batch.ts)
 * under fixed keys (private key N = sha256("courtbridge vector key N")): each item's metadata
 * bytes, leaf data and leaf hash, the batch root, the claim bytes, the batch id, the signing
 * input, its digest and the signature, the submitted batch bytes, the stored batch record and
 * each 45-byte anchor record (anchored at ANCHORED_AT_MS in block ANCHORED_HEIGHT), so a partner
 * submitting or checking evidence from another language can match them byte for byte.
 *
 * Run: npx tsx test/vectors/generate-evidence.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { createSigner } from '../../src/identity/signer.js';
import { batchIdOf, encodeAnchorBatch, encodeAnchorPointer, encodeStoredBatch } from '../../src/judicial/anchor-batch.js';
import {
  claimBytes,
  claimSigningInput,
  evidenceLeafHash,
  itemsOf,
  leafDataOf,
  metadataBytes,
  signEvidenceBatch,
  type EvidenceItem,
} from '../../src/workflows/evidence.js';

export const ANCHORED_AT_MS = 1_750_000_100_000;
export const ANCHORED_HEIGHT = 42;

export interface EvidenceVectorInput {
  name: string;
  keyIndex: number;
  signedAtMs: number;
  items: { content: string; metadata: { name: string; value: string }[] }[];
}

export const inputs: EvidenceVectorInput[] = [
  {
    name: 'a single anchor (a batch of one)',
    keyIndex: 3,
    signedAtMs: 1_750_000_000_000,
    items: [
      {
        content: 'judgment (2024)京0101民初777号, page 1',
        metadata: [
          { name: 'case_id', value: '(2024)京0101民初777号' },
          { name: 'kind', value: 'case_file' },
          { name: 'title', value: '民事判决书' },
        ],
      },
    ],
  },
  {
    name: 'a batch of three, no metadata on one',
    keyIndex: 4,
    signedAtMs: 1_750_000_000_123,
    items: [
      { content: 'bank slip 1', metadata: [{ name: 'kind', value: 'evidence' }] },
      { content: 'bank slip 2', metadata: [] },
      { content: 'chat log', metadata: [{ name: 'title', value: '聊天记录' }] },
    ],
  },
  {
    name: 'a batch of five (unbalanced RFC 6962 tree)',
    keyIndex: 5,
    signedAtMs: 1_750_000_001_000,
    items: Array.from({ length: 5 }, (_, i) => ({
      content: `served document ${i}`,
      metadata: [{ name: 'kind', value: 'served_document' }],
    })),
  },
];

export function buildVectors(): unknown {
  return {
    description:
      'Signed evidence batches (src/judicial/anchor-batch.ts header): metadataBytes, leafData = contentHash || sha256(metadataBytes), leaf = sha256(0x00 || leafData), RFC 6962 root, claimBytes, batchId = sha256(claimBytes), signingInput(SignTag.Evidence, claimBytes), compact low-S ECDSA-SHA256 signature (RFC 6979); batchBytes as submitted (tx anchor.put, base64url), the stored anchor-batch record and each 45-byte anchor/<hash> record, anchored at anchoredAtMs in block height.',
    privateKeyRule: 'sha256(utf8("courtbridge vector key " + keyIndex))',
    anchoredAtMs: ANCHORED_AT_MS,
    height: ANCHORED_HEIGHT,
    vectors: inputs.map((v) => {
      const sk = sha256(utf8(`courtbridge vector key ${v.keyIndex}`));
      const did = didKeyOf(publicKeyOf(sk));
      const signer = createSigner(did, didKeyKid(did), sk);
      const items: EvidenceItem[] = v.items.map((it) => ({ contentHash: sha256(utf8(it.content)), metadata: it.metadata }));
      const batch = signEvidenceBatch(signer, items, v.signedAtMs);
      const claim = batch.claim;
      const batchId = batchIdOf(claim);
      const batchBytes = encodeAnchorBatch(batch);
      return {
        ...v,
        submitterDid: did,
        kid: signer.kid,
        publicKeyHex: toHex(publicKeyOf(sk)),
        leaves: itemsOf(batch).map((it, i) => ({
          contentHashHex: toHex(it.contentHash),
          metadataBytesHex: toHex(metadataBytes(it.metadata)),
          metadataIndex: batch.metaIndex[i]!,
          leafDataHex: toHex(leafDataOf(it)),
          leafHashHex: toHex(evidenceLeafHash(it)),
          anchorRecordHex: toHex(encodeAnchorPointer({ batchId, index: i, anchoredAtMs: ANCHORED_AT_MS })),
        })),
        rootHex: toHex(claim.root),
        claimBytesHex: toHex(claimBytes(claim)),
        batchIdHex: toHex(batchId),
        signingInputHex: toHex(claimSigningInput(claim).bytes('secp256k1')),
        signingDigestHex: toHex(sha256(claimSigningInput(claim).bytes('secp256k1'))),
        signatureHex: toHex(batch.signature),
        batchBytesHex: toHex(batchBytes),
        storedBatchHex: toHex(encodeStoredBatch(batchBytes, ANCHORED_AT_MS, ANCHORED_HEIGHT, [])),
      };
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./evidence.json', import.meta.url), `${JSON.stringify(buildVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/evidence.json');
}

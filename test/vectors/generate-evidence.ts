/**
 * Writes test/vectors/evidence.json: batch claims of evidence anchors (src/workflows/evidence.ts)
 * under fixed keys (private key N = sha256("courtbridge vector key N")): each item's metadata
 * bytes, leaf data and leaf hash, the batch root, each audit path, the claim bytes, the signing
 * input, its digest and the signature, and the judicial `anchor.put` item (canonical JSON), so a
 * partner submitting evidence from another language can match them byte for byte.
 *
 * Run: npx tsx test/vectors/generate-evidence.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { createSigner } from '../../src/identity/signer.js';
import {
  anchorItemOf,
  batchClaimOf,
  claimBytes,
  claimSigningInput,
  evidenceLeafHash,
  leafDataOf,
  metadataBytes,
  signEvidenceBatch,
  type EvidenceItem,
} from '../../src/workflows/evidence.js';

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
      'Evidence batch claims (src/workflows/evidence.ts header): metadataBytes, leafData = contentHash || sha256(metadataBytes), leaf = sha256(0x00 || leafData), RFC 6962 root and paths, claimBytes, signingInput(SignTag.Evidence, claimBytes), compact low-S ECDSA-SHA256 signature (RFC 6979). anchorItem is the judicial anchor.put item (canonical JSON).',
    privateKeyRule: 'sha256(utf8("courtbridge vector key " + keyIndex))',
    vectors: inputs.map((v) => {
      const sk = sha256(utf8(`courtbridge vector key ${v.keyIndex}`));
      const did = didKeyOf(publicKeyOf(sk));
      const signer = createSigner(did, didKeyKid(did), sk);
      const items: EvidenceItem[] = v.items.map((it) => ({ contentHash: sha256(utf8(it.content)), metadata: it.metadata }));
      const entries = signEvidenceBatch(signer, items, v.signedAtMs);
      const claim = batchClaimOf(entries[0]!);
      return {
        ...v,
        submitterDid: did,
        kid: signer.kid,
        publicKeyHex: toHex(publicKeyOf(sk)),
        leaves: entries.map((e) => ({
          contentHashHex: toHex(e.claim.contentHash),
          metadataBytesHex: toHex(metadataBytes(e.claim.metadata)),
          leafDataHex: toHex(leafDataOf(e.claim)),
          leafHashHex: toHex(evidenceLeafHash(e.claim)),
          pathHex: e.batch.path.map(toHex),
          anchorItemHex: toHex(encodeCanonical(anchorItemOf(e))),
        })),
        rootHex: toHex(claim.root),
        claimBytesHex: toHex(claimBytes(claim)),
        signingInputHex: toHex(claimSigningInput(claim).bytes('secp256k1')),
        signingDigestHex: toHex(sha256(claimSigningInput(claim).bytes('secp256k1'))),
        signatureHex: toHex(entries[0]!.signature),
      };
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./evidence.json', import.meta.url), `${JSON.stringify(buildVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/evidence.json');
}

/**
 * Loops over test/vectors/evidence.json and test/vectors/audit-entry.json and recomputes every
 * byte from the inputs with the primitives (ByteWriter, sha256, RFC 6962, canonical JSON,
 * secp256k1), then checks the library agrees and the judicial schema reads the results.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { publicKeyOf, sign, verify } from '../../src/crypto/secp256k1.js';
import { ByteWriter, fromBase64url, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { allAuditPaths, leafHash } from '../../src/proof/binary-merkle.js';
import { readTyped } from '../../adapters/sdk/record.js';
import { readAuditEntry } from '../../src/judicial/records.js';
import { buildVectors as buildEvidence } from '../vectors/generate-evidence.js';
import { buildVectors as buildAudit } from '../vectors/generate-audit-entry.js';
import { decodeAuditRecord } from '../../src/workflows/audit-log.js';
import { decodeStoredBatch } from '../../src/judicial/anchor-batch.js';

const load = (name: string): { vectors: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));
const key = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

interface EvidenceVector {
  name: string;
  keyIndex: number;
  signedAtMs: number;
  submitterDid: string;
  kid: string;
  publicKeyHex: string;
  items: { content: string; metadata: { name: string; value: string }[] }[];
  leaves: {
    contentHashHex: string;
    metadataBytesHex: string;
    metadataIndex: number;
    leafDataHex: string;
    leafHashHex: string;
    anchorRecordHex: string;
  }[];
  rootHex: string;
  claimBytesHex: string;
  batchIdHex: string;
  batchBytesHex: string;
  storedBatchHex: string;
  signingInputHex: string;
  signingDigestHex: string;
  signatureHex: string;
}

describe('vectors: evidence batch claims', () => {
  const file = load('evidence.json') as unknown as { anchoredAtMs: number; height: number; vectors: EvidenceVector[] };
  it('the file is what the generator writes', () => {
    expect(JSON.parse(JSON.stringify(buildEvidence()))).toEqual(file);
  });
  for (const v of file.vectors) {
    it(`recomputes: ${v.name}`, () => {
      expect(toHex(publicKeyOf(key(v.keyIndex)))).toBe(v.publicKeyHex);
      const metadataSets: string[] = [];
      const leaves = v.items.map((it, i) => {
        const sorted = [...it.metadata].sort((a, b) => (a.name < b.name ? -1 : 1));
        const mw = new ByteWriter().u32(sorted.length);
        for (const m of sorted) mw.string(m.name).string(m.value);
        const mb = mw.finish();
        if (!metadataSets.includes(toHex(mb))) metadataSets.push(toHex(mb));
        const contentHash = sha256(utf8(it.content));
        const leafData = new ByteWriter().fixed(contentHash, 32).fixed(sha256(mb), 32).finish();
        const l = v.leaves[i]!;
        expect(toHex(contentHash)).toBe(l.contentHashHex);
        expect(toHex(mb)).toBe(l.metadataBytesHex);
        expect(l.metadataIndex).toBe(metadataSets.indexOf(toHex(mb)));
        expect(toHex(leafData)).toBe(l.leafDataHex);
        expect(toHex(leafHash(leafData))).toBe(l.leafHashHex);
        return leafHash(leafData);
      });
      const { root } = allAuditPaths(leaves);
      expect(toHex(root)).toBe(v.rootHex);
      const claim = new ByteWriter().string(v.submitterDid).string(v.kid).u64(v.signedAtMs).u32(v.items.length).fixed(root, 32).finish();
      expect(toHex(claim)).toBe(v.claimBytesHex);
      const batchId = sha256(claim);
      expect(toHex(batchId)).toBe(v.batchIdHex);
      const input = signingInput(SignTag.Evidence, claim);
      expect(toHex(input.bytes('secp256k1'))).toBe(v.signingInputHex);
      expect(toHex(sha256(input.bytes('secp256k1')))).toBe(v.signingDigestHex);
      expect(toHex(sign(input, key(v.keyIndex)))).toBe(v.signatureHex);
      expect(verify(fromHex(v.signatureHex), input, fromHex(v.publicKeyHex))).toBe(true);
      // batchBytes: 0x02, claimBytes, signature, u32 m, m x bytes(metadataBytes), size x (hash, u32 metadata index).
      const bw = new ByteWriter().u8(2).fixed(claim, claim.length).fixed(fromHex(v.signatureHex), 64).u32(metadataSets.length);
      for (const m of metadataSets) bw.bytes(fromHex(m));
      for (const l of v.leaves) bw.fixed(fromHex(l.contentHashHex), 32).u32(l.metadataIndex);
      const batchBytes = bw.finish();
      expect(toHex(batchBytes)).toBe(v.batchBytesHex);
      const stored = new ByteWriter().fixed(batchBytes, batchBytes.length).u64(file.anchoredAtMs).u64(file.height).u32(0).finish();
      expect(toHex(stored)).toBe(v.storedBatchHex);
      v.leaves.forEach((l, i) => {
        const pointer = new ByteWriter().u8(2).fixed(batchId, 32).u32(i).u64(file.anchoredAtMs).finish();
        expect(pointer.length).toBe(45);
        expect(toHex(pointer)).toBe(l.anchorRecordHex);
      });
      // The library reads them back as the same batch.
      const decoded = decodeStoredBatch(stored);
      expect(decoded.hashes.map(toHex)).toEqual(v.leaves.map((l) => l.contentHashHex));
      expect(toHex(decoded.batchId)).toBe(v.batchIdHex);
    });
  }
});

interface AuditVector {
  name: string;
  keyIndex: number;
  actorDid: string;
  kid: string;
  caseId: string;
  sequence: number;
  atMs: number;
  event: string;
  actionId: string;
  detail: string;
  refs: { chainId: string; key: string; height: number; kind: 'member' | 'absent'; stateRoot: string; bundleHash: string }[];
  publicKeyHex: string;
  prevHashHex: string;
  signBytesHex: string;
  signingInputHex: string;
  signingDigestHex: string;
  signatureHex: string;
  storedHex: string;
  entryHashHex: string;
}

describe('vectors: enforcement audit entries', () => {
  const file = load('audit-entry.json');
  it('the file is what the generator writes', () => {
    expect(JSON.parse(JSON.stringify(buildAudit()))).toEqual(file);
  });
  let prev = '0'.repeat(64);
  for (const v of file.vectors as unknown as AuditVector[]) {
    it(`recomputes: ${v.name}`, () => {
      expect(v.prevHashHex).toBe(prev);
      const unsigned = {
        type: 'audit_entry',
        schema: 1,
        caseId: v.caseId,
        seq: v.sequence,
        step: v.event,
        actor: v.actorDid,
        atMs: v.atMs,
        prevEntryHash: v.prevHashHex,
        proofs: v.refs.map((r) => ({ chain: r.chainId, key: r.key, height: r.height, stateRoot: r.stateRoot })),
        details: {
          actionId: v.actionId,
          detail: v.detail,
          kid: v.kid,
          refs: v.refs.map((r) => ({ bundleHash: r.bundleHash, kind: r.kind })),
        },
      };
      const sb = encodeCanonical(unsigned);
      expect(toHex(sb)).toBe(v.signBytesHex);
      const input = signingInput(SignTag.AuditEntry, sb);
      expect(toHex(input.bytes('secp256k1'))).toBe(v.signingInputHex);
      expect(toHex(sha256(input.bytes('secp256k1')))).toBe(v.signingDigestHex);
      const sig = sign(input, key(v.keyIndex));
      expect(toHex(sig)).toBe(v.signatureHex);
      const stored = encodeCanonical({ ...unsigned, signature: Buffer.from(sig).toString('base64url') });
      expect(toHex(stored)).toBe(v.storedHex);
      expect(toHex(sha256(stored))).toBe(v.entryHashHex);
      // The judicial contract's reader accepts it; the library decodes it back.
      const read = readTyped(stored, 'audit', 'audit_entry', 1, readAuditEntry);
      expect(toHex(fromBase64url(read.signature!))).toBe(v.signatureHex);
      expect(decodeAuditRecord(stored).body).toMatchObject({ caseId: v.caseId, sequence: v.sequence, event: v.event, refs: v.refs });
      prev = v.entryHashHex;
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { ManualClock } from '../../src/workflows/clock.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import {
  anchorBatchKey,
  batchIdOf,
  decodeStoredBatch,
  encodeAnchorBatch,
  encodeAnchorPointer,
  encodeStoredBatch,
  leafHashOf,
  metadataBytes,
} from '../../src/judicial/anchor-batch.js';
import { merkleRootOfLeafHashes } from '../../src/proof/binary-merkle.js';
import {
  checkAnchorInBatch,
  EvidenceRegistry,
  evidenceLeafHash,
  itemsOf,
  MAX_BATCH_BYTES,
  signEvidenceBatch,
  signEvidenceBatches,
  signEvidenceClaim,
  verifyEvidenceVerdict,
  type AnchorBatch,
  type EvidenceItem,
} from '../../src/workflows/evidence.js';
import type { ProvenRecord } from '../../src/workflows/ports.js';
import { didKeyAuthority, fixedSigner, T0 } from './fixtures/world.js';

const SUBMITTER = fixedSigner(3);
const OTHER = fixedSigner(4);
const N = 10_000;
const file = (i: number): Uint8Array => utf8(`evidence file #${i}: bank transfer record, 2024-05-0${i % 9}`);
const items = (tag: string, n: number, metadata = [{ name: 'case_id', value: 'E-2' }]): EvidenceItem[] =>
  Array.from({ length: n }, (_, k) => ({ contentHash: sha256(utf8(`${tag} ${k}`)), metadata }));

describe('evidence anchoring (in-process judicial chain)', () => {
  const clock = new ManualClock(T0);
  let judicial: DevJudicialLedger;
  let registry: EvidenceRegistry;
  let batches: AnchorBatch[];
  beforeAll(async () => {
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: SUBMITTER.did, clock: () => clock.now() });
    registry = new EvidenceRegistry({ ledger: judicial, authority: didKeyAuthority, clock });
    // One signature per batch of 1,000 (the submitter's side of batch claims).
    batches = [];
    for (let b = 0; b < N / 1000; b++)
      batches.push(
        signEvidenceBatch(
          SUBMITTER,
          Array.from({ length: 1000 }, (_, k) => ({
            contentHash: sha256(file(b * 1000 + k)),
            metadata: [
              { name: 'case_id', value: 'E-1' },
              { name: 'media_type', value: 'text/plain' },
            ],
          })),
          T0,
        ),
      );
  }, 60_000);
  afterAll(() => judicial.close());

  it('stores each distinct metadata set once; a batch record holds 36 bytes per leaf', () => {
    const b = batches[0]!;
    expect(b.metadata.length).toBe(1);
    expect(encodeAnchorBatch(b).length).toBeLessThan(1000 * 36 + 400);
  });

  it(`anchors ${N} hashes in signed batches, one receipt per batch; verifies each offline; an altered file is not anchored`, async () => {
    const receipts = await registry.anchorMany(batches);
    expect(receipts.length).toBe(N / 1000);
    expect(new Set(receipts.map((r) => r.height)).size).toBeLessThan(N / 1000);
    for (const r of receipts) {
      expect(r.outcomes.every((o) => o === 'anchored')).toBe(true);
      expect(r.bundle.key).toBe(anchorBatchKey(r.batchId));
      expect(decodeStoredBatch(r.bundle.value!).anchoredEarlier).toEqual([]);
    }
    for (let i = 0; i < N; i += 97) {
      const v = await registry.verifyContent(file(i));
      expect(v.status).toBe('anchored');
      expect(v.anchor!.claim.submitterDid).toBe(SUBMITTER.did);
      expect(v.anchor!.index).toBe(i % 1000);
      const off = verifyEvidenceVerdict(sha256(file(i)), v.bundle!, v.batchBundle, 'judicial');
      expect(off.status).toBe('anchored');
      expect(off.submitter).toBe('signature_verified');
      expect(off.anchor!.caseId).toBe('E-1');
    }
    const altered = file(77);
    altered[5]! ^= 1;
    const verdict = await registry.verifyContent(altered);
    expect(verdict.status).toBe('not_anchored');
    const offline = verifyEvidenceVerdict(sha256(altered), verdict.bundle!, undefined, 'judicial');
    expect(offline.status).toBe('not_anchored');
    expect(offline.bundle.kind).toBe('absent');
  }, 120_000);

  it('the first anchoring of the same content stands (judicial contract rule); later ones answer with it', async () => {
    const content = utf8('shared contract pdf');
    const first = await registry.anchor(signEvidenceClaim(SUBMITTER, sha256(content), [{ name: 'title', value: '借款合同' }], T0));
    expect(first.outcomes).toEqual(['anchored']);
    const again = await registry.anchor(signEvidenceClaim(SUBMITTER, sha256(content), [], T0 + 1));
    const other = await registry.anchor(
      signEvidenceBatch(
        OTHER,
        [
          { contentHash: sha256(utf8('other new')), metadata: [] },
          { contentHash: sha256(content), metadata: [] },
        ],
        T0,
      ),
    );
    expect(again.outcomes).toEqual(['already_anchored']);
    expect(other.outcomes).toEqual(['anchored', 'already_anchored']);
    expect(other.batch.anchoredEarlier).toEqual([1]);
    const v = await registry.verifyContent(content);
    expect(v.anchor).toMatchObject({ title: '借款合同', anchoredAtMs: first.timeMs, batchId: first.batchId });
    expect(v.anchor!.claim.submitterDid).toBe(SUBMITTER.did);
  });

  it('a replayed batch changes nothing: every leaf answers already_anchored, the first anchoring stands', async () => {
    const b = signEvidenceBatch(SUBMITTER, items('replay', 20), T0);
    const first = await registry.anchor(b);
    clock.advance(5_000);
    const replay = await registry.anchor(b);
    expect(first.outcomes.every((o) => o === 'anchored')).toBe(true);
    expect(replay.outcomes.every((o) => o === 'already_anchored')).toBe(true);
    expect(replay.batch.anchoredAtMs).toBe(first.timeMs);
    expect((await registry.verifyHash(b.hashes[3]!)).anchor!.anchoredAtMs).toBe(first.timeMs);
  });

  it('splits a large set of items into signed sub-batches within the byte limit; each anchors', async () => {
    const many = items('split', 3000, [{ name: 'title', value: 'x'.repeat(100) }]);
    const parts = signEvidenceBatches(SUBMITTER, many, T0, { maxBytes: 40_000 });
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(encodeAnchorBatch(p).length).toBeLessThanOrEqual(40_000);
    expect(parts.flatMap((p) => p.hashes.map(toHex))).toEqual(many.map((m) => toHex(m.contentHash)));
    const rs = await registry.anchorMany(parts);
    expect(rs.flatMap((r) => r.outcomes).filter((o) => o === 'anchored').length).toBe(3000);
  });

  it('refuses a batch over the limits with RESOURCE_EXHAUSTED, saying the limit and how to split', async () => {
    const big = signEvidenceBatch(SUBMITTER, items('too many', 10_001), T0);
    await expect(registry.anchor(big)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      reason: 'batch_too_large',
      message: expect.stringMatching(/at most 10000 leaves and 700000 bytes.*split/),
    });
    const heavy = signEvidenceBatch(
      SUBMITTER,
      Array.from({ length: 400 }, (_, k) => ({
        contentHash: sha256(utf8(`heavy ${k}`)),
        metadata: [{ name: 'note', value: `${k}`.padEnd(2000, '.') }],
      })),
      T0,
    );
    expect(encodeAnchorBatch(heavy).length).toBeGreaterThan(MAX_BATCH_BYTES);
    await expect(registry.anchor(heavy)).rejects.toMatchObject({ code: 'RESOURCE_EXHAUSTED', reason: 'batch_too_large' });
  });

  type Case = { name: string; malleate: (b: AnchorBatch) => AnchorBatch; reason: string };
  const flip = (x: Uint8Array, i: number): Uint8Array => x.map((v, j) => (j === i ? v ^ 1 : v));
  const cases: Case[] = [
    { name: 'signature byte flipped', malleate: (b) => ({ ...b, signature: flip(b.signature, 3) }), reason: 'submitter_signature_invalid' },
    {
      name: 'a hash changed after signing (root no longer matches the leaves)',
      malleate: (b) => ({ ...b, hashes: b.hashes.map((h, i) => (i === 1 ? sha256(utf8('other')) : h)) }),
      reason: 'anchor_path_invalid',
    },
    {
      name: 'metadata changed after signing',
      malleate: (b) => ({ ...b, metadata: [[{ name: 'title', value: 'forged' }]] }),
      reason: 'anchor_path_invalid',
    },
    {
      name: 'metadata sets swapped between leaves',
      malleate: (b) => ({
        ...b,
        metadata: [...b.metadata, [{ name: 'title', value: 'swapped' }]],
        metaIndex: b.metaIndex.map((m, i) => (i === 0 ? 1 : m)),
      }),
      reason: 'anchor_path_invalid',
    },
    {
      name: 'leaves reordered',
      malleate: (b) => ({ ...b, hashes: [b.hashes[1]!, b.hashes[0]!, ...b.hashes.slice(2)] }),
      reason: 'anchor_path_invalid',
    },
    {
      name: 'a hash changed and the root recomputed by the forger',
      malleate: (b) => {
        const hashes = b.hashes.map((h, i) => (i === 0 ? sha256(utf8('other')) : h));
        const root = merkleRootOfLeafHashes(itemsOf({ ...b, hashes }).map(evidenceLeafHash));
        return { ...b, hashes, claim: { ...b.claim, root } };
      },
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'claim signed by another key (submitter swapped)',
      malleate: (b) => ({ ...b, claim: { ...b.claim, submitterDid: OTHER.did, kid: OTHER.kid } }),
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'claim re-signed by another key under the submitter name',
      malleate: (b) => ({ ...b, signature: OTHER.sign(new Uint8Array(1)) }),
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'metadata kind unknown',
      malleate: (b) => ({ ...b, metadata: [[{ name: 'kind', value: 'rumour' }]] }),
      reason: 'claim_malformed',
    },
    {
      name: 'a leaf names a metadata set out of range',
      malleate: (b) => ({ ...b, metaIndex: b.metaIndex.map((m, i) => (i === 2 ? 7 : m)) }),
      reason: 'anchor_index_invalid',
    },
    { name: 'size claims more leaves than sent', malleate: (b) => ({ ...b, claim: { ...b.claim, size: 4 } }), reason: 'claim_malformed' },
    {
      name: 'a hash not 32 bytes',
      malleate: (b) => ({ ...b, hashes: [new Uint8Array(31), ...b.hashes.slice(1)] }),
      reason: 'hash_malformed',
    },
    {
      name: 'the same hash twice',
      malleate: (b) => ({ ...b, hashes: [b.hashes[0]!, b.hashes[0]!, b.hashes[2]!] }),
      reason: 'duplicate_anchor',
    },
    {
      name: 'metadata unsorted',
      malleate: (b) => ({
        ...b,
        metadata: [
          [
            { name: 'b', value: '1' },
            { name: 'a', value: '2' },
          ],
        ],
      }),
      reason: 'metadata_unsorted',
    },
    {
      name: 'metadata too large',
      malleate: (b) => ({ ...b, metadata: [[{ name: 'a', value: 'x'.repeat(5000) }]] }),
      reason: 'metadata_too_large',
    },
  ];
  for (const c of cases) {
    it(`refuses a batch: ${c.name}`, async () => {
      const b = signEvidenceBatch(SUBMITTER, items(`adversarial ${c.name}`, 3, []), T0);
      await expect(registry.anchor(c.malleate(b))).rejects.toMatchObject({ reason: c.reason });
      // Nothing of it was anchored.
      expect((await registry.verifyHash(b.hashes[0]!)).status).toBe('not_anchored');
    });
  }

  it('the judicial contract refuses a batch whose leaves do not hash to its signed root (a gateway cannot squat hashes)', async () => {
    const b = signEvidenceBatch(SUBMITTER, items('contract root', 4), T0);
    const forged = { ...b, hashes: b.hashes.map((h, i) => (i === 2 ? sha256(utf8('squatted')) : h)) };
    await expect(
      judicial.submit('anchor.put', 'anchors:forged-root', {
        type: 'anchor_batch',
        schema: 2,
        batches: [toBase64url(encodeAnchorBatch(forged))],
      }),
    ).rejects.toMatchObject({ reason: 'anchor_root_mismatch' });
    expect((await registry.verifyHash(sha256(utf8('squatted')))).status).toBe('not_anchored');
  });

  describe('offline verification refuses forged records', () => {
    let hash: Uint8Array;
    let good: { bundle: ProvenRecord; batchBundle: ProvenRecord };
    let stored: Uint8Array;
    beforeAll(async () => {
      const b = signEvidenceBatch(SUBMITTER, items('offline', 5), T0);
      hash = b.hashes[2]!;
      await registry.anchor(b);
      const v = await registry.verifyHash(hash);
      good = { bundle: v.bundle!, batchBundle: v.batchBundle! };
      stored = v.batchBundle!.value!;
    });
    // Values a forger proves in a chain it controls reach the same checks a party runs once a proof holds.
    it('a good anchor verifies; the batch bundle is required', () => {
      expect(verifyEvidenceVerdict(hash, good.bundle, good.batchBundle, 'judicial').submitter).toBe('signature_verified');
      expect(() => verifyEvidenceVerdict(hash, good.bundle, undefined, 'judicial')).toThrow(
        expect.objectContaining({ reason: 'anchor_batch_mismatch' }),
      );
    });

    it('a batch bundle of another batch is refused (wrong key)', async () => {
      const other = await registry.anchor(signEvidenceBatch(SUBMITTER, items('offline other', 2), T0));
      expect(() => verifyEvidenceVerdict(hash, good.bundle, other.bundle, 'judicial')).toThrow(
        expect.objectContaining({ reason: 'bundle_wrong_key' }),
      );
    });

    it('a rewritten batch record or pointer no longer matches its proof', () => {
      const b = structuredClone(good.batchBundle);
      b.value = flip(b.value!, 200);
      expect(() => verifyEvidenceVerdict(hash, good.bundle, b, 'judicial')).toThrow(
        expect.objectContaining({ reason: 'record_proof_invalid' }),
      );
      const p = structuredClone(good.bundle);
      p.value = flip(p.value!, 34);
      expect(() => verifyEvidenceVerdict(hash, p, good.batchBundle, 'judicial')).toThrow(
        expect.objectContaining({ reason: 'record_proof_invalid' }),
      );
    });

    it('records a forger proves in its own chain: index out of range, root not matching, other hash, anchored earlier', () => {
      const s = decodeStoredBatch(stored);
      const id = batchIdOf(s.claim);
      const pointer = (index: number) => ({ batchId: id, index, anchoredAtMs: T0 });
      expect(() => checkAnchorInBatch(hash, pointer(9), s)).toThrow(expect.objectContaining({ reason: 'anchor_index_invalid' }));
      expect(() => checkAnchorInBatch(hash, pointer(1), s)).toThrow(expect.objectContaining({ reason: 'anchor_hash_mismatch' }));
      expect(() => checkAnchorInBatch(hash, { ...pointer(2), batchId: sha256(id) }, s)).toThrow(
        expect.objectContaining({ reason: 'anchor_batch_mismatch' }),
      );
      const earlier = decodeStoredBatch(encodeStoredBatch(encodeAnchorBatch(s), T0, 1, [2]));
      expect(() => checkAnchorInBatch(hash, pointer(2), earlier)).toThrow(expect.objectContaining({ reason: 'anchor_batch_mismatch' }));
      // Root not matching its leaves: a leaf's metadata hash swapped.
      const swapped = decodeStoredBatch(
        encodeStoredBatch(encodeAnchorBatch({ ...s, metadata: [[{ name: 'case_id', value: 'FORGED' }]] }), T0, 1, []),
      );
      expect(() => checkAnchorInBatch(hash, pointer(2), swapped)).toThrow(expect.objectContaining({ reason: 'anchor_path_invalid' }));
      expect(checkAnchorInBatch(hash, pointer(2), s).index).toBe(2);
      expect(encodeAnchorPointer(pointer(2)).length).toBe(45);
      expect(toHex(leafHashOf(hash, sha256(metadataBytes(s.metadata[0]!))))).toBe(
        toHex(evidenceLeafHash({ contentHash: hash, metadata: s.metadata[0]! })),
      );
    });

    it('a proof bundle for another hash, or with a forged header, is rejected offline', () => {
      expect(() => verifyEvidenceVerdict(sha256(utf8('bundle test!')), good.bundle, good.batchBundle, 'judicial')).toThrow(
        expect.objectContaining({ reason: 'bundle_wrong_key' }),
      );
      const forged = structuredClone(good.bundle);
      forged.light.signedHeader.commit.signatures = forged.light.signedHeader.commit.signatures.slice(0, 2);
      expect(() => verifyEvidenceVerdict(hash, forged, good.batchBundle, 'judicial')).toThrow(
        expect.objectContaining({ reason: 'header_quorum_invalid' }),
      );
    });
  });
});

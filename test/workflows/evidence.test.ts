import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { ManualClock } from '../../src/workflows/clock.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import {
  EvidenceRegistry,
  evidenceLeafHash,
  signEvidenceBatch,
  signEvidenceClaim,
  verifyEvidenceVerdict,
  type AnchorEntry,
} from '../../src/workflows/evidence.js';
import { didKeyAuthority, fixedSigner, T0 } from './fixtures/world.js';

const SUBMITTER = fixedSigner(3);
const OTHER = fixedSigner(4);
const N = 10_000;
const file = (i: number): Uint8Array => utf8(`evidence file #${i}: bank transfer record, 2024-05-0${i % 9}`);

describe('evidence anchoring (in-process judicial chain)', () => {
  const clock = new ManualClock(T0);
  let judicial: DevJudicialLedger;
  let registry: EvidenceRegistry;
  let entries: AnchorEntry[];
  beforeAll(async () => {
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: SUBMITTER.did, clock: () => clock.now() });
    registry = new EvidenceRegistry({ ledger: judicial, authority: didKeyAuthority, clock });
    // One signature per batch of 1,000 (the submitter's side of batch claims).
    entries = [];
    for (let b = 0; b < N / 1000; b++)
      entries.push(
        ...signEvidenceBatch(
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

  it(`anchors ${N} hashes in batches, each receipt with its inclusion proof; verifies each; an altered file is not anchored`, async () => {
    const receipts = await registry.anchorMany(entries);
    expect(receipts.length).toBe(N);
    const heights = new Set(receipts.map((r) => r.height));
    expect(heights.size).toBeLessThan(N / 10); // batched: many anchors per block
    for (const r of receipts) {
      const v = verifyEvidenceVerdict(r.entry.claim.contentHash, r.bundle, 'judicial');
      expect(v.status).toBe('anchored');
      expect(v.submitter).toBe('signature_verified');
    }
    for (let i = 0; i < N; i++) {
      const verdict = await registry.verifyContent(file(i));
      expect(verdict.status).toBe('anchored');
      expect(verdict.anchors[0]!.claim.submitterDid).toBe(SUBMITTER.did);
    }
    const altered = file(77);
    altered[5]! ^= 1;
    const verdict = await registry.verifyContent(altered);
    expect(verdict.status).toBe('not_anchored');
    const offline = verifyEvidenceVerdict(sha256(altered), verdict.bundle!, 'judicial');
    expect(offline.status).toBe('not_anchored');
    expect(offline.bundle.kind).toBe('absent');
  }, 120_000);

  it('the first anchoring of the same content stands (judicial contract rule); later ones answer with it', async () => {
    const content = utf8('shared contract pdf');
    const first = await registry.anchor(signEvidenceClaim(SUBMITTER, sha256(content), [{ name: 'title', value: '借款合同' }], T0));
    expect(first.outcome).toBe('anchored');
    const again = await registry.anchor(signEvidenceClaim(SUBMITTER, sha256(content), [], T0 + 1));
    const other = await registry.anchor(signEvidenceClaim(OTHER, sha256(content), [], T0));
    expect([again.outcome, other.outcome]).toEqual(['already_anchored', 'already_anchored']);
    expect(other.record).toMatchObject({ submitter: SUBMITTER.did, title: '借款合同', anchoredAtMs: first.timeMs });
    const v = await registry.verifyContent(content);
    expect(v.anchors.map((a) => a.claim.submitterDid)).toEqual([SUBMITTER.did]);
  });

  it('a batch whose entries arrive one by one verifies; an entry moved to another index is refused', async () => {
    const batch = signEvidenceBatch(
      OTHER,
      Array.from({ length: 5 }, (_, k) => ({ contentHash: sha256(utf8(`one by one ${k}`)), metadata: [] })),
      T0,
    );
    for (const e of batch) expect((await registry.anchor(e)).outcome).toBe('anchored');
    const more = signEvidenceBatch(
      OTHER,
      Array.from({ length: 5 }, (_, k) => ({ contentHash: sha256(utf8(`moved ${k}`)), metadata: [] })),
      T0,
    );
    await expect(registry.anchor({ ...more[1]!, batch: { ...more[1]!.batch, index: 2 } })).rejects.toMatchObject({
      reason: 'anchor_path_invalid',
    });
    await expect(registry.anchor({ ...more[1]!, batch: { ...more[1]!.batch, path: more[1]!.batch.path.slice(1) } })).rejects.toMatchObject({
      reason: 'anchor_path_invalid',
    });
  });

  type Case = { name: string; malleate: (e: AnchorEntry) => AnchorEntry; reason: string };
  const cases: Case[] = [
    {
      name: 'signature byte flipped',
      malleate: (e) => ({ ...e, signature: e.signature.map((b, i) => (i === 3 ? b ^ 1 : b)) }),
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'hash changed after signing',
      malleate: (e) => ({ ...e, claim: { ...e.claim, contentHash: sha256(utf8('other')) } }),
      reason: 'anchor_path_invalid',
    },
    {
      name: 'metadata changed after signing',
      malleate: (e) => ({ ...e, claim: { ...e.claim, metadata: [{ name: 'title', value: 'forged' }] } }),
      reason: 'anchor_path_invalid',
    },
    {
      name: 'hash changed and the root recomputed by the forger',
      malleate: (e) => {
        const claim = { ...e.claim, contentHash: sha256(utf8('other')) };
        return { ...e, claim, batch: { ...e.batch, root: evidenceLeafHash(claim) } };
      },
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'metadata kind unknown',
      malleate: (e) => ({ ...e, claim: { ...e.claim, metadata: [{ name: 'kind', value: 'rumour' }] } }),
      reason: 'claim_malformed',
    },
    { name: 'index outside the batch', malleate: (e) => ({ ...e, batch: { ...e.batch, index: 1 } }), reason: 'claim_malformed' },
    {
      name: 'submitter swapped',
      malleate: (e) => ({ ...e, claim: { ...e.claim, submitterDid: OTHER.did, kid: OTHER.kid } }),
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'hash not 32 bytes',
      malleate: (e) => ({ ...e, claim: { ...e.claim, contentHash: new Uint8Array(31) } }),
      reason: 'hash_malformed',
    },
    {
      name: 'metadata unsorted',
      malleate: (e) => ({
        ...e,
        claim: {
          ...e.claim,
          metadata: [
            { name: 'b', value: '1' },
            { name: 'a', value: '2' },
          ],
        },
      }),
      reason: 'metadata_unsorted',
    },
    {
      name: 'metadata too large',
      malleate: (e) => ({ ...e, claim: { ...e.claim, metadata: [{ name: 'a', value: 'x'.repeat(5000) }] } }),
      reason: 'metadata_too_large',
    },
  ];
  for (const c of cases) {
    it(`refuses an anchor: ${c.name}`, async () => {
      const e = signEvidenceClaim(SUBMITTER, sha256(utf8(`adversarial ${c.name}`)), [], T0);
      await expect(registry.anchor(c.malleate(e))).rejects.toMatchObject({ reason: c.reason });
    });
  }

  it('a proof bundle for another hash, or with a forged header, is rejected offline', async () => {
    const r = await registry.anchor(signEvidenceClaim(SUBMITTER, sha256(utf8('bundle test')), [], T0));
    expect(() => verifyEvidenceVerdict(sha256(utf8('bundle test!')), r.bundle, 'judicial')).toThrow(
      expect.objectContaining({ reason: 'bundle_wrong_key' }),
    );
    const forged = structuredClone(r.bundle);
    forged.light.signedHeader.commit.signatures = forged.light.signedHeader.commit.signatures.slice(0, 2);
    expect(() => verifyEvidenceVerdict(sha256(utf8('bundle test')), forged, 'judicial')).toThrow(
      expect.objectContaining({ reason: 'header_quorum_invalid' }),
    );
    const wrongValue = structuredClone(r.bundle);
    wrongValue.value = new Uint8Array(wrongValue.value!.length);
    // A record rewritten by someone holding no quorum: the proof no longer leads to the root.
    expect(() => verifyEvidenceVerdict(sha256(utf8('bundle test')), wrongValue, 'judicial')).toThrow(
      expect.objectContaining({ reason: 'record_proof_invalid' }),
    );
  });
});

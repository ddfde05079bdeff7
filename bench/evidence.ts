/**
 * Evidence suite: `evidence.anchor`, anchors/s from submission until each anchor is
 * committed in a signed block with its inclusion proof (ONE submitter signature per signed batch
 * of 1,000 claims verified on the thread pool, each anchor's leaf checked under the signed root,
 * anchors group-committed as one `anchor.put` of the judicial contract per block, SMT proofs made
 * against the committed header); `evidence.verify`, lookups by hash with the proof. Claims are signed
 * before timing: signing is the submitter's cost, not the gateway's. Target: anchor >= 5,000/s.
 */
import { sha256 } from '../src/crypto/hash.js';
import { publicKeyOf } from '../src/crypto/secp256k1.js';
import { utf8 } from '../src/encoding/bytes.js';
import { didKeyKid, didKeyOf, publicKeyOfDidKey } from '../src/identity/did-key.js';
import { createSigner } from '../src/identity/signer.js';
import type { Authority } from '../src/identity/authority.js';
import { ManualClock } from '../src/workflows/clock.js';
import { DevJudicialLedger } from '../src/devtools/in-process-ports.js';
import { EvidenceRegistry, signEvidenceBatch, type AnchorBatch } from '../src/workflows/evidence.js';
import { opsPerSecondAsync, round, withCeiling, type BenchContext, type BenchSuite } from './lib.js';

const authority: Authority = {
  keyAt: (did, kid) => {
    const pk = publicKeyOfDidKey(did);
    return pk ? { ok: true, did, kid, publicKey: pk } : { ok: false, reason: 'unknown_did', message: did };
  },
  mayAct: () => ({ ok: true }),
};

export const evidence: BenchSuite = {
  name: 'evidence',
  async run(ctx: BenchContext): Promise<void> {
    const sk = sha256(utf8('courtbridge vector key 3'));
    const did = didKeyOf(publicKeyOf(sk));
    const signer = createSigner(did, didKeyKid(did), sk);
    const clock = new ManualClock(1_750_000_000_000);
    const judicial = new DevJudicialLedger({ chainId: 'judicial', sender: did, clock: () => clock.now(), blockIntervalMs: 2 });
    const registry = new EvidenceRegistry({ ledger: judicial, authority, clock });
    // The dev ledger's block timer is unref'd (it must not hold a process open); hold it here.
    const keepAlive = setInterval(() => undefined, 1_000);
    const n = ctx.quick ? 5_000 : 40_000;
    ctx.progress(`evidence: signing ${n} claims`);
    const batches: AnchorBatch[] = [];
    for (let b = 0; b < n / 1000; b++)
      batches.push(
        signEvidenceBatch(
          signer,
          Array.from({ length: 1000 }, (_, k) => ({
            contentHash: sha256(utf8(`bench evidence ${b * 1000 + k}`)),
            metadata: [{ name: 'case_id', value: 'B-1' }],
          })),
          clock.now(),
        ),
      );
    ctx.progress(`evidence: anchoring ${n}`);
    const t0 = performance.now();
    // Submitters send their signed batches concurrently (one request per batch).
    const receipts = await registry.anchorMany(batches);
    const seconds = (performance.now() - t0) / 1000;
    const blocks = new Set(receipts.map((r) => r.height)).size;
    ctx.emit({ name: 'evidence.anchor', value: round(n / seconds), unit: 'anchors/s' });
    ctx.progress(`evidence: ${n} anchors in ${blocks} blocks, ${round(seconds, 2)} s`);
    let i = 0;
    const hashes = batches.flatMap((b) => b.hashes);
    const verify = await opsPerSecondAsync(() => registry.verifyHash(hashes[i++ % hashes.length]!), ctx.durationMs, 1);
    // The ceiling when the run measured it (`--only=evidence` runs without the ceilings suite).
    ctx.emit(
      ctx.results.has('sha256.native')
        ? withCeiling(ctx, 'evidence.verify', verify, 'verifications/s', 'sha256.native')
        : { name: 'evidence.verify', value: round(verify), unit: 'verifications/s' },
    );
    clearInterval(keepAlive);
    judicial.close();
  },
};

/**
 * The verification page's evidence lookup when the gateway runs without an in-process evidence
 * registry (the usual case: the judicial chain is another organisation's): the content hash's
 * `anchor/<hex>` record is queried from the judicial chain through the query path, verified like
 * every answer (light client, proof, receipt), and re-verified from the bundle's bytes, so the
 * page says what `courtbridge verify` would say. The pointer names its signed batch record
 * (`anchor-batch/<batchId>`), queried and verified the same way; the evidence workflow's
 * `recordChecks`, when given, check the anchor against its batch and the submitter's signature.
 */
import { toHex } from '../../encoding/bytes.js';
import { anchorBatchKey, decodeAnchorPointer } from '../../judicial/anchor-batch.js';
import type { Authority } from '../../identity/authority.js';
import type { ChainDirectory } from '../../identity/chain-entry.js';
import { resultOf, verifyBundleBytes } from '../../verify/bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../wire/codec.js';
import type { EvidenceCheck, EvidenceRecordChecks, EvidenceReport, VerifyEvidence } from '../http/evidence-report.js';
import type { QueryEngine } from './query.js';

export interface EvidenceByQueryOptions {
  engine: QueryEngine;
  authority: Authority & ChainDirectory;
  judicialChainId: string;
  now: () => number;
  /** Budget per lookup, ms; 5,000 unless told. */
  budgetMs?: number;
  /** The evidence checks of a proven anchor record (run only when the bundle verified); none unless given. */
  recordChecks?: EvidenceRecordChecks;
}

/** A `VerifyEvidence` over the query path. */
export function evidenceByQuery(o: EvidenceByQueryOptions): VerifyEvidence {
  let seq = 0;
  const ask = (chainId: string, recordType: string, key: string, nowMs: number, tag: string) =>
    o.engine.answer(
      { chainId, recordType, key, height: 0 },
      { requestId: `evidence:${tag}:${nowMs}:${++seq}`, requesterDid: '', maxStalenessMs: 0, deadlineMs: nowMs + (o.budgetMs ?? 5_000) },
    );
  return async (contentHash): Promise<EvidenceReport> => {
    const nowMs = o.now();
    const key = `anchor/${toHex(contentHash)}`;
    const bundle = await ask(o.judicialChainId, 'anchor', key, nowMs, toHex(contentHash).slice(0, 16));
    const bytes = encodeMessage('ProofBundle', bundle);
    const v = verifyBundleBytes(bytes, { atMs: nowMs, authority: o.authority });
    const record = bundle.record === undefined || bundle.record === null ? undefined : bundle.record;
    const checks: EvidenceCheck[] = v.checks.map((c) => ({ ...c }));
    let batchBundle: EvidenceReport['batchBundle'];
    // The claims are read from the verified bytes only once their proof holds: a forged value is never checked as if real.
    if (record !== undefined && v.verdict === 'valid' && o.recordChecks !== undefined) {
      const proven = resultOf(decodeMessage('ProofBundle', bytes));
      if (proven.kind === 'record') {
        // The pointer names the signed batch it sits in: that record is proven the same way.
        let batchValue: Uint8Array | undefined;
        try {
          const batchKey = anchorBatchKey(toHex(decodeAnchorPointer(proven.value).batchId));
          batchBundle = await ask(o.judicialChainId, 'anchor-batch', batchKey, nowMs, `batch:${toHex(contentHash).slice(0, 16)}`);
          const batchBytes = encodeMessage('ProofBundle', batchBundle);
          const vb = verifyBundleBytes(batchBytes, { atMs: nowMs, authority: o.authority });
          checks.push(...vb.checks.filter((c) => c.outcome === 'failed').map((c) => ({ ...c, detail: `anchor batch: ${c.detail}` })));
          const provenBatch = resultOf(decodeMessage('ProofBundle', batchBytes));
          if (vb.verdict === 'valid' && provenBatch.kind === 'record' && provenBatch.key === batchKey) batchValue = provenBatch.value;
        } catch {
          batchValue = undefined;
        }
        checks.push(...(await o.recordChecks(contentHash, proven.value, o.authority, batchValue)));
      }
    }
    const failed = checks.some((c) => c.outcome === 'failed');
    return {
      status: record === undefined ? 'not_anchored' : 'anchored',
      contentHash,
      anchors: [],
      ...(v.verifiedHeader === undefined ? {} : { provenAt: { ...v.verifiedHeader, timeMs: Number(bundle.stateTimeMs) } }),
      verdict: failed ? 'invalid' : v.verdict,
      checks,
      bundle,
      ...(batchBundle === undefined ? {} : { batchBundle }),
    };
  };
}

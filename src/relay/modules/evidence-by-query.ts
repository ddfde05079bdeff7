/**
 * The verification page's evidence lookup when the gateway runs without an in-process evidence
 * registry (the usual case: the judicial chain is another organisation's): the content hash's
 * `anchor/<hex>` record is queried from the judicial chain through the query path, verified like
 * every answer (light client, proof, receipt), and re-verified from the bundle's bytes, so the
 * page says what `courtbridge verify` would say. Anchor claims are not decoded here: the evidence
 * workflow's `recordChecks`, when given, check the proven record's claims and submitter signatures.
 */
import { toHex } from '../../encoding/bytes.js';
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
  return async (contentHash): Promise<EvidenceReport> => {
    const nowMs = o.now();
    const key = `anchor/${toHex(contentHash)}`;
    const bundle = await o.engine.answer(
      { chainId: o.judicialChainId, recordType: 'anchor', key, height: 0 },
      {
        requestId: `evidence:${toHex(contentHash).slice(0, 16)}:${nowMs}:${++seq}`,
        requesterDid: '',
        maxStalenessMs: 0,
        deadlineMs: nowMs + (o.budgetMs ?? 5_000),
      },
    );
    const bytes = encodeMessage('ProofBundle', bundle);
    const v = verifyBundleBytes(bytes, { atMs: nowMs, authority: o.authority });
    const record = bundle.record === undefined || bundle.record === null ? undefined : bundle.record;
    const checks: EvidenceCheck[] = v.checks.map((c) => ({ ...c }));
    // The claims are read from the verified bytes only once their proof holds: a forged value is never checked as if real.
    if (record !== undefined && v.verdict === 'valid' && o.recordChecks !== undefined) {
      const proven = resultOf(decodeMessage('ProofBundle', bytes));
      if (proven.kind === 'record') checks.push(...(await o.recordChecks(contentHash, proven.value, o.authority)));
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
    };
  };
}

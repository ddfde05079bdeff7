/**
 * The verification page's evidence lookup when the gateway runs without an in-process evidence
 * registry (the usual case: the judicial chain is another organisation's): the content hash's
 * `anchor/<hex>` record is queried from the judicial chain through the query path, verified like
 * every answer (light client, proof, receipt), and re-verified from the bundle's bytes, so the
 * page says what `courtbridge verify` would say. Anchor claims are not decoded here; the bundle's
 * record value carries them for the party to inspect.
 */
import { toHex } from '../../encoding/bytes.js';
import type { Authority } from '../../identity/authority.js';
import type { ChainDirectory } from '../../identity/chain-entry.js';
import { verifyBundleBytes } from '../../verify/bundle-verify.js';
import { encodeMessage } from '../../wire/codec.js';
import type { EvidenceReport, VerifyEvidence } from '../http/evidence-report.js';
import type { QueryEngine } from './query.js';

export interface EvidenceByQueryOptions {
  engine: QueryEngine;
  authority: Authority & ChainDirectory;
  judicialChainId: string;
  now: () => number;
  /** Budget per lookup, ms; 5,000 unless told. */
  budgetMs?: number;
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
    const v = verifyBundleBytes(encodeMessage('ProofBundle', bundle), { atMs: nowMs, authority: o.authority });
    return {
      status: bundle.record === undefined || bundle.record === null ? 'not_anchored' : 'anchored',
      contentHash,
      anchors: [],
      ...(v.verifiedHeader === undefined ? {} : { provenAt: { ...v.verifiedHeader, timeMs: Number(bundle.stateTimeMs) } }),
      verdict: v.verdict,
      checks: v.checks.map((c) => ({ ...c })),
      bundle,
    };
  };
}

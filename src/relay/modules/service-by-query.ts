/**
 * The verification page's served-document lookup over the query path (as evidence-by-query.ts
 * for anchors): the document's index `served-document/<hex>` is queried from the judicial chain,
 * verified like every answer and re-verified from the bundle's bytes; when it holds, each
 * `service/<id>` it lists is queried the same way. The records are read from the verified bytes
 * only, by the service-of-process workflow's checks (`checks`).
 */
import { toHex } from '../../encoding/bytes.js';
import type { Authority } from '../../identity/authority.js';
import type { ChainDirectory } from '../../identity/chain-entry.js';
import { resultOf, verifyBundleBytes, type BundleVerdict } from '../../verify/bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../wire/codec.js';
import type {
  ServiceRecordChecks,
  ServiceReport,
  ServiceReportCheck,
  ServiceReportEntry,
  ServiceReportView,
  VerifyService,
} from '../http/service-report.js';
import type { QueryEngine } from './query.js';

export interface ServiceByQueryOptions {
  engine: QueryEngine;
  authority: Authority & ChainDirectory;
  judicialChainId: string;
  checks: ServiceRecordChecks;
  now: () => number;
  /** Budget per record, ms; 5,000 unless told. */
  budgetMs?: number;
}

const worst = (vs: readonly BundleVerdict[]): BundleVerdict =>
  vs.includes('invalid') ? 'invalid' : vs.includes('indeterminate') ? 'indeterminate' : 'valid';

/** A `VerifyService` over the query path. */
export function serviceByQuery(o: ServiceByQueryOptions): VerifyService {
  let seq = 0;
  return async (documentHash): Promise<ServiceReport> => {
    const nowMs = o.now();
    const hex = toHex(documentHash);
    const ask = async (
      recordType: string,
      key: string,
      more: (key: string, value: Uint8Array) => ServiceReportCheck[],
    ): Promise<ServiceReportEntry & { present: boolean }> => {
      const bundle = await o.engine.answer(
        { chainId: o.judicialChainId, recordType, key, height: 0 },
        {
          requestId: `service:${hex.slice(0, 16)}:${nowMs}:${++seq}`,
          requesterDid: '',
          maxStalenessMs: 0,
          deadlineMs: nowMs + (o.budgetMs ?? 5_000),
        },
      );
      const bytes = encodeMessage('ProofBundle', bundle);
      const v = verifyBundleBytes(bytes, { atMs: nowMs, authority: o.authority });
      const checks: ServiceReportCheck[] = v.checks.map((c) => ({ ...c }));
      const present = bundle.record !== undefined && bundle.record !== null;
      if (present && v.verdict === 'valid') {
        const proven = resultOf(decodeMessage('ProofBundle', bytes));
        if (proven.kind === 'record') checks.push(...more(proven.key, proven.value));
      }
      return { verdict: checks.some((c) => c.outcome === 'failed') ? 'invalid' : v.verdict, checks, bundle, present };
    };
    let ids: string[] = [];
    const { present, ...index } = await ask('served-document', `served-document/${hex}`, (key, value) => {
      const r = o.checks.index(documentHash, key, value);
      ids = r.ids;
      return r.checks;
    });
    const services = [];
    for (const id of index.verdict === 'valid' ? ids : []) {
      let view: ServiceReportView | undefined;
      const { present: _p, ...e } = await ask('service', `service/${id}`, (key, value) => {
        const c = o.checks.service(documentHash, key, value, o.authority);
        view = c.view;
        return c.checks;
      });
      services.push({ ...e, serviceId: id, ...(e.verdict === 'valid' && view !== undefined ? { view } : {}) });
    }
    return {
      documentHash,
      status: present ? 'served' : 'not_served',
      index,
      services,
      verdict: worst([index.verdict, ...services.map((s) => s.verdict)]),
    };
  };
}

/**
 * Served documents by file hash, for the verification page and `courtbridge verify --document`:
 * the document's index `served-document/<hash>` (or its proven absence) and each of its
 * `service/<id>` records, packed as ProofBundles with the gateway's receipt, then re-verified
 * from the bytes a party saves with the same pure verifier (src/verify/) and the served-document
 * checks (served-document-check.ts): what the page says is what the CLI says offline.
 */
import type { LightBlock } from '../../chain/signed-header.js';
import { toHex } from '../../encoding/bytes.js';
import type { Authority } from '../../identity/authority.js';
import { hashSuiteAt, type ChainDirectory } from '../../identity/chain-entry.js';
import type { HashSuite } from '../../crypto/hash-suite.js';
import type {
  ServiceReport,
  ServiceReportCheck,
  ServiceReportEntry,
  ServiceReportView,
  VerifyService,
} from '../../relay/http/service-report.js';
import type { ReceiptIssuer } from '../../relay/receipts/receipt-issuer.js';
import { resultOf, verifyBundleBytes, type BundleVerdict } from '../../verify/bundle-verify.js';
import { receiptedBundleOf, receiptSubjectForRecord } from '../../verify/record-bundle.js';
import { decodeMessage, encodeMessage } from '../../wire/codec.js';
import type { MessageInput } from '../../wire/messages.js';
import type { ProvenRecord } from '../ports.js';
import { servedDocumentChecks } from '../served-document-check.js';
import type { ServiceRegistry } from '../service-of-process.js';

/** Record types of the two judicial records (src/judicial/record-types.ts). */
export const SERVICE_RECORD_TYPE = 'service';
export const SERVED_DOCUMENT_RECORD_TYPE = 'served-document';

/**
 * Pack a proven judicial record (or its absence) as a ProofBundle with the gateway's receipt; the
 * receipt names the header by its hash under `suite`, the judicial chain entry's.
 */
export async function judicialRecordBundle(
  r: ProvenRecord,
  recordType: string,
  receipts: ReceiptIssuer,
  requestId: string,
  requesterDid: string,
  trace: readonly LightBlock[] = [],
  suite: HashSuite = 'sha256',
): Promise<MessageInput<'ProofBundle'>> {
  const q = { requestId, requesterDid, recordType };
  return receiptedBundleOf(r, q, await receipts.issue(receiptSubjectForRecord(r, q, suite)), trace);
}

export interface ServiceLookupOptions {
  services: ServiceRegistry;
  authority: Authority & ChainDirectory;
  receipts: ReceiptIssuer;
  /** Who the answer is given to; the public page is anonymous: '' unless told. */
  requesterDid?: string;
  /** The anchored validator-set trace to a header (evidence-lookup.ts `traceOf`). */
  traceOf?: (light: LightBlock) => readonly LightBlock[] | undefined;
  now: () => number;
}

const worst = (vs: readonly BundleVerdict[]): BundleVerdict =>
  vs.includes('invalid') ? 'invalid' : vs.includes('indeterminate') ? 'indeterminate' : 'valid';

/**
 * The `verifyService` dependency over the service-of-process workflow.
 *
 * @example
 * const verifyService = serviceLookup({ services, authority, receipts, now: Date.now });
 * const report = await verifyService(sha256(fileBytes));
 */
export function serviceLookup(o: ServiceLookupOptions): VerifyService {
  const requesterDid = o.requesterDid ?? '';
  let seq = 0;
  return async (documentHash): Promise<ServiceReport> => {
    const found = await o.services.findByDocument(documentHash);
    const nowMs = o.now();
    const entry = async (
      r: ProvenRecord,
      recordType: string,
      more: (key: string, value: Uint8Array) => ServiceReportCheck[],
    ): Promise<ServiceReportEntry> => {
      const requestId = `service:${toHex(documentHash).slice(0, 16)}:${nowMs}:${++seq}`;
      const suite = hashSuiteAt(o.authority, r.chainId, nowMs);
      const bundle = await judicialRecordBundle(r, recordType, o.receipts, requestId, requesterDid, o.traceOf?.(r.light) ?? [], suite);
      const bytes = encodeMessage('ProofBundle', bundle);
      const v = verifyBundleBytes(bytes, { atMs: nowMs, authority: o.authority });
      // The record is read from the verified bytes only: what the page says is what the CLI says offline.
      const proven = v.verdict === 'valid' && r.value !== null ? resultOf(decodeMessage('ProofBundle', bytes)) : undefined;
      const checks = [...v.checks.map((c) => ({ ...c })), ...(proven?.kind === 'record' ? more(proven.key, proven.value) : [])];
      return { verdict: checks.some((c) => c.outcome === 'failed') ? 'invalid' : v.verdict, checks, bundle };
    };
    const index = await entry(
      found.index,
      SERVED_DOCUMENT_RECORD_TYPE,
      (key, value) => servedDocumentChecks.index(documentHash, key, value).checks,
    );
    const services = [];
    for (const s of found.services) {
      let view: ServiceReportView | undefined;
      const e = await entry(s.record, SERVICE_RECORD_TYPE, (key, value) => {
        const c = servedDocumentChecks.service(documentHash, key, value, o.authority);
        view = c.view;
        return c.checks;
      });
      services.push({ ...e, serviceId: s.serviceId, ...(e.verdict === 'valid' && view !== undefined ? { view } : {}) });
    }
    return {
      documentHash,
      status: found.index.value === null ? 'not_served' : 'served',
      index,
      services,
      verdict: worst([index.verdict, ...services.map((s) => s.verdict)]),
    };
  };
}

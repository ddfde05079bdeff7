/**
 * What the verification page needs to look a served document up by its sha256 (policy:
 * served documents "verifiable online by the parties"): the relay defines the lookup, the
 * service-of-process workflow supplies it (src/workflows/gateway/service-lookup.ts).
 */
import type { BundleVerdict, CheckOutcome } from '../../verify/bundle-verify.js';
import type { MessageInput } from '../../wire/messages.js';

/** A check of a bundle or of the service record it proves. */
export interface ServiceReportCheck {
  name: string;
  outcome: CheckOutcome;
  reason: string;
  detail: string;
}

/** A verified service of the document, as a person reads it (present only when its proof holds). */
export interface ServiceReportView {
  serviceId: string;
  caseId: string;
  court: string;
  channel: string;
  servedAtMs: number;
  recordedAtMs: number;
  receipt: { status: 'pending' } | { status: 'received'; signerDid: string; kid: string; receivedAtMs: number };
}

/** One proven record: its verdict (bundle checks then record checks) and the bundle to save. */
export interface ServiceReportEntry {
  verdict: BundleVerdict;
  checks: ServiceReportCheck[];
  bundle: MessageInput<'ProofBundle'>;
}

/** What the page shows for a document hash. */
export interface ServiceReport {
  documentHash: Uint8Array;
  /** `served` (the index record proven), `not_served` (its absence proven). */
  status: 'served' | 'not_served';
  /** The document's index `served-document/<hash>` (membership or absence). */
  index: ServiceReportEntry;
  services: (ServiceReportEntry & { serviceId: string; view?: ServiceReportView })[];
  /** Every bundle valid and every record check passed. */
  verdict: BundleVerdict;
}

/** Looks a document hash up: the HTTP endpoint's `verifyService` dependency. */
export type VerifyService = (documentHash: Uint8Array) => Promise<ServiceReport>;

/**
 * The served-document checks over proven records' values (the service-of-process workflow's,
 * src/workflows/served-document-check.ts), so the relay reads no workflow record itself.
 */
export interface ServiceRecordChecks {
  /** The service ids a proven `served-document/<hash>` record lists, and its check. */
  index(documentHash: Uint8Array, key: string, value: Uint8Array): { ids: string[]; checks: ServiceReportCheck[] };
  /** The checks of a proven `service/<id>` record, and what a person reads of it. */
  service(
    documentHash: Uint8Array,
    key: string,
    value: Uint8Array,
    authority: import('../../identity/authority.js').Authority,
  ): { checks: ServiceReportCheck[]; view?: ServiceReportView };
}

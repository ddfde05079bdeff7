/**
 * What a served document's proven records say, checked from their bytes (pure: no I/O, no
 * clock): the gateway's lookup, the verification page and `courtbridge verify --document` run
 * the same checks over a `service/<id>` record a verified proof bundle holds, and over the
 * document's index `served-document/<hash>`:
 *   service_document   the record is a service of THIS document (`documentHash`), under its id
 *   court_signature    the court's signature over the ServiceOfProcess rebuilt from the record
 *                      verifies under the key its DID held, and that message hashes to the id
 *   recipient_signature  a receipt verifies under its signer's key, over (serviceId, documentHash),
 *                        and its signer is the recipient the court bound (`receipt_not_recipient`)
 */
import { sha256, signingInput, SignTag, type Signable } from '../crypto/hash.js';
import { checkSignatureShape, verify } from '../crypto/signature-suite.js';
import { fromBase64url, fromHex, toHex } from '../encoding/bytes.js';
import { isCourtbridgeError } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import { readTyped } from '../chain/ledger/record.js';
import { readServedDocument, readService, type ServiceRecord } from '../judicial/records.js';
import { servedDocumentKey, serviceKey } from '../judicial/record-keys.js';
import type { CheckOutcome } from '../verify/bundle-verify.js';
import type { ServiceRecordChecks } from '../relay/http/service-report.js';
import {
  didOfKid,
  receiptBytes,
  recipientBindingOf,
  SERVICE_RECEIPT_TAG,
  serviceBytes,
  type ServiceChannelName,
} from './service-of-process.js';

export type ServiceCheckName = 'served_document_index' | 'service_document' | 'court_signature' | 'recipient_signature';

export interface ServiceCheck {
  name: ServiceCheckName;
  outcome: CheckOutcome;
  reason: string;
  detail: string;
}

/** A verified service of a document, as a person reads it. */
export interface ServedDocumentView {
  serviceId: string;
  caseId: string;
  court: string;
  channel: ServiceChannelName;
  /** When the court says it served (as signed), unix ms. */
  servedAtMs: number;
  /** When the judicial chain recorded the service (block time), unix ms. */
  recordedAtMs: number;
  receipt: { status: 'pending' } | { status: 'received'; signerDid: string; kid: string; receivedAtMs: number };
}

const FROM_CHAIN: Record<string, ServiceChannelName> = {
  electronic: 'electronic',
  postal: 'postal',
  in_person: 'in_person',
  public_notice: 'publication',
};

const passed = (name: ServiceCheckName, detail: string): ServiceCheck => ({ name, outcome: 'passed', reason: '', detail });
const failed = (name: ServiceCheckName, reason: string, detail: string): ServiceCheck => ({ name, outcome: 'failed', reason, detail });
const skipped = (name: ServiceCheckName, detail: string): ServiceCheck => ({ name, outcome: 'skipped', reason: 'not_applicable', detail });

function sigVerifies(
  authority: Authority,
  kid: string,
  atMs: number,
  sig: Uint8Array,
  input: Signable,
): { ok: true } | { ok: false; reason: string; message: string } {
  const key = authority.keyAt(didOfKid(kid), kid, atMs);
  if (!key.ok) return { ok: false, reason: key.reason === 'revoked' ? 'revoked' : key.reason, message: key.message };
  if (checkSignatureShape(sig, key.publicKey) !== 'ok' || !verify(sig, input, key.publicKey))
    return { ok: false, reason: 'signature_invalid', message: `the signature does not verify under ${kid}` };
  return { ok: true };
}

/** The service ids a proven `served-document/<hash>` record lists, checked to name this document. */
export function checkServedDocumentIndex(documentHash: Uint8Array, key: string, value: Uint8Array): { ids: string[]; check: ServiceCheck } {
  const hex = toHex(documentHash);
  try {
    if (key !== servedDocumentKey(hex))
      return { ids: [], check: failed('served_document_index', 'index_mismatch', `the index proven is ${key}, not this document's`) };
    const r = readTyped(value, key, 'served_document', 1, readServedDocument);
    if (r.documentHash !== hex)
      return { ids: [], check: failed('served_document_index', 'index_mismatch', 'the index names another document') };
    return { ids: r.serviceIds, check: passed('served_document_index', `${r.serviceIds.length} service(s) of this document on record`) };
  } catch (e) {
    return {
      ids: [],
      check: failed(
        'served_document_index',
        isCourtbridgeError(e) ? e.reason : 'malformed',
        `the index record does not read: ${e instanceof Error ? e.message : String(e)}`,
      ),
    };
  }
}

/** Check one proven `service/<serviceId>` record against the document's hash. */
export function checkServiceRecord(
  documentHash: Uint8Array,
  key: string,
  value: Uint8Array,
  authority: Authority,
): { checks: ServiceCheck[]; view?: ServedDocumentView } {
  let r: ServiceRecord;
  try {
    r = readTyped(value, key, 'service', 1, readService);
  } catch (e) {
    return {
      checks: [
        failed(
          'service_document',
          isCourtbridgeError(e) ? e.reason : 'malformed',
          `the service record does not read: ${e instanceof Error ? e.message : String(e)}`,
        ),
      ],
    };
  }
  const checks: ServiceCheck[] = [];
  if (key !== serviceKey(r.serviceId))
    checks.push(failed('service_document', 'service_id_mismatch', `the record at ${key} names service ${r.serviceId}`));
  else if (r.documentHash !== toHex(documentHash))
    checks.push(
      failed(
        'service_document',
        'document_hash_mismatch',
        `service ${r.serviceId} is of another document (${r.documentHash.slice(0, 16)}…)`,
      ),
    );
  else checks.push(passed('service_document', `service ${r.serviceId} is of this document (its SHA-256)`));
  const s = r.signed;
  if (s === undefined) {
    checks.push(skipped('court_signature', 'recorded before services kept the court signature'));
  } else {
    const message = serviceBytes({
      caseId: r.caseId,
      documentHash: fromHex(r.documentHash),
      recipientIdHash: fromHex(r.recipient),
      channel: FROM_CHAIN[r.channel]!,
      servedAtMs: s.servedAtMs,
      receiptHash: fromHex(s.receiptHash),
      serverDid: r.court,
      kid: s.kid,
      recipientBinding: fromHex(s.recipientBinding),
    });
    const v =
      didOfKid(s.kid) !== r.court
        ? { ok: false as const, reason: 'server_signature_invalid', message: `${s.kid} is not a key of ${r.court}` }
        : sigVerifies(authority, s.kid, s.servedAtMs, fromBase64url(s.signature), signingInput(SignTag.ServiceOfProcess, message));
    if (!v.ok) checks.push(failed('court_signature', v.reason === 'signature_invalid' ? 'server_signature_invalid' : v.reason, v.message));
    else if (toHex(sha256(message)) !== r.serviceId)
      checks.push(failed('court_signature', 'service_id_mismatch', 'the service id is not the hash of what the court signed'));
    else checks.push(passed('court_signature', `${r.court} signed this service with ${s.kid}`));
  }
  if (r.receipt.status === 'pending') checks.push(skipped('recipient_signature', 'not yet received'));
  else {
    const rc = r.receipt;
    const did = didOfKid(rc.signer);
    const v = sigVerifies(
      authority,
      rc.signer,
      rc.receivedAtMs,
      fromBase64url(rc.signature),
      signingInput(SERVICE_RECEIPT_TAG, receiptBytes(r.serviceId, fromHex(r.documentHash))),
    );
    if (!v.ok)
      checks.push(failed('recipient_signature', v.reason === 'signature_invalid' ? 'receipt_signature_invalid' : v.reason, v.message));
    else if (s === undefined || toHex(recipientBindingOf(fromHex(r.documentHash), did)) !== s.recipientBinding)
      checks.push(failed('recipient_signature', 'receipt_not_recipient', `${did} is not the recipient the court named`));
    else checks.push(passed('recipient_signature', `the recipient ${did} signed its receipt with ${rc.signer}`));
  }
  const view: ServedDocumentView = {
    serviceId: r.serviceId,
    caseId: r.caseId,
    court: r.court,
    channel: FROM_CHAIN[r.channel]!,
    servedAtMs: s?.servedAtMs ?? r.servedAtMs,
    recordedAtMs: r.servedAtMs,
    receipt:
      r.receipt.status === 'pending'
        ? { status: 'pending' }
        : { status: 'received', signerDid: didOfKid(r.receipt.signer), kid: r.receipt.signer, receivedAtMs: r.receipt.receivedAtMs },
  };
  return { checks, view };
}

/** The checks as the relay's served-document lookups take them (service-by-query.ts, service-lookup.ts). */
export const servedDocumentChecks: ServiceRecordChecks = {
  index(documentHash, key, value) {
    const r = checkServedDocumentIndex(documentHash, key, value);
    return { ids: r.ids, checks: [r.check] };
  },
  service: checkServiceRecord,
};

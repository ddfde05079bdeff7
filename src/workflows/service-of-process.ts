/**
 * Service of litigation documents ("Served documents: record service and the
 * recipient's signed receipt of service"). The serving court signs the service record
 * (proto/courtbridge/v1/evidence.proto `ServiceOfProcess`: signingInput(SignTag.ServiceOfProcess,
 * deterministic protobuf)); the judicial contract records it once at `service/<serviceId>` (tx
 * `service.record`) and adds the recipient's receipt once (tx `service.receipt`,
 * `already_received`).
 *
 * serviceId = sha256(service protobuf) hex: the id names exactly what the court signed.
 * Receipt of service: the recipient's DID signs
 *   signingInput(SERVICE_RECEIPT_TAG, string serviceId || fixed32 documentHash)
 * (a tag of its own: a receipt is never mistaken for the court's service signature). The time of
 * receipt is the block time the chain records, so the record alone re-verifies offline.
 *
 * Who may sign the receipt: the court binds the recipient's DID in what it signs,
 *   recipientBinding = HMAC-SHA256(key = documentHash, utf8("courtbridge/v1/service-recipient") || 0x00 || utf8(did))
 * so only that DID's receipt is accepted (`receipt_not_recipient`), the chain does not name the
 * recipient before it signs, and whoever holds the document can check the binding. The record
 * keeps what the court signed (`signed`), so the court's signature also re-verifies offline;
 * the document's index `served-document/<documentHash>` lists its services (served-document-check.ts).
 */
import { hmacSha256, sha256, signingInput, SignTag } from '../crypto/hash.js';
import { ByteWriter, concatBytes, fromHex, toBase64url, toHex, utf8 } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { Signer } from '../identity/signer.js';
import { encodeMessage } from '../wire/codec.js';
import { servedDocumentKey, serviceKey } from '../judicial/record-keys.js';
import type { ServedDocumentRecord, ServiceChannel, ServiceRecord as ChainServiceRecord } from '../judicial/records.js';
import type { Clock, JudicialLedger, ProvenRecord } from './ports.js';
import { assertNotRevokedNow } from './revocation.js';
import { checkSignedBy } from './signed-by.js';

/** Domain tag of the recipient's receipt of service. */
export const SERVICE_RECEIPT_TAG = SignTag.ServiceReceipt;

export type ServiceChannelName = 'electronic' | 'postal' | 'in_person' | 'publication';

export interface ServiceOfProcess {
  caseId: string;
  documentHash: Uint8Array;
  recipientIdHash: Uint8Array;
  channel: ServiceChannelName;
  servedAtMs: number;
  /** sha256 of the receipt document (acknowledgement, delivery record, announcement); zeros when none yet. */
  receiptHash: Uint8Array;
  serverDid: string;
  kid: string;
  /** `recipientBindingOf(documentHash, recipient DID)`: only that DID may sign the receipt. */
  recipientBinding: Uint8Array;
}

/** Domain of the recipient binding's HMAC input. */
export const RECIPIENT_BINDING_DOMAIN = 'courtbridge/v1/service-recipient';

/** The court's binding of the recipient's DID to one document (keyed by the document, so two services of one recipient do not link on the chain). */
export function recipientBindingOf(documentHash: Uint8Array, recipientDid: string): Uint8Array {
  return hmacSha256(documentHash, concatBytes(utf8(RECIPIENT_BINDING_DOMAIN), new Uint8Array([0]), utf8(recipientDid)));
}

/** The DID of a key id (`did:…#key`). */
export const didOfKid = (kid: string): string => kid.split('#')[0] ?? '';

/** A recipient's signed receipt of service. */
export interface ServiceReceipt {
  serviceId: string;
  recipientDid: string;
  kid: string;
  /** When the recipient signed: selects the key its DID held (not signed; the chain's block time records the receipt). */
  signedAtMs: number;
  signature: Uint8Array;
}

/** What was recorded, with its proof (STYLE.md 5). */
export interface RecordedService {
  serviceId: string;
  outcome: 'committed' | 'already_committed';
  record: ProvenRecord;
}

const WIRE_CHANNEL = {
  electronic: 'SERVICE_CHANNEL_ELECTRONIC',
  postal: 'SERVICE_CHANNEL_POSTAL',
  in_person: 'SERVICE_CHANNEL_IN_PERSON',
  publication: 'SERVICE_CHANNEL_PUBLICATION',
} as const;
/** The judicial schema calls a publication `public_notice`. */
const CHAIN_CHANNEL: Record<ServiceChannelName, ServiceChannel> = {
  electronic: 'electronic',
  postal: 'postal',
  in_person: 'in_person',
  publication: 'public_notice',
};

export function serviceBytes(s: ServiceOfProcess): Uint8Array {
  return encodeMessage('ServiceOfProcess', {
    caseId: s.caseId,
    documentHash: s.documentHash,
    recipientIdHash: s.recipientIdHash,
    channel: WIRE_CHANNEL[s.channel],
    servedAtMs: s.servedAtMs,
    receiptHash: s.receiptHash,
    serverDid: s.serverDid,
    kid: s.kid,
    recipientBinding: s.recipientBinding,
  });
}

export const serviceIdOf = (s: ServiceOfProcess): string => toHex(sha256(serviceBytes(s)));

export function receiptBytes(serviceId: string, documentHash: Uint8Array): Uint8Array {
  return new ByteWriter().string(serviceId).fixed(documentHash, 32, 'documentHash').finish();
}

const bad = (message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, 'service_malformed', message);

/** @throws CourtbridgeError INVALID_ARGUMENT `service_malformed` */
export function checkService(s: ServiceOfProcess): void {
  if (typeof s?.caseId !== 'string' || !/^[^/\u0000-\u001f\u007f]{1,128}$/u.test(s.caseId))
    throw bad('service.caseId: 1 to 128 characters, no "/"');
  for (const f of ['documentHash', 'recipientIdHash', 'receiptHash', 'recipientBinding'] as const)
    if (!(s[f] instanceof Uint8Array) || s[f].length !== 32) throw bad(`service.${f}: expected 32 bytes`);
  if (!Object.hasOwn(WIRE_CHANNEL, s.channel)) throw bad('service.channel: electronic, postal, in_person or publication');
  if (!Number.isSafeInteger(s.servedAtMs) || s.servedAtMs <= 0) throw bad('service.servedAtMs: expected unix ms');
  if (
    typeof s.serverDid !== 'string' ||
    !s.serverDid.startsWith('did:') ||
    typeof s.kid !== 'string' ||
    !s.kid.startsWith(`${s.serverDid}#`)
  )
    throw bad('service.serverDid/kid: expected a DID and one of its keys');
}

export function signService(
  court: Signer,
  s: Omit<ServiceOfProcess, 'serverDid' | 'kid'>,
): { service: ServiceOfProcess; signature: Uint8Array } {
  const service: ServiceOfProcess = { ...s, serverDid: court.did, kid: court.kid };
  checkService(service);
  return { service, signature: court.sign(signingInput(SignTag.ServiceOfProcess, serviceBytes(service))) };
}

export function signReceipt(recipient: Signer, serviceId: string, documentHash: Uint8Array, signedAtMs: number): ServiceReceipt {
  return {
    serviceId,
    recipientDid: recipient.did,
    kid: recipient.kid,
    signedAtMs,
    signature: recipient.sign(signingInput(SERVICE_RECEIPT_TAG, receiptBytes(serviceId, documentHash))),
  };
}

export interface ServiceRegistryOptions {
  ledger: JudicialLedger;
  authority: Authority;
  /** The receiving process's clock: a revocation takes effect at once (DESIGN.md "Identity"). */
  clock: Clock;
}

/** Records services and receipts on the judicial chain after checking who signed them. */
export class ServiceRegistry {
  constructor(private readonly o: ServiceRegistryOptions) {}

  /**
   * Record a service signed by the serving court (role `court`); the chain checks the case is
   * that court's (`court_mismatch`, `unknown_case`). Idempotent by service id.
   * @throws `service_malformed` | `server_signature_invalid` | `revoked` | `out_of_role` | the chain's reasons
   */
  async recordService(service: ServiceOfProcess, signature: Uint8Array): Promise<RecordedService> {
    checkService(service);
    checkSignedBy(
      this.o.authority,
      service.serverDid,
      service.kid,
      service.servedAtMs,
      signature,
      signingInput(SignTag.ServiceOfProcess, serviceBytes(service)),
      'server_signature_invalid',
    );
    assertNotRevokedNow(this.o.authority, service.serverDid, service.kid, this.o.clock.now());
    const role = this.o.authority.mayAct(service.serverDid, 'court', undefined, service.servedAtMs);
    if (!role.ok)
      throw new VerificationError('out_of_role', `${service.serverDid} may not serve documents: ${role.message}`, {
        code: ErrorCode.PermissionDenied,
      });
    const serviceId = serviceIdOf(service);
    const c = await this.o.ledger.submit('service.record', `service:${serviceId}`, {
      type: 'service_record',
      schema: 1,
      serviceId,
      caseId: service.caseId,
      court: service.serverDid,
      documentHash: toHex(service.documentHash),
      documentTitle: `served document ${toHex(service.documentHash).slice(0, 16)}`,
      recipient: toHex(service.recipientIdHash),
      channel: CHAIN_CHANNEL[service.channel],
      signed: {
        kid: service.kid,
        signature: toBase64url(signature),
        servedAtMs: service.servedAtMs,
        receiptHash: toHex(service.receiptHash),
        recipientBinding: toHex(service.recipientBinding),
      },
    });
    return { serviceId, outcome: c.outcome, record: await this.o.ledger.prove(serviceKey(serviceId)) };
  }

  /**
   * Add the recipient's signed receipt to a recorded service, once. The same receipt again is a
   * no-op (`already_committed`); another receipt of a received service is `already_received`.
   * @throws `unknown_service` | `recipient_unbound` | `receipt_signature_invalid` |
   *   `receipt_not_recipient` | `revoked` | `already_received` | the chain's reasons
   */
  async recordReceipt(receipt: ServiceReceipt): Promise<RecordedService> {
    if (typeof receipt?.serviceId !== 'string' || !/^[0-9a-f]{64}$/.test(receipt.serviceId))
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'service_malformed', 'service_id: expected 64 lowercase hex digits');
    if (typeof receipt.recipientDid !== 'string' || !receipt.recipientDid.startsWith('did:'))
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'service_malformed', 'recipient_did: expected a DID');
    if (!Number.isSafeInteger(receipt.signedAtMs) || receipt.signedAtMs <= 0)
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'service_malformed', 'signed_at_ms: expected unix ms');
    const before = await this.o.ledger.prove(serviceKey(receipt.serviceId));
    if (before.value === null)
      throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_service', `no service ${receipt.serviceId} on the judicial chain`);
    const doc = JSON.parse(new TextDecoder().decode(before.value)) as ChainServiceRecord;
    if (doc.signed === undefined)
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'recipient_unbound',
        `service ${receipt.serviceId} was recorded without a recipient binding: the court records it again naming the recipient`,
      );
    const documentHash = fromHex(doc.documentHash, 'documentHash');
    const kid = checkSignedBy(
      this.o.authority,
      receipt.recipientDid,
      receipt.kid,
      receipt.signedAtMs,
      receipt.signature,
      signingInput(SERVICE_RECEIPT_TAG, receiptBytes(receipt.serviceId, documentHash)),
      'receipt_signature_invalid',
    );
    if (toHex(recipientBindingOf(documentHash, receipt.recipientDid)) !== doc.signed.recipientBinding)
      throw new VerificationError(
        'receipt_not_recipient',
        `${receipt.recipientDid} is not the recipient the court named for service ${receipt.serviceId}; only the recipient signs its receipt`,
        { code: ErrorCode.PermissionDenied },
      );
    assertNotRevokedNow(this.o.authority, receipt.recipientDid, receipt.kid, this.o.clock.now());
    const signature = toBase64url(receipt.signature);
    if (doc.receipt.status === 'received') {
      if (doc.receipt.signature === signature) return { serviceId: receipt.serviceId, outcome: 'already_committed', record: before };
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'already_received',
        `service ${receipt.serviceId} was received at ${new Date(doc.receipt.receivedAtMs).toISOString()}; a receipt is recorded once`,
      );
    }
    const c = await this.o.ledger.submit('service.receipt', `service-receipt:${receipt.serviceId}`, {
      type: 'service_receipt',
      schema: 1,
      serviceId: receipt.serviceId,
      signer: kid,
      signature,
    });
    return { serviceId: receipt.serviceId, outcome: c.outcome, record: await this.o.ledger.prove(serviceKey(receipt.serviceId)) };
  }

  /**
   * Every service of a document with its proof, all against one header: the index record
   * `served-document/<hash>` (or its proof of absence: never served) and each `service/<id>`.
   */
  async findByDocument(documentHash: Uint8Array): Promise<ServicesOfDocument> {
    if (!(documentHash instanceof Uint8Array) || documentHash.length !== 32)
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'hash_malformed', 'document_hash: expected 32 bytes (sha256)');
    const docKey = servedDocumentKey(toHex(documentHash));
    const first = await this.o.ledger.prove(docKey);
    if (first.value === null) return { index: first, services: [] };
    const ids = (JSON.parse(new TextDecoder().decode(first.value)) as ServedDocumentRecord).serviceIds;
    const [index, ...services] = await this.o.ledger.proveMany([docKey, ...ids.map(serviceKey)]);
    return { index: index!, services: services.map((record, i) => ({ serviceId: ids[i]!, record })) };
  }
}

/** The services of one document, proven. */
export interface ServicesOfDocument {
  /** `served-document/<hash>`, or its absence. */
  index: ProvenRecord;
  services: { serviceId: string; record: ProvenRecord }[];
}

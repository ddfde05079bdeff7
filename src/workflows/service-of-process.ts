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
 */
import { sha256, signingInput, SignTag } from '../crypto/hash.js';
import { checkSignatureShape, verify } from '../crypto/secp256k1.js';
import { ByteWriter, toBase64url, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError, type Reason } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { Signer } from '../identity/signer.js';
import { encodeMessage } from '../wire/codec.js';
import { serviceKey } from '../judicial/record-keys.js';
import type { ServiceChannel } from '../judicial/records.js';
import type { Clock, JudicialLedger, ProvenRecord } from './ports.js';
import { assertNotRevokedNow } from './revocation.js';

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
}

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
  for (const f of ['documentHash', 'recipientIdHash', 'receiptHash'] as const)
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

function checkSig(authority: Authority, did: string, kid: string, atMs: number, sig: Uint8Array, input: Uint8Array, reason: Reason): void {
  const key = authority.keyAt(did, kid, atMs);
  if (!key.ok)
    throw new VerificationError(key.reason === 'revoked' ? 'revoked' : reason, `${did}: ${key.message}`, {
      code: key.reason === 'revoked' ? ErrorCode.PermissionDenied : ErrorCode.Unauthenticated,
    });
  if (!(sig instanceof Uint8Array) || checkSignatureShape(sig) !== 'ok' || !verify(sig, input, key.publicKey))
    throw new VerificationError(reason, `the signature does not verify under ${kid}`, { code: ErrorCode.Unauthenticated });
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
    checkSig(
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
    });
    return { serviceId, outcome: c.outcome, record: await this.o.ledger.prove(serviceKey(serviceId)) };
  }

  /**
   * Add the recipient's signed receipt to a recorded service (once: `already_received`).
   * @throws `unknown_service` | `receipt_signature_invalid` | `revoked` | the chain's reasons
   */
  async recordReceipt(receipt: ServiceReceipt): Promise<RecordedService> {
    const before = await this.o.ledger.prove(serviceKey(receipt.serviceId));
    if (before.value === null)
      throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_service', `no service ${receipt.serviceId} on the judicial chain`);
    const doc = JSON.parse(new TextDecoder().decode(before.value)) as { documentHash: string };
    const documentHash = Uint8Array.from(Buffer.from(doc.documentHash, 'hex'));
    checkSig(
      this.o.authority,
      receipt.recipientDid,
      receipt.kid,
      receipt.signedAtMs,
      receipt.signature,
      signingInput(SERVICE_RECEIPT_TAG, receiptBytes(receipt.serviceId, documentHash)),
      'receipt_signature_invalid',
    );
    assertNotRevokedNow(this.o.authority, receipt.recipientDid, receipt.kid, this.o.clock.now());
    const c = await this.o.ledger.submit('service.receipt', `service-receipt:${receipt.serviceId}`, {
      type: 'service_receipt',
      schema: 1,
      serviceId: receipt.serviceId,
      signer: receipt.kid,
      signature: toBase64url(receipt.signature),
    });
    return { serviceId: receipt.serviceId, outcome: c.outcome, record: await this.o.ledger.prove(serviceKey(receipt.serviceId)) };
  }
}

/**
 * A proven `service/<id>` record as the gRPC ServiceRecord (proto/courtbridge/v1/evidence.proto):
 * the ServiceOfProcess the court signed, rebuilt from the record (what it keeps of the signature
 * is in `signed`), its anchor with the proof bundle, and the receipt once recorded.
 */
import type { ProofBundle } from '../../generated/courtbridge/v1/ProofBundle.js';
import type { ServiceRecord as WireServiceRecord } from '../../generated/courtbridge/v1/ServiceRecord.js';
import { fromBase64url, fromHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { ServiceRecord } from '../../judicial/records.js';
import type { ProvenRecord } from '../ports.js';

type WireChannel = 'SERVICE_CHANNEL_ELECTRONIC' | 'SERVICE_CHANNEL_POSTAL' | 'SERVICE_CHANNEL_IN_PERSON' | 'SERVICE_CHANNEL_PUBLICATION';

const WIRE_CHANNEL: Record<string, WireChannel> = {
  electronic: 'SERVICE_CHANNEL_ELECTRONIC',
  postal: 'SERVICE_CHANNEL_POSTAL',
  in_person: 'SERVICE_CHANNEL_IN_PERSON',
  public_notice: 'SERVICE_CHANNEL_PUBLICATION',
};

export function serviceRecordOut(r: ProvenRecord, bundle: ProofBundle | undefined): WireServiceRecord {
  if (r.value === null) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_service', `no ${r.key} on the judicial chain`);
  const s = JSON.parse(new TextDecoder().decode(r.value)) as ServiceRecord;
  const signed = s.signed;
  const service = {
    caseId: s.caseId,
    documentHash: fromHex(s.documentHash),
    recipientIdHash: fromHex(s.recipient),
    channel: WIRE_CHANNEL[s.channel] ?? ('SERVICE_CHANNEL_UNSPECIFIED' as const),
    servedAtMs: signed?.servedAtMs ?? s.servedAtMs,
    receiptHash: signed === undefined ? new Uint8Array(32) : fromHex(signed.receiptHash),
    serverDid: s.court,
    kid: signed?.kid ?? '',
    recipientBinding: signed === undefined ? new Uint8Array(0) : fromHex(signed.recipientBinding),
  };
  return {
    serviceId: s.serviceId,
    service,
    anchor: {
      anchorId: r.key,
      claim: {
        contentHash: service.documentHash,
        metadata: [{ name: 'kind', value: 'served_document' }],
        submitterDid: s.court,
        kid: service.kid,
        signedAtMs: service.servedAtMs,
      },
      signature: signed === undefined ? new Uint8Array(0) : fromBase64url(signed.signature),
      status: 'ANCHOR_STATUS_ANCHORED',
      ...(bundle === undefined ? {} : { bundle }),
    },
    ...(s.receipt.status === 'received'
      ? { receipt: { kid: s.receipt.signer, receivedAtMs: s.receipt.receivedAtMs, signature: fromBase64url(s.receipt.signature) } }
      : {}),
  };
}

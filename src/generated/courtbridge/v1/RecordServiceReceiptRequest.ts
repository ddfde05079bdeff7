// Original file: courtbridge/v1/evidence.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The recipient's receipt of service. The recipient's DID signs
 * signingInput("courtbridge/v1/service-receipt", string service_id || fixed32 document_hash)
 * (src/workflows/service-of-process.ts `receiptBytes`).
 */
export interface RecordServiceReceiptRequest {
  /**
   * The service, hex sha256 of its ServiceOfProcess bytes.
   */
  'serviceId'?: (string);
  /**
   * DID of the recipient (the DID the service's `recipient_binding` names).
   */
  'recipientDid'?: (string);
  /**
   * Key id of the signing key.
   */
  'kid'?: (string);
  /**
   * When the recipient signed, unix ms (selects the key its DID held).
   */
  'signedAtMs'?: (number | string | Long);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * The recipient's receipt of service. The recipient's DID signs
 * signingInput("courtbridge/v1/service-receipt", string service_id || fixed32 document_hash)
 * (src/workflows/service-of-process.ts `receiptBytes`).
 */
export interface RecordServiceReceiptRequest__Output {
  /**
   * The service, hex sha256 of its ServiceOfProcess bytes.
   */
  'serviceId': (string);
  /**
   * DID of the recipient (the DID the service's `recipient_binding` names).
   */
  'recipientDid': (string);
  /**
   * Key id of the signing key.
   */
  'kid': (string);
  /**
   * When the recipient signed, unix ms (selects the key its DID held).
   */
  'signedAtMs': (number);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

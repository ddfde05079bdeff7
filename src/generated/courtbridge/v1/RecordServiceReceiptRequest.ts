// Original file: courtbridge/v1/evidence.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The recipient's receipt of service. The recipient's DID signs, under
 * `courtbridge/v1/service-receipt`, the service id (as its hex string) and the served document's
 * hash; its DID, key and signing time are not signed.
 * Spec: docs/spec/service-of-process.md
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
   * When the recipient signed, unix ms (selects the key its DID held; not signed: the chain's
   * block time is the time of receipt).
   */
  'signedAtMs'?: (number | string | Long);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * The recipient's receipt of service. The recipient's DID signs, under
 * `courtbridge/v1/service-receipt`, the service id (as its hex string) and the served document's
 * hash; its DID, key and signing time are not signed.
 * Spec: docs/spec/service-of-process.md
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
   * When the recipient signed, unix ms (selects the key its DID held; not signed: the chain's
   * block time is the time of receipt).
   */
  'signedAtMs': (number);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

// Original file: courtbridge/v1/evidence.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A receipt of service as the judicial chain recorded it.
 * Spec: docs/spec/service-of-process.md
 */
export interface ServiceReceiptRecord {
  /**
   * Key id that signed (its DID is the recipient).
   */
  'kid'?: (string);
  /**
   * Block time the chain recorded the receipt, unix ms.
   */
  'receivedAtMs'?: (number | string | Long);
  /**
   * The recipient's compact signature under `courtbridge/v1/service-receipt`.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A receipt of service as the judicial chain recorded it.
 * Spec: docs/spec/service-of-process.md
 */
export interface ServiceReceiptRecord__Output {
  /**
   * Key id that signed (its DID is the recipient).
   */
  'kid': (string);
  /**
   * Block time the chain recorded the receipt, unix ms.
   */
  'receivedAtMs': (number);
  /**
   * The recipient's compact signature under `courtbridge/v1/service-receipt`.
   */
  'signature': (Buffer);
}

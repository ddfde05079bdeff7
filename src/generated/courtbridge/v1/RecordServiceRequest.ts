// Original file: courtbridge/v1/evidence.proto

import type { ServiceOfProcess as _courtbridge_v1_ServiceOfProcess, ServiceOfProcess__Output as _courtbridge_v1_ServiceOfProcess__Output } from '../../courtbridge/v1/ServiceOfProcess.js';

/**
 * A service of process to record, with the court's signature.
 * Spec: docs/spec/service-of-process.md
 */
export interface RecordServiceRequest {
  /**
   * The service record.
   */
  'service'?: (_courtbridge_v1_ServiceOfProcess | null);
  /**
   * The court's compact 64-byte signature (secp256k1 low-S, or SM2) over the service's
   * deterministic protobuf encoding, under `courtbridge/v1/service-of-process`.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A service of process to record, with the court's signature.
 * Spec: docs/spec/service-of-process.md
 */
export interface RecordServiceRequest__Output {
  /**
   * The service record.
   */
  'service': (_courtbridge_v1_ServiceOfProcess__Output | null);
  /**
   * The court's compact 64-byte signature (secp256k1 low-S, or SM2) over the service's
   * deterministic protobuf encoding, under `courtbridge/v1/service-of-process`.
   */
  'signature': (Buffer);
}

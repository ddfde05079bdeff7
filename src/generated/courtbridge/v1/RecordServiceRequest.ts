// Original file: courtbridge/v1/evidence.proto

import type { ServiceOfProcess as _courtbridge_v1_ServiceOfProcess, ServiceOfProcess__Output as _courtbridge_v1_ServiceOfProcess__Output } from '../../courtbridge/v1/ServiceOfProcess.js';

export interface RecordServiceRequest {
  /**
   * The service record.
   */
  'service'?: (_courtbridge_v1_ServiceOfProcess | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2) over it.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

export interface RecordServiceRequest__Output {
  /**
   * The service record.
   */
  'service': (_courtbridge_v1_ServiceOfProcess__Output | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2) over it.
   */
  'signature': (Buffer);
}

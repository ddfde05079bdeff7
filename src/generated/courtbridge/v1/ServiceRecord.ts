// Original file: courtbridge/v1/evidence.proto

import type { ServiceOfProcess as _courtbridge_v1_ServiceOfProcess, ServiceOfProcess__Output as _courtbridge_v1_ServiceOfProcess__Output } from '../../courtbridge/v1/ServiceOfProcess.js';
import type { EvidenceAnchor as _courtbridge_v1_EvidenceAnchor, EvidenceAnchor__Output as _courtbridge_v1_EvidenceAnchor__Output } from '../../courtbridge/v1/EvidenceAnchor.js';
import type { ServiceReceiptRecord as _courtbridge_v1_ServiceReceiptRecord, ServiceReceiptRecord__Output as _courtbridge_v1_ServiceReceiptRecord__Output } from '../../courtbridge/v1/ServiceReceiptRecord.js';

/**
 * A recorded service of process.
 */
export interface ServiceRecord {
  /**
   * The service as recorded.
   */
  'service'?: (_courtbridge_v1_ServiceOfProcess | null);
  /**
   * Its anchor on the judicial chain (`service/<service_id>`, with its proof bundle).
   */
  'anchor'?: (_courtbridge_v1_EvidenceAnchor | null);
  /**
   * The service id (hex sha256 of the ServiceOfProcess bytes).
   */
  'serviceId'?: (string);
  /**
   * The recipient's receipt, once recorded.
   */
  'receipt'?: (_courtbridge_v1_ServiceReceiptRecord | null);
}

/**
 * A recorded service of process.
 */
export interface ServiceRecord__Output {
  /**
   * The service as recorded.
   */
  'service': (_courtbridge_v1_ServiceOfProcess__Output | null);
  /**
   * Its anchor on the judicial chain (`service/<service_id>`, with its proof bundle).
   */
  'anchor': (_courtbridge_v1_EvidenceAnchor__Output | null);
  /**
   * The service id (hex sha256 of the ServiceOfProcess bytes).
   */
  'serviceId': (string);
  /**
   * The recipient's receipt, once recorded.
   */
  'receipt': (_courtbridge_v1_ServiceReceiptRecord__Output | null);
}

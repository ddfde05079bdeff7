// Original file: courtbridge/v1/evidence.proto

import type { ServiceRecord as _courtbridge_v1_ServiceRecord, ServiceRecord__Output as _courtbridge_v1_ServiceRecord__Output } from '../../courtbridge/v1/ServiceRecord.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

export interface FindServiceByDocumentResponse {
  /**
   * Every service of this document, each with the proof bundle of its `service/<id>` record.
   */
  'services'?: (_courtbridge_v1_ServiceRecord)[];
  /**
   * Proof of `served-document/<hash>` (membership), or of its absence.
   */
  'index'?: (_courtbridge_v1_ProofBundle | null);
}

export interface FindServiceByDocumentResponse__Output {
  /**
   * Every service of this document, each with the proof bundle of its `service/<id>` record.
   */
  'services': (_courtbridge_v1_ServiceRecord__Output)[];
  /**
   * Proof of `served-document/<hash>` (membership), or of its absence.
   */
  'index': (_courtbridge_v1_ProofBundle__Output | null);
}

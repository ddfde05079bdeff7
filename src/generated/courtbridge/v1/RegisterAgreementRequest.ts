// Original file: courtbridge/v1/mediation.proto

import type { MediationAgreement as _courtbridge_v1_MediationAgreement, MediationAgreement__Output as _courtbridge_v1_MediationAgreement__Output } from '../../courtbridge/v1/MediationAgreement.js';

/**
 * A court-signed agreement to register.
 * Spec: docs/spec/mediation.md
 */
export interface RegisterAgreementRequest {
  /**
   * The agreement.
   */
  'agreement'?: (_courtbridge_v1_MediationAgreement | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A court-signed agreement to register.
 * Spec: docs/spec/mediation.md
 */
export interface RegisterAgreementRequest__Output {
  /**
   * The agreement.
   */
  'agreement': (_courtbridge_v1_MediationAgreement__Output | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

// Original file: courtbridge/v1/mediation.proto

import type { MediationAgreement as _courtbridge_v1_MediationAgreement, MediationAgreement__Output as _courtbridge_v1_MediationAgreement__Output } from '../../courtbridge/v1/MediationAgreement.js';

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

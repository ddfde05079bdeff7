// Original file: courtbridge/v1/mediation.proto

import type { Mediation as _courtbridge_v1_Mediation, Mediation__Output as _courtbridge_v1_Mediation__Output } from '../../courtbridge/v1/Mediation.js';

/**
 * A court-signed mediation to register.
 * Spec: docs/spec/mediation.md
 */
export interface RegisterMediationRequest {
  /**
   * The mediation.
   */
  'mediation'?: (_courtbridge_v1_Mediation | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A court-signed mediation to register.
 * Spec: docs/spec/mediation.md
 */
export interface RegisterMediationRequest__Output {
  /**
   * The mediation.
   */
  'mediation': (_courtbridge_v1_Mediation__Output | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

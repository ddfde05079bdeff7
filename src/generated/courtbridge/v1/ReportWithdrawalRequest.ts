// Original file: courtbridge/v1/mediation.proto

import type { MediationWithdrawal as _courtbridge_v1_MediationWithdrawal, MediationWithdrawal__Output as _courtbridge_v1_MediationWithdrawal__Output } from '../../courtbridge/v1/MediationWithdrawal.js';

/**
 * A signed withdrawal.
 * Spec: docs/spec/mediation.md
 */
export interface ReportWithdrawalRequest {
  /**
   * The withdrawal.
   */
  'withdrawal'?: (_courtbridge_v1_MediationWithdrawal | null);
  /**
   * The reporter's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A signed withdrawal.
 * Spec: docs/spec/mediation.md
 */
export interface ReportWithdrawalRequest__Output {
  /**
   * The withdrawal.
   */
  'withdrawal': (_courtbridge_v1_MediationWithdrawal__Output | null);
  /**
   * The reporter's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

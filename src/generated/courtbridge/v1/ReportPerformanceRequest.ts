// Original file: courtbridge/v1/mediation.proto

import type { PerformanceReport as _courtbridge_v1_PerformanceReport, PerformanceReport__Output as _courtbridge_v1_PerformanceReport__Output } from '../../courtbridge/v1/PerformanceReport.js';

/**
 * A signed performance report.
 * Spec: docs/spec/mediation.md
 */
export interface ReportPerformanceRequest {
  /**
   * The report.
   */
  'report'?: (_courtbridge_v1_PerformanceReport | null);
  /**
   * The reporter's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A signed performance report.
 * Spec: docs/spec/mediation.md
 */
export interface ReportPerformanceRequest__Output {
  /**
   * The report.
   */
  'report': (_courtbridge_v1_PerformanceReport__Output | null);
  /**
   * The reporter's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

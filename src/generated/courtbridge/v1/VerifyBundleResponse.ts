// Original file: courtbridge/v1/verification.proto

import type { Verdict as _courtbridge_v1_Verdict, Verdict__Output as _courtbridge_v1_Verdict__Output } from '../../courtbridge/v1/Verdict.js';
import type { Check as _courtbridge_v1_Check, Check__Output as _courtbridge_v1_Check__Output } from '../../courtbridge/v1/Check.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { Long } from '@grpc/proto-loader';

export interface VerifyBundleResponse {
  /**
   * Overall verdict.
   */
  'verdict'?: (_courtbridge_v1_Verdict);
  /**
   * Every check, in the order run.
   */
  'checks'?: (_courtbridge_v1_Check)[];
  /**
   * The header the bundle was verified against, when its quorum checked out.
   */
  'verifiedHeader'?: (_courtbridge_v1_HeaderRef | null);
  /**
   * The time the checks were judged at, unix ms.
   */
  'checkedAtMs'?: (number | string | Long);
}

export interface VerifyBundleResponse__Output {
  /**
   * Overall verdict.
   */
  'verdict': (_courtbridge_v1_Verdict__Output);
  /**
   * Every check, in the order run.
   */
  'checks': (_courtbridge_v1_Check__Output)[];
  /**
   * The header the bundle was verified against, when its quorum checked out.
   */
  'verifiedHeader': (_courtbridge_v1_HeaderRef__Output | null);
  /**
   * The time the checks were judged at, unix ms.
   */
  'checkedAtMs': (number);
}

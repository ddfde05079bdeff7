// Original file: courtbridge/v1/verification.proto

import type { Verdict as _courtbridge_v1_Verdict, Verdict__Output as _courtbridge_v1_Verdict__Output } from '../../courtbridge/v1/Verdict.js';
import type { Check as _courtbridge_v1_Check, Check__Output as _courtbridge_v1_Check__Output } from '../../courtbridge/v1/Check.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { ProvenRecord as _courtbridge_v1_ProvenRecord, ProvenRecord__Output as _courtbridge_v1_ProvenRecord__Output } from '../../courtbridge/v1/ProvenRecord.js';
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
  /**
   * The record the bundle proves, decoded from its bytes for people; shown only when the
   * verdict is VALID (otherwise `shown` is NOTHING and `not_shown` says why).
   */
  'provenRecord'?: (_courtbridge_v1_ProvenRecord | null);
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
  /**
   * The record the bundle proves, decoded from its bytes for people; shown only when the
   * verdict is VALID (otherwise `shown` is NOTHING and `not_shown` says why).
   */
  'provenRecord': (_courtbridge_v1_ProvenRecord__Output | null);
}

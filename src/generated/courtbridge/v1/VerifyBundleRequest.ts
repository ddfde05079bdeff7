// Original file: courtbridge/v1/verification.proto

import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';
import type { Long } from '@grpc/proto-loader';

export interface VerifyBundleRequest {
  /**
   * The bundle to check.
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
  /**
   * Judge key validity and header freshness as of this time, unix ms; 0 means now.
   */
  'atMs'?: (number | string | Long);
}

export interface VerifyBundleRequest__Output {
  /**
   * The bundle to check.
   */
  'bundle': (_courtbridge_v1_ProofBundle__Output | null);
  /**
   * Judge key validity and header freshness as of this time, unix ms; 0 means now.
   */
  'atMs': (number);
}

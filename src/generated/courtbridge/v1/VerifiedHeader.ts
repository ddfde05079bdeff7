// Original file: courtbridge/v1/watch.proto

import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from '../../courtbridge/v1/SignedHeader.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from '../../courtbridge/v1/ValidatorSet.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A header the gateway's light client accepted.
 */
export interface VerifiedHeader {
  /**
   * The header with its commit.
   */
  'signedHeader'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * Its validator set, set when it differs from the previous header's.
   */
  'validatorSet'?: (_courtbridge_v1_ValidatorSet | null);
  /**
   * When the gateway accepted it, unix ms.
   */
  'verifiedAtMs'?: (number | string | Long);
}

/**
 * A header the gateway's light client accepted.
 */
export interface VerifiedHeader__Output {
  /**
   * The header with its commit.
   */
  'signedHeader': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * Its validator set, set when it differs from the previous header's.
   */
  'validatorSet': (_courtbridge_v1_ValidatorSet__Output | null);
  /**
   * When the gateway accepted it, unix ms.
   */
  'verifiedAtMs': (number);
}

// Original file: courtbridge/v1/bundle.proto

import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from '../../courtbridge/v1/SignedHeader.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from '../../courtbridge/v1/ValidatorSet.js';

/**
 * A light block on a bundle's anchored trace: a header with its commit and the validator set that
 * signed it. The header and the set are hashed as their spec layouts, never as this protobuf.
 * Spec: docs/spec/trace.md
 */
export interface TraceBlock {
  /**
   * The header and its commit.
   */
  'signedHeader'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * The validator set named by the header's `validators_hash`.
   */
  'validatorSet'?: (_courtbridge_v1_ValidatorSet | null);
}

/**
 * A light block on a bundle's anchored trace: a header with its commit and the validator set that
 * signed it. The header and the set are hashed as their spec layouts, never as this protobuf.
 * Spec: docs/spec/trace.md
 */
export interface TraceBlock__Output {
  /**
   * The header and its commit.
   */
  'signedHeader': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * The validator set named by the header's `validators_hash`.
   */
  'validatorSet': (_courtbridge_v1_ValidatorSet__Output | null);
}

// Original file: courtbridge/v1/types.proto

import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from '../../courtbridge/v1/Validator.js';

/**
 * The validators of a chain at some height, in the canonical order (sorted by DID) that
 * `validators_hash` commits to (layout in src/chain/validator-set.ts).
 */
export interface ValidatorSet {
  /**
   * Validators, sorted by DID, no duplicates.
   */
  'validators'?: (_courtbridge_v1_Validator)[];
}

/**
 * The validators of a chain at some height, in the canonical order (sorted by DID) that
 * `validators_hash` commits to (layout in src/chain/validator-set.ts).
 */
export interface ValidatorSet__Output {
  /**
   * Validators, sorted by DID, no duplicates.
   */
  'validators': (_courtbridge_v1_Validator__Output)[];
}

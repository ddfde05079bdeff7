// Original file: courtbridge/v1/types.proto

import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from '../../courtbridge/v1/Validator.js';

/**
 * The validators of a chain at some height. `validators_hash` is the hash of the set's canonical
 * encoding, in which validators are sorted by the bytes of their DIDs whatever order this list
 * gives them in.
 * Spec: docs/spec/header.md
 */
export interface ValidatorSet {
  /**
   * Validators, any order; no DID and no key twice.
   */
  'validators'?: (_courtbridge_v1_Validator)[];
}

/**
 * The validators of a chain at some height. `validators_hash` is the hash of the set's canonical
 * encoding, in which validators are sorted by the bytes of their DIDs whatever order this list
 * gives them in.
 * Spec: docs/spec/header.md
 */
export interface ValidatorSet__Output {
  /**
   * Validators, any order; no DID and no key twice.
   */
  'validators': (_courtbridge_v1_Validator__Output)[];
}

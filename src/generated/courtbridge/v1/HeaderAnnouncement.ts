// Original file: courtbridge/v1/wire.proto

import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from '../../courtbridge/v1/SignedHeader.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from '../../courtbridge/v1/ValidatorSet.js';

/**
 * Adapter -> gateway on the chain's header stream: a new signed header, in an Envelope
 * signed by the adapter (the header itself is authenticated by its commit).
 */
export interface HeaderAnnouncement {
  /**
   * The new header with its commit.
   */
  'signedHeader'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * The validator set signing this header; set whenever it differs from the previous
   * header's (its next_validators_hash changed), may always be set.
   */
  'validatorSet'?: (_courtbridge_v1_ValidatorSet | null);
}

/**
 * Adapter -> gateway on the chain's header stream: a new signed header, in an Envelope
 * signed by the adapter (the header itself is authenticated by its commit).
 */
export interface HeaderAnnouncement__Output {
  /**
   * The new header with its commit.
   */
  'signedHeader': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * The validator set signing this header; set whenever it differs from the previous
   * header's (its next_validators_hash changed), may always be set.
   */
  'validatorSet': (_courtbridge_v1_ValidatorSet__Output | null);
}

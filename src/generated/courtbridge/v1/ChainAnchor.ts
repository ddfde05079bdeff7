// Original file: courtbridge/v1/alliance.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Where a chain's trust starts: a header the admin quorum vouched for.
 */
export interface ChainAnchor {
  /**
   * Height of the anchor header (>= 1).
   */
  'height'?: (number | string | Long);
  /**
   * Its header hash (32 bytes).
   */
  'headerHash'?: (Buffer | Uint8Array | string);
  /**
   * Hash of its validator set (32 bytes).
   */
  'validatorsHash'?: (Buffer | Uint8Array | string);
}

/**
 * Where a chain's trust starts: a header the admin quorum vouched for.
 */
export interface ChainAnchor__Output {
  /**
   * Height of the anchor header (>= 1).
   */
  'height': (number);
  /**
   * Its header hash (32 bytes).
   */
  'headerHash': (Buffer);
  /**
   * Hash of its validator set (32 bytes).
   */
  'validatorsHash': (Buffer);
}

// Original file: courtbridge/v1/types.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A short reference to a header: enough to look it up and to check it is the one meant.
 */
export interface HeaderRef {
  /**
   * Chain of the header.
   */
  'chainId'?: (string);
  /**
   * Height of the header.
   */
  'height'?: (number | string | Long);
  /**
   * Hash of the header (32 bytes).
   */
  'headerHash'?: (Buffer | Uint8Array | string);
}

/**
 * A short reference to a header: enough to look it up and to check it is the one meant.
 */
export interface HeaderRef__Output {
  /**
   * Chain of the header.
   */
  'chainId': (string);
  /**
   * Height of the header.
   */
  'height': (number);
  /**
   * Hash of the header (32 bytes).
   */
  'headerHash': (Buffer);
}

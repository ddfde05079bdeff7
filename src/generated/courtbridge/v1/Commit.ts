// Original file: courtbridge/v1/types.proto

import type { CommitSignature as _courtbridge_v1_CommitSignature, CommitSignature__Output as _courtbridge_v1_CommitSignature__Output } from '../../courtbridge/v1/CommitSignature.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The signatures that make a header count.
 */
export interface Commit {
  /**
   * Height of the committed header.
   */
  'height'?: (number | string | Long);
  /**
   * Hash of the committed header (32 bytes).
   */
  'headerHash'?: (Buffer | Uint8Array | string);
  /**
   * Validator votes. A duplicate, unknown or invalid one adds no power (the header still counts if
   * the others hold more than 2/3); a bundle's commit_signatures check fails on it.
   */
  'signatures'?: (_courtbridge_v1_CommitSignature)[];
}

/**
 * The signatures that make a header count.
 */
export interface Commit__Output {
  /**
   * Height of the committed header.
   */
  'height': (number);
  /**
   * Hash of the committed header (32 bytes).
   */
  'headerHash': (Buffer);
  /**
   * Validator votes. A duplicate, unknown or invalid one adds no power (the header still counts if
   * the others hold more than 2/3); a bundle's commit_signatures check fails on it.
   */
  'signatures': (_courtbridge_v1_CommitSignature__Output)[];
}

// Original file: courtbridge/v1/types.proto

import type { LatestHeight as _courtbridge_v1_LatestHeight, LatestHeight__Output as _courtbridge_v1_LatestHeight__Output } from '../../courtbridge/v1/LatestHeight.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Which height a query reads at (hermes' QueryHeight::{Latest, Specific}).
 */
export interface QueryHeight {
  /**
   * The latest height the gateway's light client trusts.
   */
  'latest'?: (_courtbridge_v1_LatestHeight | null);
  /**
   * A specific height (>= 1); NOT_FOUND when the gateway cannot prove at that height.
   */
  'at'?: (number | string | Long);
  /**
   * Exactly one must be set; neither is INVALID_ARGUMENT (`missing_query_height`).
   */
  'height'?: "latest"|"at";
}

/**
 * Which height a query reads at (hermes' QueryHeight::{Latest, Specific}).
 */
export interface QueryHeight__Output {
  /**
   * The latest height the gateway's light client trusts.
   */
  'latest'?: (_courtbridge_v1_LatestHeight__Output | null);
  /**
   * A specific height (>= 1); NOT_FOUND when the gateway cannot prove at that height.
   */
  'at'?: (number);
  /**
   * Exactly one must be set; neither is INVALID_ARGUMENT (`missing_query_height`).
   */
  'height'?: "latest"|"at";
}

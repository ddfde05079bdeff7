// Original file: courtbridge/v1/query.proto

import type { QueryBatchItem as _courtbridge_v1_QueryBatchItem, QueryBatchItem__Output as _courtbridge_v1_QueryBatchItem__Output } from '../../courtbridge/v1/QueryBatchItem.js';

export interface QueryBatchResponse {
  /**
   * One item per query, in request order.
   */
  'items'?: (_courtbridge_v1_QueryBatchItem)[];
}

export interface QueryBatchResponse__Output {
  /**
   * One item per query, in request order.
   */
  'items': (_courtbridge_v1_QueryBatchItem__Output)[];
}

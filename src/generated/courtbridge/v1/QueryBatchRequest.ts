// Original file: courtbridge/v1/query.proto

import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from '../../courtbridge/v1/RecordQuery.js';
import type { Long } from '@grpc/proto-loader';

export interface QueryBatchRequest {
  /**
   * The queries (1 to 100).
   */
  'queries'?: (_courtbridge_v1_RecordQuery)[];
  /**
   * As in QueryRecordRequest, applied to every query.
   */
  'maxStalenessMs'?: (number | string | Long);
  /**
   * Caller-chosen id; items get `<request_id>/<index>`.
   */
  'requestId'?: (string);
}

export interface QueryBatchRequest__Output {
  /**
   * The queries (1 to 100).
   */
  'queries': (_courtbridge_v1_RecordQuery__Output)[];
  /**
   * As in QueryRecordRequest, applied to every query.
   */
  'maxStalenessMs': (number);
  /**
   * Caller-chosen id; items get `<request_id>/<index>`.
   */
  'requestId': (string);
}

// Original file: courtbridge/v1/query.proto

import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from '../../courtbridge/v1/RecordQuery.js';
import type { Long } from '@grpc/proto-loader';

export interface QueryRecordRequest {
  /**
   * What to read.
   */
  'query'?: (_courtbridge_v1_RecordQuery | null);
  /**
   * Refuse state older than this many ms (by block time against the gateway's clock);
   * 0 means the chain's default.
   */
  'maxStalenessMs'?: (number | string | Long);
  /**
   * Caller-chosen id for tracing and idempotent retries; the gateway assigns one if empty.
   */
  'requestId'?: (string);
}

export interface QueryRecordRequest__Output {
  /**
   * What to read.
   */
  'query': (_courtbridge_v1_RecordQuery__Output | null);
  /**
   * Refuse state older than this many ms (by block time against the gateway's clock);
   * 0 means the chain's default.
   */
  'maxStalenessMs': (number);
  /**
   * Caller-chosen id for tracing and idempotent retries; the gateway assigns one if empty.
   */
  'requestId': (string);
}

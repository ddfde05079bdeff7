// Original file: courtbridge/v1/wire.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Gateway -> adapter: records of one type found through a secondary index (e.g. by owner).
 */
export interface IndexQueryRequest {
  /**
   * Id for tracing, echoed in the response.
   */
  'requestId'?: (string);
  /**
   * Chain to read.
   */
  'chainId'?: (string);
  /**
   * Index name, e.g. "owner".
   */
  'index'?: (string);
  /**
   * Index key, e.g. the 32-byte owner id hash in lowercase hex.
   */
  'indexKey'?: (string);
  /**
   * Record type to return, e.g. "property.title".
   */
  'recordType'?: (string);
  /**
   * Height to read at; 0 means latest.
   */
  'height'?: (number | string | Long);
  /**
   * Absolute deadline, unix ms.
   */
  'deadlineMs'?: (number | string | Long);
  /**
   * Maximum records to return (0 = adapter default).
   */
  'limit'?: (number);
}

/**
 * Gateway -> adapter: records of one type found through a secondary index (e.g. by owner).
 */
export interface IndexQueryRequest__Output {
  /**
   * Id for tracing, echoed in the response.
   */
  'requestId': (string);
  /**
   * Chain to read.
   */
  'chainId': (string);
  /**
   * Index name, e.g. "owner".
   */
  'index': (string);
  /**
   * Index key, e.g. the 32-byte owner id hash in lowercase hex.
   */
  'indexKey': (string);
  /**
   * Record type to return, e.g. "property.title".
   */
  'recordType': (string);
  /**
   * Height to read at; 0 means latest.
   */
  'height': (number);
  /**
   * Absolute deadline, unix ms.
   */
  'deadlineMs': (number);
  /**
   * Maximum records to return (0 = adapter default).
   */
  'limit': (number);
}

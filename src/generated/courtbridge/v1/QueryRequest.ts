// Original file: courtbridge/v1/wire.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Gateway -> adapter (request/reply on the chain's query subject, queue group per chain).
 * Queries ride unsigned: the answer is authenticated by its proof.
 */
export interface QueryRequest {
  /**
   * Id for tracing, echoed in the response.
   */
  'requestId'?: (string);
  /**
   * Chain to read.
   */
  'chainId'?: (string);
  /**
   * Record type.
   */
  'recordType'?: (string);
  /**
   * State key.
   */
  'key'?: (string);
  /**
   * Height to read at; 0 means the adapter's latest committed height.
   */
  'height'?: (number | string | Long);
  /**
   * Absolute deadline, unix ms; the adapter drops a request past it.
   */
  'deadlineMs'?: (number | string | Long);
}

/**
 * Gateway -> adapter (request/reply on the chain's query subject, queue group per chain).
 * Queries ride unsigned: the answer is authenticated by its proof.
 */
export interface QueryRequest__Output {
  /**
   * Id for tracing, echoed in the response.
   */
  'requestId': (string);
  /**
   * Chain to read.
   */
  'chainId': (string);
  /**
   * Record type.
   */
  'recordType': (string);
  /**
   * State key.
   */
  'key': (string);
  /**
   * Height to read at; 0 means the adapter's latest committed height.
   */
  'height': (number);
  /**
   * Absolute deadline, unix ms; the adapter drops a request past it.
   */
  'deadlineMs': (number);
}

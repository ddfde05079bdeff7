// Original file: courtbridge/v1/wire.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Adapter -> one notary of a `notary` chain (request/reply on `cb.v1.notarize.<chain>.<org>`):
 * read this record at this version and sign it if you read the same. The time is the requester's,
 * so that every notary signs the same statement; a notary refuses a time far from its own clock.
 */
export interface NotarizeRecordRequest {
  /**
   * Id for tracing, echoed in the response.
   */
  'requestId'?: (string);
  /**
   * Chain (registry) of the record.
   */
  'chainId'?: (string);
  /**
   * Record type.
   */
  'recordType'?: (string);
  /**
   * Record key.
   */
  'key'?: (string);
  /**
   * The database version to read at.
   */
  'version'?: (number | string | Long);
  /**
   * The statement's time, unix ms (within the notary's allowed clock skew of its own clock).
   */
  'timeMs'?: (number | string | Long);
}

/**
 * Adapter -> one notary of a `notary` chain (request/reply on `cb.v1.notarize.<chain>.<org>`):
 * read this record at this version and sign it if you read the same. The time is the requester's,
 * so that every notary signs the same statement; a notary refuses a time far from its own clock.
 */
export interface NotarizeRecordRequest__Output {
  /**
   * Id for tracing, echoed in the response.
   */
  'requestId': (string);
  /**
   * Chain (registry) of the record.
   */
  'chainId': (string);
  /**
   * Record type.
   */
  'recordType': (string);
  /**
   * Record key.
   */
  'key': (string);
  /**
   * The database version to read at.
   */
  'version': (number);
  /**
   * The statement's time, unix ms (within the notary's allowed clock skew of its own clock).
   */
  'timeMs': (number);
}

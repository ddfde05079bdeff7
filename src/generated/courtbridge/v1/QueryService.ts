// Original file: courtbridge/v1/query.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { QueryBatchRequest as _courtbridge_v1_QueryBatchRequest, QueryBatchRequest__Output as _courtbridge_v1_QueryBatchRequest__Output } from '../../courtbridge/v1/QueryBatchRequest.js';
import type { QueryBatchResponse as _courtbridge_v1_QueryBatchResponse, QueryBatchResponse__Output as _courtbridge_v1_QueryBatchResponse__Output } from '../../courtbridge/v1/QueryBatchResponse.js';
import type { QueryRecordRequest as _courtbridge_v1_QueryRecordRequest, QueryRecordRequest__Output as _courtbridge_v1_QueryRecordRequest__Output } from '../../courtbridge/v1/QueryRecordRequest.js';
import type { QueryRecordResponse as _courtbridge_v1_QueryRecordResponse, QueryRecordResponse__Output as _courtbridge_v1_QueryRecordResponse__Output } from '../../courtbridge/v1/QueryRecordResponse.js';

/**
 * Courts read records of other chains; every answer is a ProofBundle they can re-verify.
 * Callers: courts and authorised integrators (role "court"), authenticated per call.
 */
export interface QueryServiceClient extends grpc.Client {
  /**
   * Reads one record, or proves its absence. Errors: INVALID_ARGUMENT (empty chain_id,
   * record_type or key; missing height), UNAUTHENTICATED, PERMISSION_DENIED (caller may not
   * read this record type), NOT_FOUND (`unknown_chain`, `height_not_available`),
   * FAILED_PRECONDITION (`client_frozen`, `client_expired`, `stale_state` when the trusted
   * state is older than max_staleness_ms), UNAVAILABLE (`adapter_unavailable`,
   * `breaker_open`), DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (rate limit).
   */
  Query(argument: _courtbridge_v1_QueryRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _courtbridge_v1_QueryRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _courtbridge_v1_QueryRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _courtbridge_v1_QueryRecordRequest, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads one record, or proves its absence. Errors: INVALID_ARGUMENT (empty chain_id,
   * record_type or key; missing height), UNAUTHENTICATED, PERMISSION_DENIED (caller may not
   * read this record type), NOT_FOUND (`unknown_chain`, `height_not_available`),
   * FAILED_PRECONDITION (`client_frozen`, `client_expired`, `stale_state` when the trusted
   * state is older than max_staleness_ms), UNAVAILABLE (`adapter_unavailable`,
   * `breaker_open`), DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (rate limit).
   */
  query(argument: _courtbridge_v1_QueryRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _courtbridge_v1_QueryRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _courtbridge_v1_QueryRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _courtbridge_v1_QueryRecordRequest, callback: grpc.requestCallback<_courtbridge_v1_QueryRecordResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads up to 100 records in one call; each item succeeds or fails on its own (a failed
   * item carries a Failure, the call still returns OK). Whole-call errors: INVALID_ARGUMENT
   * (empty or too many queries), UNAUTHENTICATED, RESOURCE_EXHAUSTED.
   */
  QueryBatch(argument: _courtbridge_v1_QueryBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  QueryBatch(argument: _courtbridge_v1_QueryBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  QueryBatch(argument: _courtbridge_v1_QueryBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  QueryBatch(argument: _courtbridge_v1_QueryBatchRequest, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads up to 100 records in one call; each item succeeds or fails on its own (a failed
   * item carries a Failure, the call still returns OK). Whole-call errors: INVALID_ARGUMENT
   * (empty or too many queries), UNAUTHENTICATED, RESOURCE_EXHAUSTED.
   */
  queryBatch(argument: _courtbridge_v1_QueryBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  queryBatch(argument: _courtbridge_v1_QueryBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  queryBatch(argument: _courtbridge_v1_QueryBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  queryBatch(argument: _courtbridge_v1_QueryBatchRequest, callback: grpc.requestCallback<_courtbridge_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Courts read records of other chains; every answer is a ProofBundle they can re-verify.
 * Callers: courts and authorised integrators (role "court"), authenticated per call.
 */
export interface QueryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Reads one record, or proves its absence. Errors: INVALID_ARGUMENT (empty chain_id,
   * record_type or key; missing height), UNAUTHENTICATED, PERMISSION_DENIED (caller may not
   * read this record type), NOT_FOUND (`unknown_chain`, `height_not_available`),
   * FAILED_PRECONDITION (`client_frozen`, `client_expired`, `stale_state` when the trusted
   * state is older than max_staleness_ms), UNAVAILABLE (`adapter_unavailable`,
   * `breaker_open`), DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (rate limit).
   */
  Query: grpc.handleUnaryCall<_courtbridge_v1_QueryRecordRequest__Output, _courtbridge_v1_QueryRecordResponse>;
  
  /**
   * Reads up to 100 records in one call; each item succeeds or fails on its own (a failed
   * item carries a Failure, the call still returns OK). Whole-call errors: INVALID_ARGUMENT
   * (empty or too many queries), UNAUTHENTICATED, RESOURCE_EXHAUSTED.
   */
  QueryBatch: grpc.handleUnaryCall<_courtbridge_v1_QueryBatchRequest__Output, _courtbridge_v1_QueryBatchResponse>;
  
}

export interface QueryServiceDefinition extends grpc.ServiceDefinition {
  Query: MethodDefinition<_courtbridge_v1_QueryRecordRequest, _courtbridge_v1_QueryRecordResponse, _courtbridge_v1_QueryRecordRequest__Output, _courtbridge_v1_QueryRecordResponse__Output>
  QueryBatch: MethodDefinition<_courtbridge_v1_QueryBatchRequest, _courtbridge_v1_QueryBatchResponse, _courtbridge_v1_QueryBatchRequest__Output, _courtbridge_v1_QueryBatchResponse__Output>
}

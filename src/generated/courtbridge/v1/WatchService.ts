// Original file: courtbridge/v1/watch.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ActionEvent as _courtbridge_v1_ActionEvent, ActionEvent__Output as _courtbridge_v1_ActionEvent__Output } from '../../courtbridge/v1/ActionEvent.js';
import type { VerifiedHeader as _courtbridge_v1_VerifiedHeader, VerifiedHeader__Output as _courtbridge_v1_VerifiedHeader__Output } from '../../courtbridge/v1/VerifiedHeader.js';
import type { WatchChainActionsRequest as _courtbridge_v1_WatchChainActionsRequest, WatchChainActionsRequest__Output as _courtbridge_v1_WatchChainActionsRequest__Output } from '../../courtbridge/v1/WatchChainActionsRequest.js';
import type { WatchHeadersRequest as _courtbridge_v1_WatchHeadersRequest, WatchHeadersRequest__Output as _courtbridge_v1_WatchHeadersRequest__Output } from '../../courtbridge/v1/WatchHeadersRequest.js';

/**
 * Integrators and auditors follow what the gateway verified, replayable from a point
 * (backed by JetStream streams). Callers: any authenticated member.
 */
export interface WatchServiceClient extends grpc.Client {
  /**
   * Streams every action event of a chain from `from_sequence` (0 = only new ones), in
   * stream order. Errors: NOT_FOUND (`unknown_chain`), PERMISSION_DENIED (auditor role
   * needed for other courts' actions), FAILED_PRECONDITION (`sequence_pruned`).
   */
  WatchActions(argument: _courtbridge_v1_WatchChainActionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_ActionEvent__Output>;
  WatchActions(argument: _courtbridge_v1_WatchChainActionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_ActionEvent__Output>;
  /**
   * Streams every action event of a chain from `from_sequence` (0 = only new ones), in
   * stream order. Errors: NOT_FOUND (`unknown_chain`), PERMISSION_DENIED (auditor role
   * needed for other courts' actions), FAILED_PRECONDITION (`sequence_pruned`).
   */
  watchActions(argument: _courtbridge_v1_WatchChainActionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_ActionEvent__Output>;
  watchActions(argument: _courtbridge_v1_WatchChainActionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_ActionEvent__Output>;
  
  /**
   * Streams verified headers of a chain from `from_height` (0 = from the latest trusted
   * one), then each new one, until cancelled. Errors: NOT_FOUND (`unknown_chain`),
   * FAILED_PRECONDITION (`height_pruned`, a height older than the stream's retention).
   */
  WatchHeaders(argument: _courtbridge_v1_WatchHeadersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_VerifiedHeader__Output>;
  WatchHeaders(argument: _courtbridge_v1_WatchHeadersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_VerifiedHeader__Output>;
  /**
   * Streams verified headers of a chain from `from_height` (0 = from the latest trusted
   * one), then each new one, until cancelled. Errors: NOT_FOUND (`unknown_chain`),
   * FAILED_PRECONDITION (`height_pruned`, a height older than the stream's retention).
   */
  watchHeaders(argument: _courtbridge_v1_WatchHeadersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_VerifiedHeader__Output>;
  watchHeaders(argument: _courtbridge_v1_WatchHeadersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_VerifiedHeader__Output>;
  
}

/**
 * Integrators and auditors follow what the gateway verified, replayable from a point
 * (backed by JetStream streams). Callers: any authenticated member.
 */
export interface WatchServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Streams every action event of a chain from `from_sequence` (0 = only new ones), in
   * stream order. Errors: NOT_FOUND (`unknown_chain`), PERMISSION_DENIED (auditor role
   * needed for other courts' actions), FAILED_PRECONDITION (`sequence_pruned`).
   */
  WatchActions: grpc.handleServerStreamingCall<_courtbridge_v1_WatchChainActionsRequest__Output, _courtbridge_v1_ActionEvent>;
  
  /**
   * Streams verified headers of a chain from `from_height` (0 = from the latest trusted
   * one), then each new one, until cancelled. Errors: NOT_FOUND (`unknown_chain`),
   * FAILED_PRECONDITION (`height_pruned`, a height older than the stream's retention).
   */
  WatchHeaders: grpc.handleServerStreamingCall<_courtbridge_v1_WatchHeadersRequest__Output, _courtbridge_v1_VerifiedHeader>;
  
}

export interface WatchServiceDefinition extends grpc.ServiceDefinition {
  WatchActions: MethodDefinition<_courtbridge_v1_WatchChainActionsRequest, _courtbridge_v1_ActionEvent, _courtbridge_v1_WatchChainActionsRequest__Output, _courtbridge_v1_ActionEvent__Output>
  WatchHeaders: MethodDefinition<_courtbridge_v1_WatchHeadersRequest, _courtbridge_v1_VerifiedHeader, _courtbridge_v1_WatchHeadersRequest__Output, _courtbridge_v1_VerifiedHeader__Output>
}

// Original file: courtbridge/v1/verification.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { VerifyBundleRequest as _courtbridge_v1_VerifyBundleRequest, VerifyBundleRequest__Output as _courtbridge_v1_VerifyBundleRequest__Output } from '../../courtbridge/v1/VerifyBundleRequest.js';
import type { VerifyBundleResponse as _courtbridge_v1_VerifyBundleResponse, VerifyBundleResponse__Output as _courtbridge_v1_VerifyBundleResponse__Output } from '../../courtbridge/v1/VerifyBundleResponse.js';

/**
 * Parties, lawyers and courts check a bundle they were given (policy: "verifiable online by
 * the parties"). The same checks run in the offline verifier; this service only saves the
 * caller from installing it. Open to any caller (the bundle authenticates itself).
 */
export interface VerificationServiceClient extends grpc.Client {
  /**
   * Runs every check on the bundle and reports each one. A bundle that fails a check is a
   * normal answer (verdict INVALID), not an error. Errors: INVALID_ARGUMENT (`missing_bundle`),
   * RESOURCE_EXHAUSTED (rate limit).
   */
  VerifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  VerifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  VerifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  VerifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Runs every check on the bundle and reports each one. A bundle that fails a check is a
   * normal answer (verdict INVALID), not an error. Errors: INVALID_ARGUMENT (`missing_bundle`),
   * RESOURCE_EXHAUSTED (rate limit).
   */
  verifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  verifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  verifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  verifyBundle(argument: _courtbridge_v1_VerifyBundleRequest, callback: grpc.requestCallback<_courtbridge_v1_VerifyBundleResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Parties, lawyers and courts check a bundle they were given (policy: "verifiable online by
 * the parties"). The same checks run in the offline verifier; this service only saves the
 * caller from installing it. Open to any caller (the bundle authenticates itself).
 */
export interface VerificationServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Runs every check on the bundle and reports each one. A bundle that fails a check is a
   * normal answer (verdict INVALID), not an error. Errors: INVALID_ARGUMENT (`missing_bundle`),
   * RESOURCE_EXHAUSTED (rate limit).
   */
  VerifyBundle: grpc.handleUnaryCall<_courtbridge_v1_VerifyBundleRequest__Output, _courtbridge_v1_VerifyBundleResponse>;
  
}

export interface VerificationServiceDefinition extends grpc.ServiceDefinition {
  VerifyBundle: MethodDefinition<_courtbridge_v1_VerifyBundleRequest, _courtbridge_v1_VerifyBundleResponse, _courtbridge_v1_VerifyBundleRequest__Output, _courtbridge_v1_VerifyBundleResponse__Output>
}

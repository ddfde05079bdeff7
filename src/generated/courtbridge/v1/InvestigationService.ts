// Original file: courtbridge/v1/investigation.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { InvestigateRequest as _courtbridge_v1_InvestigateRequest, InvestigateRequest__Output as _courtbridge_v1_InvestigateRequest__Output } from '../../courtbridge/v1/InvestigateRequest.js';
import type { InvestigateResponse as _courtbridge_v1_InvestigateResponse, InvestigateResponse__Output as _courtbridge_v1_InvestigateResponse__Output } from '../../courtbridge/v1/InvestigateResponse.js';

/**
 * Property investigation for enforcement: one call searches the property, finance and IP
 * chains for what a person or company owns (policy: "investigate and freeze property across
 * chains"). Callers: courts (role "court") with a judicial-chain case reference.
 */
export interface InvestigationServiceClient extends grpc.Client {
  /**
   * Searches the requested domains by hashed owner id. Returns the items found, each with
   * its proof bundle, and a Failure per chain that could not answer (partial results are
   * OK; the verdict says whether the search was complete). Errors: INVALID_ARGUMENT
   * (owner_id_hash not 32 bytes, no domains), UNAUTHENTICATED, PERMISSION_DENIED
   * (`case_not_authorised`), FAILED_PRECONDITION (`judicial_proof_invalid`),
   * DEADLINE_EXCEEDED.
   */
  Investigate(argument: _courtbridge_v1_InvestigateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  Investigate(argument: _courtbridge_v1_InvestigateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  Investigate(argument: _courtbridge_v1_InvestigateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  Investigate(argument: _courtbridge_v1_InvestigateRequest, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Searches the requested domains by hashed owner id. Returns the items found, each with
   * its proof bundle, and a Failure per chain that could not answer (partial results are
   * OK; the verdict says whether the search was complete). Errors: INVALID_ARGUMENT
   * (owner_id_hash not 32 bytes, no domains), UNAUTHENTICATED, PERMISSION_DENIED
   * (`case_not_authorised`), FAILED_PRECONDITION (`judicial_proof_invalid`),
   * DEADLINE_EXCEEDED.
   */
  investigate(argument: _courtbridge_v1_InvestigateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  investigate(argument: _courtbridge_v1_InvestigateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  investigate(argument: _courtbridge_v1_InvestigateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  investigate(argument: _courtbridge_v1_InvestigateRequest, callback: grpc.requestCallback<_courtbridge_v1_InvestigateResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Property investigation for enforcement: one call searches the property, finance and IP
 * chains for what a person or company owns (policy: "investigate and freeze property across
 * chains"). Callers: courts (role "court") with a judicial-chain case reference.
 */
export interface InvestigationServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Searches the requested domains by hashed owner id. Returns the items found, each with
   * its proof bundle, and a Failure per chain that could not answer (partial results are
   * OK; the verdict says whether the search was complete). Errors: INVALID_ARGUMENT
   * (owner_id_hash not 32 bytes, no domains), UNAUTHENTICATED, PERMISSION_DENIED
   * (`case_not_authorised`), FAILED_PRECONDITION (`judicial_proof_invalid`),
   * DEADLINE_EXCEEDED.
   */
  Investigate: grpc.handleUnaryCall<_courtbridge_v1_InvestigateRequest__Output, _courtbridge_v1_InvestigateResponse>;
  
}

export interface InvestigationServiceDefinition extends grpc.ServiceDefinition {
  Investigate: MethodDefinition<_courtbridge_v1_InvestigateRequest, _courtbridge_v1_InvestigateResponse, _courtbridge_v1_InvestigateRequest__Output, _courtbridge_v1_InvestigateResponse__Output>
}

// Original file: courtbridge/v1/evidence.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AnchorEvidenceRequest as _courtbridge_v1_AnchorEvidenceRequest, AnchorEvidenceRequest__Output as _courtbridge_v1_AnchorEvidenceRequest__Output } from '../../courtbridge/v1/AnchorEvidenceRequest.js';
import type { EvidenceAnchor as _courtbridge_v1_EvidenceAnchor, EvidenceAnchor__Output as _courtbridge_v1_EvidenceAnchor__Output } from '../../courtbridge/v1/EvidenceAnchor.js';
import type { RecordServiceRequest as _courtbridge_v1_RecordServiceRequest, RecordServiceRequest__Output as _courtbridge_v1_RecordServiceRequest__Output } from '../../courtbridge/v1/RecordServiceRequest.js';
import type { ServiceRecord as _courtbridge_v1_ServiceRecord, ServiceRecord__Output as _courtbridge_v1_ServiceRecord__Output } from '../../courtbridge/v1/ServiceRecord.js';
import type { VerifyEvidenceRequest as _courtbridge_v1_VerifyEvidenceRequest, VerifyEvidenceRequest__Output as _courtbridge_v1_VerifyEvidenceRequest__Output } from '../../courtbridge/v1/VerifyEvidenceRequest.js';
import type { VerifyEvidenceResponse as _courtbridge_v1_VerifyEvidenceResponse, VerifyEvidenceResponse__Output as _courtbridge_v1_VerifyEvidenceResponse__Output } from '../../courtbridge/v1/VerifyEvidenceResponse.js';

/**
 * Anchors evidence hashes and records of service on the judicial chain so parties can
 * verify them online (policy: "evidence and served documents stored tamper-proof and
 * verifiable"). Callers: alliance members (AnchorEvidence and RecordService: role "court";
 * VerifyEvidence: any active member). A party without a DID verifies a file on the verification
 * page, which answers from the same proofs.
 */
export interface EvidenceServiceClient extends grpc.Client {
  /**
   * Anchors a piece of evidence by hash. Idempotent per (content_hash, submitter_did).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes, `metadata_too_large`), UNAUTHENTICATED
   * (`submitter_signature_invalid`), PERMISSION_DENIED (`revoked`), UNAVAILABLE.
   */
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  /**
   * Anchors a piece of evidence by hash. Idempotent per (content_hash, submitter_did).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes, `metadata_too_large`), UNAUTHENTICATED
   * (`submitter_signature_invalid`), PERMISSION_DENIED (`revoked`), UNAVAILABLE.
   */
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  
  /**
   * Records the service of a court document and its receipt of service. Errors:
   * INVALID_ARGUMENT, UNAUTHENTICATED (`server_signature_invalid`), PERMISSION_DENIED
   * (only the court of the case, role "court").
   */
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Records the service of a court document and its receipt of service. Errors:
   * INVALID_ARGUMENT, UNAUTHENTICATED (`server_signature_invalid`), PERMISSION_DENIED
   * (only the court of the case, role "court").
   */
  recordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordService(argument: _courtbridge_v1_RecordServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordService(argument: _courtbridge_v1_RecordServiceRequest, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Looks up a hash and returns its anchor with a proof bundle from the judicial chain.
   * A hash never anchored is a normal answer (status NOT_ANCHORED with a proof of absence).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes).
   */
  VerifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  VerifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  VerifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  VerifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Looks up a hash and returns its anchor with a proof bundle from the judicial chain.
   * A hash never anchored is a normal answer (status NOT_ANCHORED with a proof of absence).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes).
   */
  verifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  verifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  verifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  verifyEvidence(argument: _courtbridge_v1_VerifyEvidenceRequest, callback: grpc.requestCallback<_courtbridge_v1_VerifyEvidenceResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Anchors evidence hashes and records of service on the judicial chain so parties can
 * verify them online (policy: "evidence and served documents stored tamper-proof and
 * verifiable"). Callers: alliance members (AnchorEvidence and RecordService: role "court";
 * VerifyEvidence: any active member). A party without a DID verifies a file on the verification
 * page, which answers from the same proofs.
 */
export interface EvidenceServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Anchors a piece of evidence by hash. Idempotent per (content_hash, submitter_did).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes, `metadata_too_large`), UNAUTHENTICATED
   * (`submitter_signature_invalid`), PERMISSION_DENIED (`revoked`), UNAVAILABLE.
   */
  AnchorEvidence: grpc.handleUnaryCall<_courtbridge_v1_AnchorEvidenceRequest__Output, _courtbridge_v1_EvidenceAnchor>;
  
  /**
   * Records the service of a court document and its receipt of service. Errors:
   * INVALID_ARGUMENT, UNAUTHENTICATED (`server_signature_invalid`), PERMISSION_DENIED
   * (only the court of the case, role "court").
   */
  RecordService: grpc.handleUnaryCall<_courtbridge_v1_RecordServiceRequest__Output, _courtbridge_v1_ServiceRecord>;
  
  /**
   * Looks up a hash and returns its anchor with a proof bundle from the judicial chain.
   * A hash never anchored is a normal answer (status NOT_ANCHORED with a proof of absence).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes).
   */
  VerifyEvidence: grpc.handleUnaryCall<_courtbridge_v1_VerifyEvidenceRequest__Output, _courtbridge_v1_VerifyEvidenceResponse>;
  
}

export interface EvidenceServiceDefinition extends grpc.ServiceDefinition {
  AnchorEvidence: MethodDefinition<_courtbridge_v1_AnchorEvidenceRequest, _courtbridge_v1_EvidenceAnchor, _courtbridge_v1_AnchorEvidenceRequest__Output, _courtbridge_v1_EvidenceAnchor__Output>
  RecordService: MethodDefinition<_courtbridge_v1_RecordServiceRequest, _courtbridge_v1_ServiceRecord, _courtbridge_v1_RecordServiceRequest__Output, _courtbridge_v1_ServiceRecord__Output>
  VerifyEvidence: MethodDefinition<_courtbridge_v1_VerifyEvidenceRequest, _courtbridge_v1_VerifyEvidenceResponse, _courtbridge_v1_VerifyEvidenceRequest__Output, _courtbridge_v1_VerifyEvidenceResponse__Output>
}

// Original file: courtbridge/v1/evidence.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AnchorEvidenceBatchRequest as _courtbridge_v1_AnchorEvidenceBatchRequest, AnchorEvidenceBatchRequest__Output as _courtbridge_v1_AnchorEvidenceBatchRequest__Output } from '../../courtbridge/v1/AnchorEvidenceBatchRequest.js';
import type { AnchorEvidenceBatchResponse as _courtbridge_v1_AnchorEvidenceBatchResponse, AnchorEvidenceBatchResponse__Output as _courtbridge_v1_AnchorEvidenceBatchResponse__Output } from '../../courtbridge/v1/AnchorEvidenceBatchResponse.js';
import type { AnchorEvidenceRequest as _courtbridge_v1_AnchorEvidenceRequest, AnchorEvidenceRequest__Output as _courtbridge_v1_AnchorEvidenceRequest__Output } from '../../courtbridge/v1/AnchorEvidenceRequest.js';
import type { EvidenceAnchor as _courtbridge_v1_EvidenceAnchor, EvidenceAnchor__Output as _courtbridge_v1_EvidenceAnchor__Output } from '../../courtbridge/v1/EvidenceAnchor.js';
import type { FindServiceByDocumentRequest as _courtbridge_v1_FindServiceByDocumentRequest, FindServiceByDocumentRequest__Output as _courtbridge_v1_FindServiceByDocumentRequest__Output } from '../../courtbridge/v1/FindServiceByDocumentRequest.js';
import type { FindServiceByDocumentResponse as _courtbridge_v1_FindServiceByDocumentResponse, FindServiceByDocumentResponse__Output as _courtbridge_v1_FindServiceByDocumentResponse__Output } from '../../courtbridge/v1/FindServiceByDocumentResponse.js';
import type { RecordServiceReceiptRequest as _courtbridge_v1_RecordServiceReceiptRequest, RecordServiceReceiptRequest__Output as _courtbridge_v1_RecordServiceReceiptRequest__Output } from '../../courtbridge/v1/RecordServiceReceiptRequest.js';
import type { RecordServiceRequest as _courtbridge_v1_RecordServiceRequest, RecordServiceRequest__Output as _courtbridge_v1_RecordServiceRequest__Output } from '../../courtbridge/v1/RecordServiceRequest.js';
import type { ServiceRecord as _courtbridge_v1_ServiceRecord, ServiceRecord__Output as _courtbridge_v1_ServiceRecord__Output } from '../../courtbridge/v1/ServiceRecord.js';
import type { VerifyEvidenceRequest as _courtbridge_v1_VerifyEvidenceRequest, VerifyEvidenceRequest__Output as _courtbridge_v1_VerifyEvidenceRequest__Output } from '../../courtbridge/v1/VerifyEvidenceRequest.js';
import type { VerifyEvidenceResponse as _courtbridge_v1_VerifyEvidenceResponse, VerifyEvidenceResponse__Output as _courtbridge_v1_VerifyEvidenceResponse__Output } from '../../courtbridge/v1/VerifyEvidenceResponse.js';

/**
 * Anchors evidence hashes and records of service on the judicial chain so parties can
 * verify them online (policy: "evidence and served documents stored tamper-proof and
 * verifiable"). Callers: alliance members (AnchorEvidence and RecordService: role "court";
 * VerifyEvidence, FindServiceByDocument and RecordServiceReceipt: any active member). A party
 * without a DID verifies a file on the verification page (or `courtbridge verify --document`),
 * which answers from the same proofs.
 */
export interface EvidenceServiceClient extends grpc.Client {
  /**
   * Anchors a piece of evidence by hash: a signed batch of one (docs/spec/evidence.md). The first
   * anchoring of a hash stands; a later one answers with it. Errors: INVALID_ARGUMENT
   * (`hash_malformed`, `metadata_unsorted`, `metadata_too_large`, `claim_malformed`),
   * UNAUTHENTICATED (`submitter_signature_invalid`), PERMISSION_DENIED (`revoked`), UNAVAILABLE.
   */
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  AnchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  /**
   * Anchors a piece of evidence by hash: a signed batch of one (docs/spec/evidence.md). The first
   * anchoring of a hash stands; a later one answers with it. Errors: INVALID_ARGUMENT
   * (`hash_malformed`, `metadata_unsorted`, `metadata_too_large`, `claim_malformed`),
   * UNAUTHENTICATED (`submitter_signature_invalid`), PERMISSION_DENIED (`revoked`), UNAVAILABLE.
   */
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  anchorEvidence(argument: _courtbridge_v1_AnchorEvidenceRequest, callback: grpc.requestCallback<_courtbridge_v1_EvidenceAnchor__Output>): grpc.ClientUnaryCall;
  
  /**
   * Anchors a signed batch of evidence hashes (one signature over the batch root): the batch is
   * stored once on the judicial chain and each new hash as a pointer into it. A hash anchored
   * earlier keeps its first anchoring (listed in `already_anchored`). Errors: INVALID_ARGUMENT
   * (`claim_malformed`, `hash_malformed`, `duplicate_anchor`, `metadata_*`), RESOURCE_EXHAUSTED
   * (`batch_too_large`: more than 10,000 leaves or 700,000 bytes; split the items into several
   * signed batches, e.g. `signEvidenceBatches`), UNAUTHENTICATED (`anchor_path_invalid`: the
   * leaves do not hash to the signed root; `submitter_signature_invalid`), PERMISSION_DENIED
   * (`revoked`), UNAVAILABLE.
   */
  AnchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  AnchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  AnchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  AnchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Anchors a signed batch of evidence hashes (one signature over the batch root): the batch is
   * stored once on the judicial chain and each new hash as a pointer into it. A hash anchored
   * earlier keeps its first anchoring (listed in `already_anchored`). Errors: INVALID_ARGUMENT
   * (`claim_malformed`, `hash_malformed`, `duplicate_anchor`, `metadata_*`), RESOURCE_EXHAUSTED
   * (`batch_too_large`: more than 10,000 leaves or 700,000 bytes; split the items into several
   * signed batches, e.g. `signEvidenceBatches`), UNAUTHENTICATED (`anchor_path_invalid`: the
   * leaves do not hash to the signed root; `submitter_signature_invalid`), PERMISSION_DENIED
   * (`revoked`), UNAVAILABLE.
   */
  anchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  anchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  anchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  anchorEvidenceBatch(argument: _courtbridge_v1_AnchorEvidenceBatchRequest, callback: grpc.requestCallback<_courtbridge_v1_AnchorEvidenceBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Looks a served document up by its sha256: every service of it with the proof bundle of its
   * record, and the proof of the document's index record `served-document/<hash>` (membership,
   * or absence when the document was never served: `services` is then empty).
   * Errors: INVALID_ARGUMENT (`hash_malformed`: not 32 bytes).
   */
  FindServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  FindServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  FindServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  FindServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Looks a served document up by its sha256: every service of it with the proof bundle of its
   * record, and the proof of the document's index record `served-document/<hash>` (membership,
   * or absence when the document was never served: `services` is then empty).
   * Errors: INVALID_ARGUMENT (`hash_malformed`: not 32 bytes).
   */
  findServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  findServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  findServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  findServiceByDocument(argument: _courtbridge_v1_FindServiceByDocumentRequest, callback: grpc.requestCallback<_courtbridge_v1_FindServiceByDocumentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Records the service of a court document, once at `service/<service_id>`, and adds it to the
   * document's index `served-document/<document_hash>`; the service binds its recipient's DID
   * (`recipient_binding`), the only DID whose receipt RecordServiceReceipt accepts. Errors:
   * INVALID_ARGUMENT (`service_malformed`: e.g. recipient_binding not 32 bytes),
   * UNAUTHENTICATED (`server_signature_invalid`), PERMISSION_DENIED (only the court of the case,
   * role "court").
   */
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordService(argument: _courtbridge_v1_RecordServiceRequest, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Records the service of a court document, once at `service/<service_id>`, and adds it to the
   * document's index `served-document/<document_hash>`; the service binds its recipient's DID
   * (`recipient_binding`), the only DID whose receipt RecordServiceReceipt accepts. Errors:
   * INVALID_ARGUMENT (`service_malformed`: e.g. recipient_binding not 32 bytes),
   * UNAUTHENTICATED (`server_signature_invalid`), PERMISSION_DENIED (only the court of the case,
   * role "court").
   */
  recordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordService(argument: _courtbridge_v1_RecordServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordService(argument: _courtbridge_v1_RecordServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordService(argument: _courtbridge_v1_RecordServiceRequest, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Records the recipient's signed receipt of a recorded service, once. The caller relays it (a
   * recipient's did:key cannot call the gateway); what counts is the recipient's signature and
   * that its DID is the one the court bound in the service (`recipient_binding`). Errors:
   * NOT_FOUND (`unknown_service`), UNAUTHENTICATED (`receipt_signature_invalid`),
   * PERMISSION_DENIED (`receipt_not_recipient`: signed by a DID other than the service's
   * recipient; `revoked`), FAILED_PRECONDITION (`already_received`: the service has its
   * receipt; `recipient_unbound`: a service recorded before recipients were bound).
   */
  RecordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  RecordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Records the recipient's signed receipt of a recorded service, once. The caller relays it (a
   * recipient's did:key cannot call the gateway); what counts is the recipient's signature and
   * that its DID is the one the court bound in the service (`recipient_binding`). Errors:
   * NOT_FOUND (`unknown_service`), UNAUTHENTICATED (`receipt_signature_invalid`),
   * PERMISSION_DENIED (`receipt_not_recipient`: signed by a DID other than the service's
   * recipient; `revoked`), FAILED_PRECONDITION (`already_received`: the service has its
   * receipt; `recipient_unbound`: a service recorded before recipients were bound).
   */
  recordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  recordServiceReceipt(argument: _courtbridge_v1_RecordServiceReceiptRequest, callback: grpc.requestCallback<_courtbridge_v1_ServiceRecord__Output>): grpc.ClientUnaryCall;
  
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
 * VerifyEvidence, FindServiceByDocument and RecordServiceReceipt: any active member). A party
 * without a DID verifies a file on the verification page (or `courtbridge verify --document`),
 * which answers from the same proofs.
 */
export interface EvidenceServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Anchors a piece of evidence by hash: a signed batch of one (docs/spec/evidence.md). The first
   * anchoring of a hash stands; a later one answers with it. Errors: INVALID_ARGUMENT
   * (`hash_malformed`, `metadata_unsorted`, `metadata_too_large`, `claim_malformed`),
   * UNAUTHENTICATED (`submitter_signature_invalid`), PERMISSION_DENIED (`revoked`), UNAVAILABLE.
   */
  AnchorEvidence: grpc.handleUnaryCall<_courtbridge_v1_AnchorEvidenceRequest__Output, _courtbridge_v1_EvidenceAnchor>;
  
  /**
   * Anchors a signed batch of evidence hashes (one signature over the batch root): the batch is
   * stored once on the judicial chain and each new hash as a pointer into it. A hash anchored
   * earlier keeps its first anchoring (listed in `already_anchored`). Errors: INVALID_ARGUMENT
   * (`claim_malformed`, `hash_malformed`, `duplicate_anchor`, `metadata_*`), RESOURCE_EXHAUSTED
   * (`batch_too_large`: more than 10,000 leaves or 700,000 bytes; split the items into several
   * signed batches, e.g. `signEvidenceBatches`), UNAUTHENTICATED (`anchor_path_invalid`: the
   * leaves do not hash to the signed root; `submitter_signature_invalid`), PERMISSION_DENIED
   * (`revoked`), UNAVAILABLE.
   */
  AnchorEvidenceBatch: grpc.handleUnaryCall<_courtbridge_v1_AnchorEvidenceBatchRequest__Output, _courtbridge_v1_AnchorEvidenceBatchResponse>;
  
  /**
   * Looks a served document up by its sha256: every service of it with the proof bundle of its
   * record, and the proof of the document's index record `served-document/<hash>` (membership,
   * or absence when the document was never served: `services` is then empty).
   * Errors: INVALID_ARGUMENT (`hash_malformed`: not 32 bytes).
   */
  FindServiceByDocument: grpc.handleUnaryCall<_courtbridge_v1_FindServiceByDocumentRequest__Output, _courtbridge_v1_FindServiceByDocumentResponse>;
  
  /**
   * Records the service of a court document, once at `service/<service_id>`, and adds it to the
   * document's index `served-document/<document_hash>`; the service binds its recipient's DID
   * (`recipient_binding`), the only DID whose receipt RecordServiceReceipt accepts. Errors:
   * INVALID_ARGUMENT (`service_malformed`: e.g. recipient_binding not 32 bytes),
   * UNAUTHENTICATED (`server_signature_invalid`), PERMISSION_DENIED (only the court of the case,
   * role "court").
   */
  RecordService: grpc.handleUnaryCall<_courtbridge_v1_RecordServiceRequest__Output, _courtbridge_v1_ServiceRecord>;
  
  /**
   * Records the recipient's signed receipt of a recorded service, once. The caller relays it (a
   * recipient's did:key cannot call the gateway); what counts is the recipient's signature and
   * that its DID is the one the court bound in the service (`recipient_binding`). Errors:
   * NOT_FOUND (`unknown_service`), UNAUTHENTICATED (`receipt_signature_invalid`),
   * PERMISSION_DENIED (`receipt_not_recipient`: signed by a DID other than the service's
   * recipient; `revoked`), FAILED_PRECONDITION (`already_received`: the service has its
   * receipt; `recipient_unbound`: a service recorded before recipients were bound).
   */
  RecordServiceReceipt: grpc.handleUnaryCall<_courtbridge_v1_RecordServiceReceiptRequest__Output, _courtbridge_v1_ServiceRecord>;
  
  /**
   * Looks up a hash and returns its anchor with a proof bundle from the judicial chain.
   * A hash never anchored is a normal answer (status NOT_ANCHORED with a proof of absence).
   * Errors: INVALID_ARGUMENT (hash not 32 bytes).
   */
  VerifyEvidence: grpc.handleUnaryCall<_courtbridge_v1_VerifyEvidenceRequest__Output, _courtbridge_v1_VerifyEvidenceResponse>;
  
}

export interface EvidenceServiceDefinition extends grpc.ServiceDefinition {
  AnchorEvidence: MethodDefinition<_courtbridge_v1_AnchorEvidenceRequest, _courtbridge_v1_EvidenceAnchor, _courtbridge_v1_AnchorEvidenceRequest__Output, _courtbridge_v1_EvidenceAnchor__Output>
  AnchorEvidenceBatch: MethodDefinition<_courtbridge_v1_AnchorEvidenceBatchRequest, _courtbridge_v1_AnchorEvidenceBatchResponse, _courtbridge_v1_AnchorEvidenceBatchRequest__Output, _courtbridge_v1_AnchorEvidenceBatchResponse__Output>
  FindServiceByDocument: MethodDefinition<_courtbridge_v1_FindServiceByDocumentRequest, _courtbridge_v1_FindServiceByDocumentResponse, _courtbridge_v1_FindServiceByDocumentRequest__Output, _courtbridge_v1_FindServiceByDocumentResponse__Output>
  RecordService: MethodDefinition<_courtbridge_v1_RecordServiceRequest, _courtbridge_v1_ServiceRecord, _courtbridge_v1_RecordServiceRequest__Output, _courtbridge_v1_ServiceRecord__Output>
  RecordServiceReceipt: MethodDefinition<_courtbridge_v1_RecordServiceReceiptRequest, _courtbridge_v1_ServiceRecord, _courtbridge_v1_RecordServiceReceiptRequest__Output, _courtbridge_v1_ServiceRecord__Output>
  VerifyEvidence: MethodDefinition<_courtbridge_v1_VerifyEvidenceRequest, _courtbridge_v1_VerifyEvidenceResponse, _courtbridge_v1_VerifyEvidenceRequest__Output, _courtbridge_v1_VerifyEvidenceResponse__Output>
}

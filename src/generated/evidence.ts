import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from './courtbridge/v1/Absence.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from './courtbridge/v1/AdminApproval.js';
import type { AnchorEvidenceBatchRequest as _courtbridge_v1_AnchorEvidenceBatchRequest, AnchorEvidenceBatchRequest__Output as _courtbridge_v1_AnchorEvidenceBatchRequest__Output } from './courtbridge/v1/AnchorEvidenceBatchRequest.js';
import type { AnchorEvidenceBatchResponse as _courtbridge_v1_AnchorEvidenceBatchResponse, AnchorEvidenceBatchResponse__Output as _courtbridge_v1_AnchorEvidenceBatchResponse__Output } from './courtbridge/v1/AnchorEvidenceBatchResponse.js';
import type { AnchorEvidenceRequest as _courtbridge_v1_AnchorEvidenceRequest, AnchorEvidenceRequest__Output as _courtbridge_v1_AnchorEvidenceRequest__Output } from './courtbridge/v1/AnchorEvidenceRequest.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from './courtbridge/v1/Attestation.js';
import type { BatchReceipt as _courtbridge_v1_BatchReceipt, BatchReceipt__Output as _courtbridge_v1_BatchReceipt__Output } from './courtbridge/v1/BatchReceipt.js';
import type { Commit as _courtbridge_v1_Commit, Commit__Output as _courtbridge_v1_Commit__Output } from './courtbridge/v1/Commit.js';
import type { CommitSignature as _courtbridge_v1_CommitSignature, CommitSignature__Output as _courtbridge_v1_CommitSignature__Output } from './courtbridge/v1/CommitSignature.js';
import type { EvidenceAnchor as _courtbridge_v1_EvidenceAnchor, EvidenceAnchor__Output as _courtbridge_v1_EvidenceAnchor__Output } from './courtbridge/v1/EvidenceAnchor.js';
import type { EvidenceClaim as _courtbridge_v1_EvidenceClaim, EvidenceClaim__Output as _courtbridge_v1_EvidenceClaim__Output } from './courtbridge/v1/EvidenceClaim.js';
import type { EvidenceServiceClient as _courtbridge_v1_EvidenceServiceClient, EvidenceServiceDefinition as _courtbridge_v1_EvidenceServiceDefinition } from './courtbridge/v1/EvidenceService.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from './courtbridge/v1/EvmEvidence.js';
import type { EvmStateProof as _courtbridge_v1_EvmStateProof, EvmStateProof__Output as _courtbridge_v1_EvmStateProof__Output } from './courtbridge/v1/EvmStateProof.js';
import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from './courtbridge/v1/EvmStorageProof.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from './courtbridge/v1/Failure.js';
import type { FindServiceByDocumentRequest as _courtbridge_v1_FindServiceByDocumentRequest, FindServiceByDocumentRequest__Output as _courtbridge_v1_FindServiceByDocumentRequest__Output } from './courtbridge/v1/FindServiceByDocumentRequest.js';
import type { FindServiceByDocumentResponse as _courtbridge_v1_FindServiceByDocumentResponse, FindServiceByDocumentResponse__Output as _courtbridge_v1_FindServiceByDocumentResponse__Output } from './courtbridge/v1/FindServiceByDocumentResponse.js';
import type { Header as _courtbridge_v1_Header, Header__Output as _courtbridge_v1_Header__Output } from './courtbridge/v1/Header.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from './courtbridge/v1/HeaderRef.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from './courtbridge/v1/JudicialProof.js';
import type { LatestHeight as _courtbridge_v1_LatestHeight, LatestHeight__Output as _courtbridge_v1_LatestHeight__Output } from './courtbridge/v1/LatestHeight.js';
import type { MetadataEntry as _courtbridge_v1_MetadataEntry, MetadataEntry__Output as _courtbridge_v1_MetadataEntry__Output } from './courtbridge/v1/MetadataEntry.js';
import type { Misbehaviour as _courtbridge_v1_Misbehaviour, Misbehaviour__Output as _courtbridge_v1_Misbehaviour__Output } from './courtbridge/v1/Misbehaviour.js';
import type { Notarization as _courtbridge_v1_Notarization, Notarization__Output as _courtbridge_v1_Notarization__Output } from './courtbridge/v1/Notarization.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from './courtbridge/v1/NotaryRecordEvidence.js';
import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from './courtbridge/v1/NotarySignature.js';
import type { PageRequest as _courtbridge_v1_PageRequest, PageRequest__Output as _courtbridge_v1_PageRequest__Output } from './courtbridge/v1/PageRequest.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from './courtbridge/v1/ProofBundle.js';
import type { QueryHeight as _courtbridge_v1_QueryHeight, QueryHeight__Output as _courtbridge_v1_QueryHeight__Output } from './courtbridge/v1/QueryHeight.js';
import type { Receipt as _courtbridge_v1_Receipt, Receipt__Output as _courtbridge_v1_Receipt__Output } from './courtbridge/v1/Receipt.js';
import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from './courtbridge/v1/Record.js';
import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from './courtbridge/v1/RecordQuery.js';
import type { RecordServiceReceiptRequest as _courtbridge_v1_RecordServiceReceiptRequest, RecordServiceReceiptRequest__Output as _courtbridge_v1_RecordServiceReceiptRequest__Output } from './courtbridge/v1/RecordServiceReceiptRequest.js';
import type { RecordServiceRequest as _courtbridge_v1_RecordServiceRequest, RecordServiceRequest__Output as _courtbridge_v1_RecordServiceRequest__Output } from './courtbridge/v1/RecordServiceRequest.js';
import type { ServiceOfProcess as _courtbridge_v1_ServiceOfProcess, ServiceOfProcess__Output as _courtbridge_v1_ServiceOfProcess__Output } from './courtbridge/v1/ServiceOfProcess.js';
import type { ServiceReceiptRecord as _courtbridge_v1_ServiceReceiptRecord, ServiceReceiptRecord__Output as _courtbridge_v1_ServiceReceiptRecord__Output } from './courtbridge/v1/ServiceReceiptRecord.js';
import type { ServiceRecord as _courtbridge_v1_ServiceRecord, ServiceRecord__Output as _courtbridge_v1_ServiceRecord__Output } from './courtbridge/v1/ServiceRecord.js';
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from './courtbridge/v1/SignedHeader.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from './courtbridge/v1/SmtProof.js';
import type { TraceBlock as _courtbridge_v1_TraceBlock, TraceBlock__Output as _courtbridge_v1_TraceBlock__Output } from './courtbridge/v1/TraceBlock.js';
import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from './courtbridge/v1/Validator.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from './courtbridge/v1/ValidatorSet.js';
import type { VerifyEvidenceRequest as _courtbridge_v1_VerifyEvidenceRequest, VerifyEvidenceRequest__Output as _courtbridge_v1_VerifyEvidenceRequest__Output } from './courtbridge/v1/VerifyEvidenceRequest.js';
import type { VerifyEvidenceResponse as _courtbridge_v1_VerifyEvidenceResponse, VerifyEvidenceResponse__Output as _courtbridge_v1_VerifyEvidenceResponse__Output } from './courtbridge/v1/VerifyEvidenceResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  courtbridge: {
    v1: {
      Absence: MessageTypeDefinition<_courtbridge_v1_Absence, _courtbridge_v1_Absence__Output>
      AdminApproval: MessageTypeDefinition<_courtbridge_v1_AdminApproval, _courtbridge_v1_AdminApproval__Output>
      AnchorEvidenceBatchRequest: MessageTypeDefinition<_courtbridge_v1_AnchorEvidenceBatchRequest, _courtbridge_v1_AnchorEvidenceBatchRequest__Output>
      AnchorEvidenceBatchResponse: MessageTypeDefinition<_courtbridge_v1_AnchorEvidenceBatchResponse, _courtbridge_v1_AnchorEvidenceBatchResponse__Output>
      AnchorEvidenceRequest: MessageTypeDefinition<_courtbridge_v1_AnchorEvidenceRequest, _courtbridge_v1_AnchorEvidenceRequest__Output>
      AnchorStatus: EnumTypeDefinition
      Attestation: MessageTypeDefinition<_courtbridge_v1_Attestation, _courtbridge_v1_Attestation__Output>
      BatchReceipt: MessageTypeDefinition<_courtbridge_v1_BatchReceipt, _courtbridge_v1_BatchReceipt__Output>
      Commit: MessageTypeDefinition<_courtbridge_v1_Commit, _courtbridge_v1_Commit__Output>
      CommitSignature: MessageTypeDefinition<_courtbridge_v1_CommitSignature, _courtbridge_v1_CommitSignature__Output>
      EvidenceAnchor: MessageTypeDefinition<_courtbridge_v1_EvidenceAnchor, _courtbridge_v1_EvidenceAnchor__Output>
      EvidenceClaim: MessageTypeDefinition<_courtbridge_v1_EvidenceClaim, _courtbridge_v1_EvidenceClaim__Output>
      /**
       * Anchors evidence hashes and records of service on the judicial chain so parties can
       * verify them online (policy: "evidence and served documents stored tamper-proof and
       * verifiable"). Callers: alliance members (AnchorEvidence and RecordService: role "court";
       * VerifyEvidence, FindServiceByDocument and RecordServiceReceipt: any active member). A party
       * without a DID verifies a file on the verification page (or `courtbridge verify --document`),
       * which answers from the same proofs.
       */
      EvidenceService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_EvidenceServiceClient> & { service: _courtbridge_v1_EvidenceServiceDefinition }
      EvmEvidence: MessageTypeDefinition<_courtbridge_v1_EvmEvidence, _courtbridge_v1_EvmEvidence__Output>
      EvmStateProof: MessageTypeDefinition<_courtbridge_v1_EvmStateProof, _courtbridge_v1_EvmStateProof__Output>
      EvmStorageProof: MessageTypeDefinition<_courtbridge_v1_EvmStorageProof, _courtbridge_v1_EvmStorageProof__Output>
      Failure: MessageTypeDefinition<_courtbridge_v1_Failure, _courtbridge_v1_Failure__Output>
      FindServiceByDocumentRequest: MessageTypeDefinition<_courtbridge_v1_FindServiceByDocumentRequest, _courtbridge_v1_FindServiceByDocumentRequest__Output>
      FindServiceByDocumentResponse: MessageTypeDefinition<_courtbridge_v1_FindServiceByDocumentResponse, _courtbridge_v1_FindServiceByDocumentResponse__Output>
      Header: MessageTypeDefinition<_courtbridge_v1_Header, _courtbridge_v1_Header__Output>
      HeaderRef: MessageTypeDefinition<_courtbridge_v1_HeaderRef, _courtbridge_v1_HeaderRef__Output>
      JudicialProof: MessageTypeDefinition<_courtbridge_v1_JudicialProof, _courtbridge_v1_JudicialProof__Output>
      LatestHeight: MessageTypeDefinition<_courtbridge_v1_LatestHeight, _courtbridge_v1_LatestHeight__Output>
      MetadataEntry: MessageTypeDefinition<_courtbridge_v1_MetadataEntry, _courtbridge_v1_MetadataEntry__Output>
      Misbehaviour: MessageTypeDefinition<_courtbridge_v1_Misbehaviour, _courtbridge_v1_Misbehaviour__Output>
      Notarization: MessageTypeDefinition<_courtbridge_v1_Notarization, _courtbridge_v1_Notarization__Output>
      NotaryRecordEvidence: MessageTypeDefinition<_courtbridge_v1_NotaryRecordEvidence, _courtbridge_v1_NotaryRecordEvidence__Output>
      NotarySignature: MessageTypeDefinition<_courtbridge_v1_NotarySignature, _courtbridge_v1_NotarySignature__Output>
      PageRequest: MessageTypeDefinition<_courtbridge_v1_PageRequest, _courtbridge_v1_PageRequest__Output>
      ProofBundle: MessageTypeDefinition<_courtbridge_v1_ProofBundle, _courtbridge_v1_ProofBundle__Output>
      ProofKind: EnumTypeDefinition
      QueryHeight: MessageTypeDefinition<_courtbridge_v1_QueryHeight, _courtbridge_v1_QueryHeight__Output>
      Receipt: MessageTypeDefinition<_courtbridge_v1_Receipt, _courtbridge_v1_Receipt__Output>
      Record: MessageTypeDefinition<_courtbridge_v1_Record, _courtbridge_v1_Record__Output>
      RecordQuery: MessageTypeDefinition<_courtbridge_v1_RecordQuery, _courtbridge_v1_RecordQuery__Output>
      RecordServiceReceiptRequest: MessageTypeDefinition<_courtbridge_v1_RecordServiceReceiptRequest, _courtbridge_v1_RecordServiceReceiptRequest__Output>
      RecordServiceRequest: MessageTypeDefinition<_courtbridge_v1_RecordServiceRequest, _courtbridge_v1_RecordServiceRequest__Output>
      ServiceChannel: EnumTypeDefinition
      ServiceOfProcess: MessageTypeDefinition<_courtbridge_v1_ServiceOfProcess, _courtbridge_v1_ServiceOfProcess__Output>
      ServiceReceiptRecord: MessageTypeDefinition<_courtbridge_v1_ServiceReceiptRecord, _courtbridge_v1_ServiceReceiptRecord__Output>
      ServiceRecord: MessageTypeDefinition<_courtbridge_v1_ServiceRecord, _courtbridge_v1_ServiceRecord__Output>
      SignedHeader: MessageTypeDefinition<_courtbridge_v1_SignedHeader, _courtbridge_v1_SignedHeader__Output>
      SmtProof: MessageTypeDefinition<_courtbridge_v1_SmtProof, _courtbridge_v1_SmtProof__Output>
      TraceBlock: MessageTypeDefinition<_courtbridge_v1_TraceBlock, _courtbridge_v1_TraceBlock__Output>
      TrustBasis: EnumTypeDefinition
      Validator: MessageTypeDefinition<_courtbridge_v1_Validator, _courtbridge_v1_Validator__Output>
      ValidatorSet: MessageTypeDefinition<_courtbridge_v1_ValidatorSet, _courtbridge_v1_ValidatorSet__Output>
      VerifyEvidenceRequest: MessageTypeDefinition<_courtbridge_v1_VerifyEvidenceRequest, _courtbridge_v1_VerifyEvidenceRequest__Output>
      VerifyEvidenceResponse: MessageTypeDefinition<_courtbridge_v1_VerifyEvidenceResponse, _courtbridge_v1_VerifyEvidenceResponse__Output>
    }
  }
}


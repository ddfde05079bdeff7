import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from './courtbridge/v1/Absence.js';
import type { Action as _courtbridge_v1_Action, Action__Output as _courtbridge_v1_Action__Output } from './courtbridge/v1/Action.js';
import type { ActionEvent as _courtbridge_v1_ActionEvent, ActionEvent__Output as _courtbridge_v1_ActionEvent__Output } from './courtbridge/v1/ActionEvent.js';
import type { ActionOutcome as _courtbridge_v1_ActionOutcome, ActionOutcome__Output as _courtbridge_v1_ActionOutcome__Output } from './courtbridge/v1/ActionOutcome.js';
import type { ActionRequest as _courtbridge_v1_ActionRequest, ActionRequest__Output as _courtbridge_v1_ActionRequest__Output } from './courtbridge/v1/ActionRequest.js';
import type { ActionResult as _courtbridge_v1_ActionResult, ActionResult__Output as _courtbridge_v1_ActionResult__Output } from './courtbridge/v1/ActionResult.js';
import type { ActionServiceClient as _courtbridge_v1_ActionServiceClient, ActionServiceDefinition as _courtbridge_v1_ActionServiceDefinition } from './courtbridge/v1/ActionService.js';
import type { ActionTarget as _courtbridge_v1_ActionTarget, ActionTarget__Output as _courtbridge_v1_ActionTarget__Output } from './courtbridge/v1/ActionTarget.js';
import type { AdapterAnnouncement as _courtbridge_v1_AdapterAnnouncement, AdapterAnnouncement__Output as _courtbridge_v1_AdapterAnnouncement__Output } from './courtbridge/v1/AdapterAnnouncement.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from './courtbridge/v1/AdminApproval.js';
import type { AdmitChainRequest as _courtbridge_v1_AdmitChainRequest, AdmitChainRequest__Output as _courtbridge_v1_AdmitChainRequest__Output } from './courtbridge/v1/AdmitChainRequest.js';
import type { AllianceServiceClient as _courtbridge_v1_AllianceServiceClient, AllianceServiceDefinition as _courtbridge_v1_AllianceServiceDefinition } from './courtbridge/v1/AllianceService.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from './courtbridge/v1/Attestation.js';
import type { BatchReceipt as _courtbridge_v1_BatchReceipt, BatchReceipt__Output as _courtbridge_v1_BatchReceipt__Output } from './courtbridge/v1/BatchReceipt.js';
import type { ChainAnchor as _courtbridge_v1_ChainAnchor, ChainAnchor__Output as _courtbridge_v1_ChainAnchor__Output } from './courtbridge/v1/ChainAnchor.js';
import type { ChainAttestationPolicy as _courtbridge_v1_ChainAttestationPolicy, ChainAttestationPolicy__Output as _courtbridge_v1_ChainAttestationPolicy__Output } from './courtbridge/v1/ChainAttestationPolicy.js';
import type { ChainEntry as _courtbridge_v1_ChainEntry, ChainEntry__Output as _courtbridge_v1_ChainEntry__Output } from './courtbridge/v1/ChainEntry.js';
import type { ChainSchema as _courtbridge_v1_ChainSchema, ChainSchema__Output as _courtbridge_v1_ChainSchema__Output } from './courtbridge/v1/ChainSchema.js';
import type { ChainSchemaAction as _courtbridge_v1_ChainSchemaAction, ChainSchemaAction__Output as _courtbridge_v1_ChainSchemaAction__Output } from './courtbridge/v1/ChainSchemaAction.js';
import type { ChainSchemaRecordType as _courtbridge_v1_ChainSchemaRecordType, ChainSchemaRecordType__Output as _courtbridge_v1_ChainSchemaRecordType__Output } from './courtbridge/v1/ChainSchemaRecordType.js';
import type { Commit as _courtbridge_v1_Commit, Commit__Output as _courtbridge_v1_Commit__Output } from './courtbridge/v1/Commit.js';
import type { CommitSignature as _courtbridge_v1_CommitSignature, CommitSignature__Output as _courtbridge_v1_CommitSignature__Output } from './courtbridge/v1/CommitSignature.js';
import type { Envelope as _courtbridge_v1_Envelope, Envelope__Output as _courtbridge_v1_Envelope__Output } from './courtbridge/v1/Envelope.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from './courtbridge/v1/EvmEvidence.js';
import type { EvmStateProof as _courtbridge_v1_EvmStateProof, EvmStateProof__Output as _courtbridge_v1_EvmStateProof__Output } from './courtbridge/v1/EvmStateProof.js';
import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from './courtbridge/v1/EvmStorageProof.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from './courtbridge/v1/Failure.js';
import type { GetActionRequest as _courtbridge_v1_GetActionRequest, GetActionRequest__Output as _courtbridge_v1_GetActionRequest__Output } from './courtbridge/v1/GetActionRequest.js';
import type { Header as _courtbridge_v1_Header, Header__Output as _courtbridge_v1_Header__Output } from './courtbridge/v1/Header.js';
import type { HeaderAnnouncement as _courtbridge_v1_HeaderAnnouncement, HeaderAnnouncement__Output as _courtbridge_v1_HeaderAnnouncement__Output } from './courtbridge/v1/HeaderAnnouncement.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from './courtbridge/v1/HeaderRef.js';
import type { IndexQueryRequest as _courtbridge_v1_IndexQueryRequest, IndexQueryRequest__Output as _courtbridge_v1_IndexQueryRequest__Output } from './courtbridge/v1/IndexQueryRequest.js';
import type { IndexQueryResponse as _courtbridge_v1_IndexQueryResponse, IndexQueryResponse__Output as _courtbridge_v1_IndexQueryResponse__Output } from './courtbridge/v1/IndexQueryResponse.js';
import type { IndexedRecord as _courtbridge_v1_IndexedRecord, IndexedRecord__Output as _courtbridge_v1_IndexedRecord__Output } from './courtbridge/v1/IndexedRecord.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from './courtbridge/v1/JudicialProof.js';
import type { LatestHeight as _courtbridge_v1_LatestHeight, LatestHeight__Output as _courtbridge_v1_LatestHeight__Output } from './courtbridge/v1/LatestHeight.js';
import type { ListActionsRequest as _courtbridge_v1_ListActionsRequest, ListActionsRequest__Output as _courtbridge_v1_ListActionsRequest__Output } from './courtbridge/v1/ListActionsRequest.js';
import type { ListActionsResponse as _courtbridge_v1_ListActionsResponse, ListActionsResponse__Output as _courtbridge_v1_ListActionsResponse__Output } from './courtbridge/v1/ListActionsResponse.js';
import type { ListMembersRequest as _courtbridge_v1_ListMembersRequest, ListMembersRequest__Output as _courtbridge_v1_ListMembersRequest__Output } from './courtbridge/v1/ListMembersRequest.js';
import type { ListMembersResponse as _courtbridge_v1_ListMembersResponse, ListMembersResponse__Output as _courtbridge_v1_ListMembersResponse__Output } from './courtbridge/v1/ListMembersResponse.js';
import type { ListRegistryChainsRequest as _courtbridge_v1_ListRegistryChainsRequest, ListRegistryChainsRequest__Output as _courtbridge_v1_ListRegistryChainsRequest__Output } from './courtbridge/v1/ListRegistryChainsRequest.js';
import type { ListRegistryChainsResponse as _courtbridge_v1_ListRegistryChainsResponse, ListRegistryChainsResponse__Output as _courtbridge_v1_ListRegistryChainsResponse__Output } from './courtbridge/v1/ListRegistryChainsResponse.js';
import type { Member as _courtbridge_v1_Member, Member__Output as _courtbridge_v1_Member__Output } from './courtbridge/v1/Member.js';
import type { Misbehaviour as _courtbridge_v1_Misbehaviour, Misbehaviour__Output as _courtbridge_v1_Misbehaviour__Output } from './courtbridge/v1/Misbehaviour.js';
import type { Notarization as _courtbridge_v1_Notarization, Notarization__Output as _courtbridge_v1_Notarization__Output } from './courtbridge/v1/Notarization.js';
import type { NotarizeRecordRequest as _courtbridge_v1_NotarizeRecordRequest, NotarizeRecordRequest__Output as _courtbridge_v1_NotarizeRecordRequest__Output } from './courtbridge/v1/NotarizeRecordRequest.js';
import type { NotarizeRecordResponse as _courtbridge_v1_NotarizeRecordResponse, NotarizeRecordResponse__Output as _courtbridge_v1_NotarizeRecordResponse__Output } from './courtbridge/v1/NotarizeRecordResponse.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from './courtbridge/v1/NotaryRecordEvidence.js';
import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from './courtbridge/v1/NotarySignature.js';
import type { PageRequest as _courtbridge_v1_PageRequest, PageRequest__Output as _courtbridge_v1_PageRequest__Output } from './courtbridge/v1/PageRequest.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from './courtbridge/v1/ProofBundle.js';
import type { QueryHeight as _courtbridge_v1_QueryHeight, QueryHeight__Output as _courtbridge_v1_QueryHeight__Output } from './courtbridge/v1/QueryHeight.js';
import type { QueryRequest as _courtbridge_v1_QueryRequest, QueryRequest__Output as _courtbridge_v1_QueryRequest__Output } from './courtbridge/v1/QueryRequest.js';
import type { QueryResponse as _courtbridge_v1_QueryResponse, QueryResponse__Output as _courtbridge_v1_QueryResponse__Output } from './courtbridge/v1/QueryResponse.js';
import type { Receipt as _courtbridge_v1_Receipt, Receipt__Output as _courtbridge_v1_Receipt__Output } from './courtbridge/v1/Receipt.js';
import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from './courtbridge/v1/Record.js';
import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from './courtbridge/v1/RecordQuery.js';
import type { RegisterMemberRequest as _courtbridge_v1_RegisterMemberRequest, RegisterMemberRequest__Output as _courtbridge_v1_RegisterMemberRequest__Output } from './courtbridge/v1/RegisterMemberRequest.js';
import type { RegistryChain as _courtbridge_v1_RegistryChain, RegistryChain__Output as _courtbridge_v1_RegistryChain__Output } from './courtbridge/v1/RegistryChain.js';
import type { RegistryUpdate as _courtbridge_v1_RegistryUpdate, RegistryUpdate__Output as _courtbridge_v1_RegistryUpdate__Output } from './courtbridge/v1/RegistryUpdate.js';
import type { RegistryUpdateResult as _courtbridge_v1_RegistryUpdateResult, RegistryUpdateResult__Output as _courtbridge_v1_RegistryUpdateResult__Output } from './courtbridge/v1/RegistryUpdateResult.js';
import type { RemoveChainRequest as _courtbridge_v1_RemoveChainRequest, RemoveChainRequest__Output as _courtbridge_v1_RemoveChainRequest__Output } from './courtbridge/v1/RemoveChainRequest.js';
import type { ResolveDidRequest as _courtbridge_v1_ResolveDidRequest, ResolveDidRequest__Output as _courtbridge_v1_ResolveDidRequest__Output } from './courtbridge/v1/ResolveDidRequest.js';
import type { ResolveDidResponse as _courtbridge_v1_ResolveDidResponse, ResolveDidResponse__Output as _courtbridge_v1_ResolveDidResponse__Output } from './courtbridge/v1/ResolveDidResponse.js';
import type { RevokeMemberRequest as _courtbridge_v1_RevokeMemberRequest, RevokeMemberRequest__Output as _courtbridge_v1_RevokeMemberRequest__Output } from './courtbridge/v1/RevokeMemberRequest.js';
import type { RotateKeyRequest as _courtbridge_v1_RotateKeyRequest, RotateKeyRequest__Output as _courtbridge_v1_RotateKeyRequest__Output } from './courtbridge/v1/RotateKeyRequest.js';
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from './courtbridge/v1/SignedHeader.js';
import type { SignedRegistryUpdate as _courtbridge_v1_SignedRegistryUpdate, SignedRegistryUpdate__Output as _courtbridge_v1_SignedRegistryUpdate__Output } from './courtbridge/v1/SignedRegistryUpdate.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from './courtbridge/v1/SmtProof.js';
import type { SubmitActionRequest as _courtbridge_v1_SubmitActionRequest, SubmitActionRequest__Output as _courtbridge_v1_SubmitActionRequest__Output } from './courtbridge/v1/SubmitActionRequest.js';
import type { TraceBlock as _courtbridge_v1_TraceBlock, TraceBlock__Output as _courtbridge_v1_TraceBlock__Output } from './courtbridge/v1/TraceBlock.js';
import type { UpdateChainRequest as _courtbridge_v1_UpdateChainRequest, UpdateChainRequest__Output as _courtbridge_v1_UpdateChainRequest__Output } from './courtbridge/v1/UpdateChainRequest.js';
import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from './courtbridge/v1/Validator.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from './courtbridge/v1/ValidatorSet.js';
import type { VerificationKey as _courtbridge_v1_VerificationKey, VerificationKey__Output as _courtbridge_v1_VerificationKey__Output } from './courtbridge/v1/VerificationKey.js';
import type { VerifiedHeader as _courtbridge_v1_VerifiedHeader, VerifiedHeader__Output as _courtbridge_v1_VerifiedHeader__Output } from './courtbridge/v1/VerifiedHeader.js';
import type { WatchActionsRequest as _courtbridge_v1_WatchActionsRequest, WatchActionsRequest__Output as _courtbridge_v1_WatchActionsRequest__Output } from './courtbridge/v1/WatchActionsRequest.js';
import type { WatchChainActionsRequest as _courtbridge_v1_WatchChainActionsRequest, WatchChainActionsRequest__Output as _courtbridge_v1_WatchChainActionsRequest__Output } from './courtbridge/v1/WatchChainActionsRequest.js';
import type { WatchHeadersRequest as _courtbridge_v1_WatchHeadersRequest, WatchHeadersRequest__Output as _courtbridge_v1_WatchHeadersRequest__Output } from './courtbridge/v1/WatchHeadersRequest.js';
import type { WatchServiceClient as _courtbridge_v1_WatchServiceClient, WatchServiceDefinition as _courtbridge_v1_WatchServiceDefinition } from './courtbridge/v1/WatchService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  courtbridge: {
    v1: {
      Absence: MessageTypeDefinition<_courtbridge_v1_Absence, _courtbridge_v1_Absence__Output>
      Action: MessageTypeDefinition<_courtbridge_v1_Action, _courtbridge_v1_Action__Output>
      ActionEvent: MessageTypeDefinition<_courtbridge_v1_ActionEvent, _courtbridge_v1_ActionEvent__Output>
      ActionKind: EnumTypeDefinition
      ActionOutcome: MessageTypeDefinition<_courtbridge_v1_ActionOutcome, _courtbridge_v1_ActionOutcome__Output>
      ActionRequest: MessageTypeDefinition<_courtbridge_v1_ActionRequest, _courtbridge_v1_ActionRequest__Output>
      ActionResult: MessageTypeDefinition<_courtbridge_v1_ActionResult, _courtbridge_v1_ActionResult__Output>
      /**
       * Courts submit signed orders (freeze, seize, list, restrict, release) and follow them to a
       * signed, proven result. Callers: courts (role "court"); the order's signer must be the
       * caller's court.
       */
      ActionService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_ActionServiceClient> & { service: _courtbridge_v1_ActionServiceDefinition }
      ActionStatus: EnumTypeDefinition
      ActionTarget: MessageTypeDefinition<_courtbridge_v1_ActionTarget, _courtbridge_v1_ActionTarget__Output>
      AdapterAnnouncement: MessageTypeDefinition<_courtbridge_v1_AdapterAnnouncement, _courtbridge_v1_AdapterAnnouncement__Output>
      AdminApproval: MessageTypeDefinition<_courtbridge_v1_AdminApproval, _courtbridge_v1_AdminApproval__Output>
      AdmitChainRequest: MessageTypeDefinition<_courtbridge_v1_AdmitChainRequest, _courtbridge_v1_AdmitChainRequest__Output>
      /**
       * Reads the registry (any caller) and submits registry updates (admins). Updates are
       * registry transactions on the judicial chain, valid only with a quorum of admin approvals
       * (DESIGN.md "Identity"); a revocation takes effect everywhere at once.
       */
      AllianceService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_AllianceServiceClient> & { service: _courtbridge_v1_AllianceServiceDefinition }
      Attestation: MessageTypeDefinition<_courtbridge_v1_Attestation, _courtbridge_v1_Attestation__Output>
      BatchReceipt: MessageTypeDefinition<_courtbridge_v1_BatchReceipt, _courtbridge_v1_BatchReceipt__Output>
      ChainAnchor: MessageTypeDefinition<_courtbridge_v1_ChainAnchor, _courtbridge_v1_ChainAnchor__Output>
      ChainAttestationPolicy: MessageTypeDefinition<_courtbridge_v1_ChainAttestationPolicy, _courtbridge_v1_ChainAttestationPolicy__Output>
      ChainEntry: MessageTypeDefinition<_courtbridge_v1_ChainEntry, _courtbridge_v1_ChainEntry__Output>
      ChainEntryStatus: EnumTypeDefinition
      ChainSchema: MessageTypeDefinition<_courtbridge_v1_ChainSchema, _courtbridge_v1_ChainSchema__Output>
      ChainSchemaAction: MessageTypeDefinition<_courtbridge_v1_ChainSchemaAction, _courtbridge_v1_ChainSchemaAction__Output>
      ChainSchemaRecordType: MessageTypeDefinition<_courtbridge_v1_ChainSchemaRecordType, _courtbridge_v1_ChainSchemaRecordType__Output>
      Commit: MessageTypeDefinition<_courtbridge_v1_Commit, _courtbridge_v1_Commit__Output>
      CommitSignature: MessageTypeDefinition<_courtbridge_v1_CommitSignature, _courtbridge_v1_CommitSignature__Output>
      Envelope: MessageTypeDefinition<_courtbridge_v1_Envelope, _courtbridge_v1_Envelope__Output>
      EvmEvidence: MessageTypeDefinition<_courtbridge_v1_EvmEvidence, _courtbridge_v1_EvmEvidence__Output>
      EvmStateProof: MessageTypeDefinition<_courtbridge_v1_EvmStateProof, _courtbridge_v1_EvmStateProof__Output>
      EvmStorageProof: MessageTypeDefinition<_courtbridge_v1_EvmStorageProof, _courtbridge_v1_EvmStorageProof__Output>
      Failure: MessageTypeDefinition<_courtbridge_v1_Failure, _courtbridge_v1_Failure__Output>
      GetActionRequest: MessageTypeDefinition<_courtbridge_v1_GetActionRequest, _courtbridge_v1_GetActionRequest__Output>
      Header: MessageTypeDefinition<_courtbridge_v1_Header, _courtbridge_v1_Header__Output>
      HeaderAnnouncement: MessageTypeDefinition<_courtbridge_v1_HeaderAnnouncement, _courtbridge_v1_HeaderAnnouncement__Output>
      HeaderRef: MessageTypeDefinition<_courtbridge_v1_HeaderRef, _courtbridge_v1_HeaderRef__Output>
      IndexQueryRequest: MessageTypeDefinition<_courtbridge_v1_IndexQueryRequest, _courtbridge_v1_IndexQueryRequest__Output>
      IndexQueryResponse: MessageTypeDefinition<_courtbridge_v1_IndexQueryResponse, _courtbridge_v1_IndexQueryResponse__Output>
      IndexedRecord: MessageTypeDefinition<_courtbridge_v1_IndexedRecord, _courtbridge_v1_IndexedRecord__Output>
      JudicialProof: MessageTypeDefinition<_courtbridge_v1_JudicialProof, _courtbridge_v1_JudicialProof__Output>
      LatestHeight: MessageTypeDefinition<_courtbridge_v1_LatestHeight, _courtbridge_v1_LatestHeight__Output>
      ListActionsRequest: MessageTypeDefinition<_courtbridge_v1_ListActionsRequest, _courtbridge_v1_ListActionsRequest__Output>
      ListActionsResponse: MessageTypeDefinition<_courtbridge_v1_ListActionsResponse, _courtbridge_v1_ListActionsResponse__Output>
      ListMembersRequest: MessageTypeDefinition<_courtbridge_v1_ListMembersRequest, _courtbridge_v1_ListMembersRequest__Output>
      ListMembersResponse: MessageTypeDefinition<_courtbridge_v1_ListMembersResponse, _courtbridge_v1_ListMembersResponse__Output>
      ListRegistryChainsRequest: MessageTypeDefinition<_courtbridge_v1_ListRegistryChainsRequest, _courtbridge_v1_ListRegistryChainsRequest__Output>
      ListRegistryChainsResponse: MessageTypeDefinition<_courtbridge_v1_ListRegistryChainsResponse, _courtbridge_v1_ListRegistryChainsResponse__Output>
      Member: MessageTypeDefinition<_courtbridge_v1_Member, _courtbridge_v1_Member__Output>
      MemberRole: EnumTypeDefinition
      MemberStatus: EnumTypeDefinition
      Misbehaviour: MessageTypeDefinition<_courtbridge_v1_Misbehaviour, _courtbridge_v1_Misbehaviour__Output>
      Notarization: MessageTypeDefinition<_courtbridge_v1_Notarization, _courtbridge_v1_Notarization__Output>
      NotarizeRecordRequest: MessageTypeDefinition<_courtbridge_v1_NotarizeRecordRequest, _courtbridge_v1_NotarizeRecordRequest__Output>
      NotarizeRecordResponse: MessageTypeDefinition<_courtbridge_v1_NotarizeRecordResponse, _courtbridge_v1_NotarizeRecordResponse__Output>
      NotaryRecordEvidence: MessageTypeDefinition<_courtbridge_v1_NotaryRecordEvidence, _courtbridge_v1_NotaryRecordEvidence__Output>
      NotarySignature: MessageTypeDefinition<_courtbridge_v1_NotarySignature, _courtbridge_v1_NotarySignature__Output>
      PageRequest: MessageTypeDefinition<_courtbridge_v1_PageRequest, _courtbridge_v1_PageRequest__Output>
      ProofBundle: MessageTypeDefinition<_courtbridge_v1_ProofBundle, _courtbridge_v1_ProofBundle__Output>
      ProofKind: EnumTypeDefinition
      QueryHeight: MessageTypeDefinition<_courtbridge_v1_QueryHeight, _courtbridge_v1_QueryHeight__Output>
      QueryRequest: MessageTypeDefinition<_courtbridge_v1_QueryRequest, _courtbridge_v1_QueryRequest__Output>
      QueryResponse: MessageTypeDefinition<_courtbridge_v1_QueryResponse, _courtbridge_v1_QueryResponse__Output>
      Receipt: MessageTypeDefinition<_courtbridge_v1_Receipt, _courtbridge_v1_Receipt__Output>
      Record: MessageTypeDefinition<_courtbridge_v1_Record, _courtbridge_v1_Record__Output>
      RecordQuery: MessageTypeDefinition<_courtbridge_v1_RecordQuery, _courtbridge_v1_RecordQuery__Output>
      RegisterMemberRequest: MessageTypeDefinition<_courtbridge_v1_RegisterMemberRequest, _courtbridge_v1_RegisterMemberRequest__Output>
      RegistryChain: MessageTypeDefinition<_courtbridge_v1_RegistryChain, _courtbridge_v1_RegistryChain__Output>
      RegistryOperation: EnumTypeDefinition
      RegistryUpdate: MessageTypeDefinition<_courtbridge_v1_RegistryUpdate, _courtbridge_v1_RegistryUpdate__Output>
      RegistryUpdateResult: MessageTypeDefinition<_courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_RegistryUpdateResult__Output>
      RemoveChainRequest: MessageTypeDefinition<_courtbridge_v1_RemoveChainRequest, _courtbridge_v1_RemoveChainRequest__Output>
      ResolveDidRequest: MessageTypeDefinition<_courtbridge_v1_ResolveDidRequest, _courtbridge_v1_ResolveDidRequest__Output>
      ResolveDidResponse: MessageTypeDefinition<_courtbridge_v1_ResolveDidResponse, _courtbridge_v1_ResolveDidResponse__Output>
      RevokeMemberRequest: MessageTypeDefinition<_courtbridge_v1_RevokeMemberRequest, _courtbridge_v1_RevokeMemberRequest__Output>
      RotateKeyRequest: MessageTypeDefinition<_courtbridge_v1_RotateKeyRequest, _courtbridge_v1_RotateKeyRequest__Output>
      SignedHeader: MessageTypeDefinition<_courtbridge_v1_SignedHeader, _courtbridge_v1_SignedHeader__Output>
      SignedRegistryUpdate: MessageTypeDefinition<_courtbridge_v1_SignedRegistryUpdate, _courtbridge_v1_SignedRegistryUpdate__Output>
      SmtProof: MessageTypeDefinition<_courtbridge_v1_SmtProof, _courtbridge_v1_SmtProof__Output>
      SubmitActionRequest: MessageTypeDefinition<_courtbridge_v1_SubmitActionRequest, _courtbridge_v1_SubmitActionRequest__Output>
      TraceBlock: MessageTypeDefinition<_courtbridge_v1_TraceBlock, _courtbridge_v1_TraceBlock__Output>
      TrustBasis: EnumTypeDefinition
      UpdateChainRequest: MessageTypeDefinition<_courtbridge_v1_UpdateChainRequest, _courtbridge_v1_UpdateChainRequest__Output>
      Validator: MessageTypeDefinition<_courtbridge_v1_Validator, _courtbridge_v1_Validator__Output>
      ValidatorSet: MessageTypeDefinition<_courtbridge_v1_ValidatorSet, _courtbridge_v1_ValidatorSet__Output>
      VerificationKey: MessageTypeDefinition<_courtbridge_v1_VerificationKey, _courtbridge_v1_VerificationKey__Output>
      VerifiedHeader: MessageTypeDefinition<_courtbridge_v1_VerifiedHeader, _courtbridge_v1_VerifiedHeader__Output>
      WatchActionsRequest: MessageTypeDefinition<_courtbridge_v1_WatchActionsRequest, _courtbridge_v1_WatchActionsRequest__Output>
      WatchChainActionsRequest: MessageTypeDefinition<_courtbridge_v1_WatchChainActionsRequest, _courtbridge_v1_WatchChainActionsRequest__Output>
      WatchHeadersRequest: MessageTypeDefinition<_courtbridge_v1_WatchHeadersRequest, _courtbridge_v1_WatchHeadersRequest__Output>
      /**
       * Integrators and auditors follow what the gateway verified, replayable from a point
       * (backed by JetStream streams). Callers: any authenticated member.
       */
      WatchService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_WatchServiceClient> & { service: _courtbridge_v1_WatchServiceDefinition }
    }
  }
}


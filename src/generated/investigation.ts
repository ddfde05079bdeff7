import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from './courtbridge/v1/Absence.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from './courtbridge/v1/AdminApproval.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from './courtbridge/v1/Attestation.js';
import type { BatchReceipt as _courtbridge_v1_BatchReceipt, BatchReceipt__Output as _courtbridge_v1_BatchReceipt__Output } from './courtbridge/v1/BatchReceipt.js';
import type { Commit as _courtbridge_v1_Commit, Commit__Output as _courtbridge_v1_Commit__Output } from './courtbridge/v1/Commit.js';
import type { CommitSignature as _courtbridge_v1_CommitSignature, CommitSignature__Output as _courtbridge_v1_CommitSignature__Output } from './courtbridge/v1/CommitSignature.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from './courtbridge/v1/EvmEvidence.js';
import type { EvmStateProof as _courtbridge_v1_EvmStateProof, EvmStateProof__Output as _courtbridge_v1_EvmStateProof__Output } from './courtbridge/v1/EvmStateProof.js';
import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from './courtbridge/v1/EvmStorageProof.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from './courtbridge/v1/Failure.js';
import type { Header as _courtbridge_v1_Header, Header__Output as _courtbridge_v1_Header__Output } from './courtbridge/v1/Header.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from './courtbridge/v1/HeaderRef.js';
import type { InvestigateRequest as _courtbridge_v1_InvestigateRequest, InvestigateRequest__Output as _courtbridge_v1_InvestigateRequest__Output } from './courtbridge/v1/InvestigateRequest.js';
import type { InvestigateResponse as _courtbridge_v1_InvestigateResponse, InvestigateResponse__Output as _courtbridge_v1_InvestigateResponse__Output } from './courtbridge/v1/InvestigateResponse.js';
import type { InvestigationItem as _courtbridge_v1_InvestigationItem, InvestigationItem__Output as _courtbridge_v1_InvestigationItem__Output } from './courtbridge/v1/InvestigationItem.js';
import type { InvestigationServiceClient as _courtbridge_v1_InvestigationServiceClient, InvestigationServiceDefinition as _courtbridge_v1_InvestigationServiceDefinition } from './courtbridge/v1/InvestigationService.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from './courtbridge/v1/JudicialProof.js';
import type { LatestHeight as _courtbridge_v1_LatestHeight, LatestHeight__Output as _courtbridge_v1_LatestHeight__Output } from './courtbridge/v1/LatestHeight.js';
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
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from './courtbridge/v1/SignedHeader.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from './courtbridge/v1/SmtProof.js';
import type { TraceBlock as _courtbridge_v1_TraceBlock, TraceBlock__Output as _courtbridge_v1_TraceBlock__Output } from './courtbridge/v1/TraceBlock.js';
import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from './courtbridge/v1/Validator.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from './courtbridge/v1/ValidatorSet.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  courtbridge: {
    v1: {
      Absence: MessageTypeDefinition<_courtbridge_v1_Absence, _courtbridge_v1_Absence__Output>
      AdminApproval: MessageTypeDefinition<_courtbridge_v1_AdminApproval, _courtbridge_v1_AdminApproval__Output>
      AssetDomain: EnumTypeDefinition
      Attestation: MessageTypeDefinition<_courtbridge_v1_Attestation, _courtbridge_v1_Attestation__Output>
      BatchReceipt: MessageTypeDefinition<_courtbridge_v1_BatchReceipt, _courtbridge_v1_BatchReceipt__Output>
      Commit: MessageTypeDefinition<_courtbridge_v1_Commit, _courtbridge_v1_Commit__Output>
      CommitSignature: MessageTypeDefinition<_courtbridge_v1_CommitSignature, _courtbridge_v1_CommitSignature__Output>
      Completeness: EnumTypeDefinition
      EvmEvidence: MessageTypeDefinition<_courtbridge_v1_EvmEvidence, _courtbridge_v1_EvmEvidence__Output>
      EvmStateProof: MessageTypeDefinition<_courtbridge_v1_EvmStateProof, _courtbridge_v1_EvmStateProof__Output>
      EvmStorageProof: MessageTypeDefinition<_courtbridge_v1_EvmStorageProof, _courtbridge_v1_EvmStorageProof__Output>
      Failure: MessageTypeDefinition<_courtbridge_v1_Failure, _courtbridge_v1_Failure__Output>
      Header: MessageTypeDefinition<_courtbridge_v1_Header, _courtbridge_v1_Header__Output>
      HeaderRef: MessageTypeDefinition<_courtbridge_v1_HeaderRef, _courtbridge_v1_HeaderRef__Output>
      InvestigateRequest: MessageTypeDefinition<_courtbridge_v1_InvestigateRequest, _courtbridge_v1_InvestigateRequest__Output>
      InvestigateResponse: MessageTypeDefinition<_courtbridge_v1_InvestigateResponse, _courtbridge_v1_InvestigateResponse__Output>
      InvestigationItem: MessageTypeDefinition<_courtbridge_v1_InvestigationItem, _courtbridge_v1_InvestigationItem__Output>
      /**
       * Property investigation for enforcement: one call searches the property, finance and IP
       * chains for what a person or company owns (policy: "investigate and freeze property across
       * chains"). Callers: courts (role "court") with a judicial-chain case reference.
       */
      InvestigationService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_InvestigationServiceClient> & { service: _courtbridge_v1_InvestigationServiceDefinition }
      JudicialProof: MessageTypeDefinition<_courtbridge_v1_JudicialProof, _courtbridge_v1_JudicialProof__Output>
      LatestHeight: MessageTypeDefinition<_courtbridge_v1_LatestHeight, _courtbridge_v1_LatestHeight__Output>
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
      SignedHeader: MessageTypeDefinition<_courtbridge_v1_SignedHeader, _courtbridge_v1_SignedHeader__Output>
      SmtProof: MessageTypeDefinition<_courtbridge_v1_SmtProof, _courtbridge_v1_SmtProof__Output>
      TraceBlock: MessageTypeDefinition<_courtbridge_v1_TraceBlock, _courtbridge_v1_TraceBlock__Output>
      TrustBasis: EnumTypeDefinition
      Validator: MessageTypeDefinition<_courtbridge_v1_Validator, _courtbridge_v1_Validator__Output>
      ValidatorSet: MessageTypeDefinition<_courtbridge_v1_ValidatorSet, _courtbridge_v1_ValidatorSet__Output>
    }
  }
}


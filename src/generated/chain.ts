import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from './courtbridge/v1/Absence.js';
import type { ActionTarget as _courtbridge_v1_ActionTarget, ActionTarget__Output as _courtbridge_v1_ActionTarget__Output } from './courtbridge/v1/ActionTarget.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from './courtbridge/v1/AdminApproval.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from './courtbridge/v1/Attestation.js';
import type { BatchReceipt as _courtbridge_v1_BatchReceipt, BatchReceipt__Output as _courtbridge_v1_BatchReceipt__Output } from './courtbridge/v1/BatchReceipt.js';
import type { ChainInfo as _courtbridge_v1_ChainInfo, ChainInfo__Output as _courtbridge_v1_ChainInfo__Output } from './courtbridge/v1/ChainInfo.js';
import type { ChainServiceClient as _courtbridge_v1_ChainServiceClient, ChainServiceDefinition as _courtbridge_v1_ChainServiceDefinition } from './courtbridge/v1/ChainService.js';
import type { ChainStatus as _courtbridge_v1_ChainStatus, ChainStatus__Output as _courtbridge_v1_ChainStatus__Output } from './courtbridge/v1/ChainStatus.js';
import type { Commit as _courtbridge_v1_Commit, Commit__Output as _courtbridge_v1_Commit__Output } from './courtbridge/v1/Commit.js';
import type { CommitSignature as _courtbridge_v1_CommitSignature, CommitSignature__Output as _courtbridge_v1_CommitSignature__Output } from './courtbridge/v1/CommitSignature.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from './courtbridge/v1/EvmEvidence.js';
import type { EvmStateProof as _courtbridge_v1_EvmStateProof, EvmStateProof__Output as _courtbridge_v1_EvmStateProof__Output } from './courtbridge/v1/EvmStateProof.js';
import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from './courtbridge/v1/EvmStorageProof.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from './courtbridge/v1/Failure.js';
import type { GetChainStatusRequest as _courtbridge_v1_GetChainStatusRequest, GetChainStatusRequest__Output as _courtbridge_v1_GetChainStatusRequest__Output } from './courtbridge/v1/GetChainStatusRequest.js';
import type { Header as _courtbridge_v1_Header, Header__Output as _courtbridge_v1_Header__Output } from './courtbridge/v1/Header.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from './courtbridge/v1/HeaderRef.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from './courtbridge/v1/JudicialProof.js';
import type { LatestHeight as _courtbridge_v1_LatestHeight, LatestHeight__Output as _courtbridge_v1_LatestHeight__Output } from './courtbridge/v1/LatestHeight.js';
import type { ListChainsRequest as _courtbridge_v1_ListChainsRequest, ListChainsRequest__Output as _courtbridge_v1_ListChainsRequest__Output } from './courtbridge/v1/ListChainsRequest.js';
import type { ListChainsResponse as _courtbridge_v1_ListChainsResponse, ListChainsResponse__Output as _courtbridge_v1_ListChainsResponse__Output } from './courtbridge/v1/ListChainsResponse.js';
import type { Misbehaviour as _courtbridge_v1_Misbehaviour, Misbehaviour__Output as _courtbridge_v1_Misbehaviour__Output } from './courtbridge/v1/Misbehaviour.js';
import type { Notarization as _courtbridge_v1_Notarization, Notarization__Output as _courtbridge_v1_Notarization__Output } from './courtbridge/v1/Notarization.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from './courtbridge/v1/NotaryRecordEvidence.js';
import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from './courtbridge/v1/NotarySignature.js';
import type { OperatorOrder as _courtbridge_v1_OperatorOrder, OperatorOrder__Output as _courtbridge_v1_OperatorOrder__Output } from './courtbridge/v1/OperatorOrder.js';
import type { PageRequest as _courtbridge_v1_PageRequest, PageRequest__Output as _courtbridge_v1_PageRequest__Output } from './courtbridge/v1/PageRequest.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from './courtbridge/v1/ProofBundle.js';
import type { QueryHeight as _courtbridge_v1_QueryHeight, QueryHeight__Output as _courtbridge_v1_QueryHeight__Output } from './courtbridge/v1/QueryHeight.js';
import type { Receipt as _courtbridge_v1_Receipt, Receipt__Output as _courtbridge_v1_Receipt__Output } from './courtbridge/v1/Receipt.js';
import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from './courtbridge/v1/Record.js';
import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from './courtbridge/v1/RecordQuery.js';
import type { ReplicaInfo as _courtbridge_v1_ReplicaInfo, ReplicaInfo__Output as _courtbridge_v1_ReplicaInfo__Output } from './courtbridge/v1/ReplicaInfo.js';
import type { ResetBreakerRequest as _courtbridge_v1_ResetBreakerRequest, ResetBreakerRequest__Output as _courtbridge_v1_ResetBreakerRequest__Output } from './courtbridge/v1/ResetBreakerRequest.js';
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from './courtbridge/v1/SignedHeader.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from './courtbridge/v1/SmtProof.js';
import type { TraceBlock as _courtbridge_v1_TraceBlock, TraceBlock__Output as _courtbridge_v1_TraceBlock__Output } from './courtbridge/v1/TraceBlock.js';
import type { TripBreakerRequest as _courtbridge_v1_TripBreakerRequest, TripBreakerRequest__Output as _courtbridge_v1_TripBreakerRequest__Output } from './courtbridge/v1/TripBreakerRequest.js';
import type { UnfreezeChainRequest as _courtbridge_v1_UnfreezeChainRequest, UnfreezeChainRequest__Output as _courtbridge_v1_UnfreezeChainRequest__Output } from './courtbridge/v1/UnfreezeChainRequest.js';
import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from './courtbridge/v1/Validator.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from './courtbridge/v1/ValidatorSet.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  courtbridge: {
    v1: {
      Absence: MessageTypeDefinition<_courtbridge_v1_Absence, _courtbridge_v1_Absence__Output>
      ActionKind: EnumTypeDefinition
      ActionStatus: EnumTypeDefinition
      ActionTarget: MessageTypeDefinition<_courtbridge_v1_ActionTarget, _courtbridge_v1_ActionTarget__Output>
      AdminApproval: MessageTypeDefinition<_courtbridge_v1_AdminApproval, _courtbridge_v1_AdminApproval__Output>
      Attestation: MessageTypeDefinition<_courtbridge_v1_Attestation, _courtbridge_v1_Attestation__Output>
      BatchReceipt: MessageTypeDefinition<_courtbridge_v1_BatchReceipt, _courtbridge_v1_BatchReceipt__Output>
      BreakerState: EnumTypeDefinition
      ChainInfo: MessageTypeDefinition<_courtbridge_v1_ChainInfo, _courtbridge_v1_ChainInfo__Output>
      ChainKind: EnumTypeDefinition
      /**
       * Chains of the alliance and the state of the gateway's light client for each.
       * Read methods are open to any authenticated member; UnfreezeChain, TripBreaker and
       * ResetBreaker are for operators and must carry a quorum of admin approvals.
       */
      ChainService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_ChainServiceClient> & { service: _courtbridge_v1_ChainServiceDefinition }
      ChainStatus: MessageTypeDefinition<_courtbridge_v1_ChainStatus, _courtbridge_v1_ChainStatus__Output>
      ClientStatus: EnumTypeDefinition
      Commit: MessageTypeDefinition<_courtbridge_v1_Commit, _courtbridge_v1_Commit__Output>
      CommitSignature: MessageTypeDefinition<_courtbridge_v1_CommitSignature, _courtbridge_v1_CommitSignature__Output>
      EvmEvidence: MessageTypeDefinition<_courtbridge_v1_EvmEvidence, _courtbridge_v1_EvmEvidence__Output>
      EvmStateProof: MessageTypeDefinition<_courtbridge_v1_EvmStateProof, _courtbridge_v1_EvmStateProof__Output>
      EvmStorageProof: MessageTypeDefinition<_courtbridge_v1_EvmStorageProof, _courtbridge_v1_EvmStorageProof__Output>
      Failure: MessageTypeDefinition<_courtbridge_v1_Failure, _courtbridge_v1_Failure__Output>
      GetChainStatusRequest: MessageTypeDefinition<_courtbridge_v1_GetChainStatusRequest, _courtbridge_v1_GetChainStatusRequest__Output>
      Header: MessageTypeDefinition<_courtbridge_v1_Header, _courtbridge_v1_Header__Output>
      HeaderRef: MessageTypeDefinition<_courtbridge_v1_HeaderRef, _courtbridge_v1_HeaderRef__Output>
      JudicialProof: MessageTypeDefinition<_courtbridge_v1_JudicialProof, _courtbridge_v1_JudicialProof__Output>
      LatestHeight: MessageTypeDefinition<_courtbridge_v1_LatestHeight, _courtbridge_v1_LatestHeight__Output>
      ListChainsRequest: MessageTypeDefinition<_courtbridge_v1_ListChainsRequest, _courtbridge_v1_ListChainsRequest__Output>
      ListChainsResponse: MessageTypeDefinition<_courtbridge_v1_ListChainsResponse, _courtbridge_v1_ListChainsResponse__Output>
      Misbehaviour: MessageTypeDefinition<_courtbridge_v1_Misbehaviour, _courtbridge_v1_Misbehaviour__Output>
      Notarization: MessageTypeDefinition<_courtbridge_v1_Notarization, _courtbridge_v1_Notarization__Output>
      NotaryRecordEvidence: MessageTypeDefinition<_courtbridge_v1_NotaryRecordEvidence, _courtbridge_v1_NotaryRecordEvidence__Output>
      NotarySignature: MessageTypeDefinition<_courtbridge_v1_NotarySignature, _courtbridge_v1_NotarySignature__Output>
      OperatorOperation: EnumTypeDefinition
      OperatorOrder: MessageTypeDefinition<_courtbridge_v1_OperatorOrder, _courtbridge_v1_OperatorOrder__Output>
      PageRequest: MessageTypeDefinition<_courtbridge_v1_PageRequest, _courtbridge_v1_PageRequest__Output>
      ProofBundle: MessageTypeDefinition<_courtbridge_v1_ProofBundle, _courtbridge_v1_ProofBundle__Output>
      ProofKind: EnumTypeDefinition
      QueryHeight: MessageTypeDefinition<_courtbridge_v1_QueryHeight, _courtbridge_v1_QueryHeight__Output>
      Receipt: MessageTypeDefinition<_courtbridge_v1_Receipt, _courtbridge_v1_Receipt__Output>
      Record: MessageTypeDefinition<_courtbridge_v1_Record, _courtbridge_v1_Record__Output>
      RecordQuery: MessageTypeDefinition<_courtbridge_v1_RecordQuery, _courtbridge_v1_RecordQuery__Output>
      ReplicaInfo: MessageTypeDefinition<_courtbridge_v1_ReplicaInfo, _courtbridge_v1_ReplicaInfo__Output>
      ResetBreakerRequest: MessageTypeDefinition<_courtbridge_v1_ResetBreakerRequest, _courtbridge_v1_ResetBreakerRequest__Output>
      SignedHeader: MessageTypeDefinition<_courtbridge_v1_SignedHeader, _courtbridge_v1_SignedHeader__Output>
      SmtProof: MessageTypeDefinition<_courtbridge_v1_SmtProof, _courtbridge_v1_SmtProof__Output>
      TraceBlock: MessageTypeDefinition<_courtbridge_v1_TraceBlock, _courtbridge_v1_TraceBlock__Output>
      TripBreakerRequest: MessageTypeDefinition<_courtbridge_v1_TripBreakerRequest, _courtbridge_v1_TripBreakerRequest__Output>
      TrustBasis: EnumTypeDefinition
      UnfreezeChainRequest: MessageTypeDefinition<_courtbridge_v1_UnfreezeChainRequest, _courtbridge_v1_UnfreezeChainRequest__Output>
      Validator: MessageTypeDefinition<_courtbridge_v1_Validator, _courtbridge_v1_Validator__Output>
      ValidatorSet: MessageTypeDefinition<_courtbridge_v1_ValidatorSet, _courtbridge_v1_ValidatorSet__Output>
    }
  }
}


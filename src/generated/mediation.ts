import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from './courtbridge/v1/Absence.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from './courtbridge/v1/AdminApproval.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from './courtbridge/v1/Attestation.js';
import type { AuditEntry as _courtbridge_v1_AuditEntry, AuditEntry__Output as _courtbridge_v1_AuditEntry__Output } from './courtbridge/v1/AuditEntry.js';
import type { CaseUpdate as _courtbridge_v1_CaseUpdate, CaseUpdate__Output as _courtbridge_v1_CaseUpdate__Output } from './courtbridge/v1/CaseUpdate.js';
import type { Commit as _courtbridge_v1_Commit, Commit__Output as _courtbridge_v1_Commit__Output } from './courtbridge/v1/Commit.js';
import type { CommitSignature as _courtbridge_v1_CommitSignature, CommitSignature__Output as _courtbridge_v1_CommitSignature__Output } from './courtbridge/v1/CommitSignature.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from './courtbridge/v1/EvmEvidence.js';
import type { EvmStateProof as _courtbridge_v1_EvmStateProof, EvmStateProof__Output as _courtbridge_v1_EvmStateProof__Output } from './courtbridge/v1/EvmStateProof.js';
import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from './courtbridge/v1/EvmStorageProof.js';
import type { ExportAuditLogRequest as _courtbridge_v1_ExportAuditLogRequest, ExportAuditLogRequest__Output as _courtbridge_v1_ExportAuditLogRequest__Output } from './courtbridge/v1/ExportAuditLogRequest.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from './courtbridge/v1/Failure.js';
import type { GetCaseRequest as _courtbridge_v1_GetCaseRequest, GetCaseRequest__Output as _courtbridge_v1_GetCaseRequest__Output } from './courtbridge/v1/GetCaseRequest.js';
import type { Header as _courtbridge_v1_Header, Header__Output as _courtbridge_v1_Header__Output } from './courtbridge/v1/Header.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from './courtbridge/v1/HeaderRef.js';
import type { JudicialInstrument as _courtbridge_v1_JudicialInstrument, JudicialInstrument__Output as _courtbridge_v1_JudicialInstrument__Output } from './courtbridge/v1/JudicialInstrument.js';
import type { LatestHeight as _courtbridge_v1_LatestHeight, LatestHeight__Output as _courtbridge_v1_LatestHeight__Output } from './courtbridge/v1/LatestHeight.js';
import type { ListCasesRequest as _courtbridge_v1_ListCasesRequest, ListCasesRequest__Output as _courtbridge_v1_ListCasesRequest__Output } from './courtbridge/v1/ListCasesRequest.js';
import type { ListCasesResponse as _courtbridge_v1_ListCasesResponse, ListCasesResponse__Output as _courtbridge_v1_ListCasesResponse__Output } from './courtbridge/v1/ListCasesResponse.js';
import type { Mediation as _courtbridge_v1_Mediation, Mediation__Output as _courtbridge_v1_Mediation__Output } from './courtbridge/v1/Mediation.js';
import type { MediationAgreement as _courtbridge_v1_MediationAgreement, MediationAgreement__Output as _courtbridge_v1_MediationAgreement__Output } from './courtbridge/v1/MediationAgreement.js';
import type { MediationCase as _courtbridge_v1_MediationCase, MediationCase__Output as _courtbridge_v1_MediationCase__Output } from './courtbridge/v1/MediationCase.js';
import type { MediationParty as _courtbridge_v1_MediationParty, MediationParty__Output as _courtbridge_v1_MediationParty__Output } from './courtbridge/v1/MediationParty.js';
import type { MediationProgress as _courtbridge_v1_MediationProgress, MediationProgress__Output as _courtbridge_v1_MediationProgress__Output } from './courtbridge/v1/MediationProgress.js';
import type { MediationServiceClient as _courtbridge_v1_MediationServiceClient, MediationServiceDefinition as _courtbridge_v1_MediationServiceDefinition } from './courtbridge/v1/MediationService.js';
import type { MediationWithdrawal as _courtbridge_v1_MediationWithdrawal, MediationWithdrawal__Output as _courtbridge_v1_MediationWithdrawal__Output } from './courtbridge/v1/MediationWithdrawal.js';
import type { Misbehaviour as _courtbridge_v1_Misbehaviour, Misbehaviour__Output as _courtbridge_v1_Misbehaviour__Output } from './courtbridge/v1/Misbehaviour.js';
import type { Notarization as _courtbridge_v1_Notarization, Notarization__Output as _courtbridge_v1_Notarization__Output } from './courtbridge/v1/Notarization.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from './courtbridge/v1/NotaryRecordEvidence.js';
import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from './courtbridge/v1/NotarySignature.js';
import type { Obligation as _courtbridge_v1_Obligation, Obligation__Output as _courtbridge_v1_Obligation__Output } from './courtbridge/v1/Obligation.js';
import type { ObligationState as _courtbridge_v1_ObligationState, ObligationState__Output as _courtbridge_v1_ObligationState__Output } from './courtbridge/v1/ObligationState.js';
import type { PageRequest as _courtbridge_v1_PageRequest, PageRequest__Output as _courtbridge_v1_PageRequest__Output } from './courtbridge/v1/PageRequest.js';
import type { Party as _courtbridge_v1_Party, Party__Output as _courtbridge_v1_Party__Output } from './courtbridge/v1/Party.js';
import type { Payment as _courtbridge_v1_Payment, Payment__Output as _courtbridge_v1_Payment__Output } from './courtbridge/v1/Payment.js';
import type { PerformanceReport as _courtbridge_v1_PerformanceReport, PerformanceReport__Output as _courtbridge_v1_PerformanceReport__Output } from './courtbridge/v1/PerformanceReport.js';
import type { QueryHeight as _courtbridge_v1_QueryHeight, QueryHeight__Output as _courtbridge_v1_QueryHeight__Output } from './courtbridge/v1/QueryHeight.js';
import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from './courtbridge/v1/Record.js';
import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from './courtbridge/v1/RecordQuery.js';
import type { RegisterAgreementRequest as _courtbridge_v1_RegisterAgreementRequest, RegisterAgreementRequest__Output as _courtbridge_v1_RegisterAgreementRequest__Output } from './courtbridge/v1/RegisterAgreementRequest.js';
import type { RegisterJudgmentRequest as _courtbridge_v1_RegisterJudgmentRequest, RegisterJudgmentRequest__Output as _courtbridge_v1_RegisterJudgmentRequest__Output } from './courtbridge/v1/RegisterJudgmentRequest.js';
import type { RegisterMediationRequest as _courtbridge_v1_RegisterMediationRequest, RegisterMediationRequest__Output as _courtbridge_v1_RegisterMediationRequest__Output } from './courtbridge/v1/RegisterMediationRequest.js';
import type { ReportPerformanceRequest as _courtbridge_v1_ReportPerformanceRequest, ReportPerformanceRequest__Output as _courtbridge_v1_ReportPerformanceRequest__Output } from './courtbridge/v1/ReportPerformanceRequest.js';
import type { ReportWithdrawalRequest as _courtbridge_v1_ReportWithdrawalRequest, ReportWithdrawalRequest__Output as _courtbridge_v1_ReportWithdrawalRequest__Output } from './courtbridge/v1/ReportWithdrawalRequest.js';
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from './courtbridge/v1/SignedHeader.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from './courtbridge/v1/SmtProof.js';
import type { Validator as _courtbridge_v1_Validator, Validator__Output as _courtbridge_v1_Validator__Output } from './courtbridge/v1/Validator.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from './courtbridge/v1/ValidatorSet.js';
import type { WatchCaseRequest as _courtbridge_v1_WatchCaseRequest, WatchCaseRequest__Output as _courtbridge_v1_WatchCaseRequest__Output } from './courtbridge/v1/WatchCaseRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  courtbridge: {
    v1: {
      Absence: MessageTypeDefinition<_courtbridge_v1_Absence, _courtbridge_v1_Absence__Output>
      AdminApproval: MessageTypeDefinition<_courtbridge_v1_AdminApproval, _courtbridge_v1_AdminApproval__Output>
      Attestation: MessageTypeDefinition<_courtbridge_v1_Attestation, _courtbridge_v1_Attestation__Output>
      AuditEntry: MessageTypeDefinition<_courtbridge_v1_AuditEntry, _courtbridge_v1_AuditEntry__Output>
      CaseStatus: EnumTypeDefinition
      CaseUpdate: MessageTypeDefinition<_courtbridge_v1_CaseUpdate, _courtbridge_v1_CaseUpdate__Output>
      Commit: MessageTypeDefinition<_courtbridge_v1_Commit, _courtbridge_v1_Commit__Output>
      CommitSignature: MessageTypeDefinition<_courtbridge_v1_CommitSignature, _courtbridge_v1_CommitSignature__Output>
      CreditorRank: EnumTypeDefinition
      EvmEvidence: MessageTypeDefinition<_courtbridge_v1_EvmEvidence, _courtbridge_v1_EvmEvidence__Output>
      EvmStateProof: MessageTypeDefinition<_courtbridge_v1_EvmStateProof, _courtbridge_v1_EvmStateProof__Output>
      EvmStorageProof: MessageTypeDefinition<_courtbridge_v1_EvmStorageProof, _courtbridge_v1_EvmStorageProof__Output>
      ExportAuditLogRequest: MessageTypeDefinition<_courtbridge_v1_ExportAuditLogRequest, _courtbridge_v1_ExportAuditLogRequest__Output>
      Failure: MessageTypeDefinition<_courtbridge_v1_Failure, _courtbridge_v1_Failure__Output>
      GetCaseRequest: MessageTypeDefinition<_courtbridge_v1_GetCaseRequest, _courtbridge_v1_GetCaseRequest__Output>
      Header: MessageTypeDefinition<_courtbridge_v1_Header, _courtbridge_v1_Header__Output>
      HeaderRef: MessageTypeDefinition<_courtbridge_v1_HeaderRef, _courtbridge_v1_HeaderRef__Output>
      InstrumentKind: EnumTypeDefinition
      JudicialInstrument: MessageTypeDefinition<_courtbridge_v1_JudicialInstrument, _courtbridge_v1_JudicialInstrument__Output>
      LatestHeight: MessageTypeDefinition<_courtbridge_v1_LatestHeight, _courtbridge_v1_LatestHeight__Output>
      ListCasesRequest: MessageTypeDefinition<_courtbridge_v1_ListCasesRequest, _courtbridge_v1_ListCasesRequest__Output>
      ListCasesResponse: MessageTypeDefinition<_courtbridge_v1_ListCasesResponse, _courtbridge_v1_ListCasesResponse__Output>
      Mediation: MessageTypeDefinition<_courtbridge_v1_Mediation, _courtbridge_v1_Mediation__Output>
      MediationAgreement: MessageTypeDefinition<_courtbridge_v1_MediationAgreement, _courtbridge_v1_MediationAgreement__Output>
      MediationCase: MessageTypeDefinition<_courtbridge_v1_MediationCase, _courtbridge_v1_MediationCase__Output>
      MediationParty: MessageTypeDefinition<_courtbridge_v1_MediationParty, _courtbridge_v1_MediationParty__Output>
      MediationProgress: MessageTypeDefinition<_courtbridge_v1_MediationProgress, _courtbridge_v1_MediationProgress__Output>
      MediationRole: EnumTypeDefinition
      /**
       * Registers court-confirmed mediation agreements and tracks their performance; when an
       * obligation is not performed by its deadline the contract files the enforcement case and
       * orders investigation, freezing and credit punishment automatically (policy: "smart
       * contracts ... file the enforcement case automatically"), every step in the audit log.
       * 
       * Served by every gateway node: the gateway authenticates the caller (bearer token, the policy
       * table src/relay/policy.ts) and forwards the call over NATS request/reply, in a signed envelope,
       * to the workflow service (`courtbridge workflows start`), whose replicas share the contract's
       * state. Every method may also fail UNAVAILABLE (`workflows_unavailable`) when no workflow
       * service is running, and DEADLINE_EXCEEDED (`deadline_exceeded`) when none answers in time.
       */
      MediationService: SubtypeConstructor<typeof grpc.Client, _courtbridge_v1_MediationServiceClient> & { service: _courtbridge_v1_MediationServiceDefinition }
      MediationStatus: EnumTypeDefinition
      MediationWithdrawal: MessageTypeDefinition<_courtbridge_v1_MediationWithdrawal, _courtbridge_v1_MediationWithdrawal__Output>
      Misbehaviour: MessageTypeDefinition<_courtbridge_v1_Misbehaviour, _courtbridge_v1_Misbehaviour__Output>
      Notarization: MessageTypeDefinition<_courtbridge_v1_Notarization, _courtbridge_v1_Notarization__Output>
      NotaryRecordEvidence: MessageTypeDefinition<_courtbridge_v1_NotaryRecordEvidence, _courtbridge_v1_NotaryRecordEvidence__Output>
      NotarySignature: MessageTypeDefinition<_courtbridge_v1_NotarySignature, _courtbridge_v1_NotarySignature__Output>
      Obligation: MessageTypeDefinition<_courtbridge_v1_Obligation, _courtbridge_v1_Obligation__Output>
      ObligationProgress: EnumTypeDefinition
      ObligationState: MessageTypeDefinition<_courtbridge_v1_ObligationState, _courtbridge_v1_ObligationState__Output>
      PageRequest: MessageTypeDefinition<_courtbridge_v1_PageRequest, _courtbridge_v1_PageRequest__Output>
      Party: MessageTypeDefinition<_courtbridge_v1_Party, _courtbridge_v1_Party__Output>
      PartyRole: EnumTypeDefinition
      Payment: MessageTypeDefinition<_courtbridge_v1_Payment, _courtbridge_v1_Payment__Output>
      PaymentStatus: EnumTypeDefinition
      PerformanceReport: MessageTypeDefinition<_courtbridge_v1_PerformanceReport, _courtbridge_v1_PerformanceReport__Output>
      ProofKind: EnumTypeDefinition
      QueryHeight: MessageTypeDefinition<_courtbridge_v1_QueryHeight, _courtbridge_v1_QueryHeight__Output>
      Record: MessageTypeDefinition<_courtbridge_v1_Record, _courtbridge_v1_Record__Output>
      RecordQuery: MessageTypeDefinition<_courtbridge_v1_RecordQuery, _courtbridge_v1_RecordQuery__Output>
      RegisterAgreementRequest: MessageTypeDefinition<_courtbridge_v1_RegisterAgreementRequest, _courtbridge_v1_RegisterAgreementRequest__Output>
      RegisterJudgmentRequest: MessageTypeDefinition<_courtbridge_v1_RegisterJudgmentRequest, _courtbridge_v1_RegisterJudgmentRequest__Output>
      RegisterMediationRequest: MessageTypeDefinition<_courtbridge_v1_RegisterMediationRequest, _courtbridge_v1_RegisterMediationRequest__Output>
      ReportPerformanceRequest: MessageTypeDefinition<_courtbridge_v1_ReportPerformanceRequest, _courtbridge_v1_ReportPerformanceRequest__Output>
      ReportWithdrawalRequest: MessageTypeDefinition<_courtbridge_v1_ReportWithdrawalRequest, _courtbridge_v1_ReportWithdrawalRequest__Output>
      SignedHeader: MessageTypeDefinition<_courtbridge_v1_SignedHeader, _courtbridge_v1_SignedHeader__Output>
      SmtProof: MessageTypeDefinition<_courtbridge_v1_SmtProof, _courtbridge_v1_SmtProof__Output>
      Validator: MessageTypeDefinition<_courtbridge_v1_Validator, _courtbridge_v1_Validator__Output>
      ValidatorSet: MessageTypeDefinition<_courtbridge_v1_ValidatorSet, _courtbridge_v1_ValidatorSet__Output>
      WatchCaseRequest: MessageTypeDefinition<_courtbridge_v1_WatchCaseRequest, _courtbridge_v1_WatchCaseRequest__Output>
    }
  }
}


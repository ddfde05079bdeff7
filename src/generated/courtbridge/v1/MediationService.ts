// Original file: courtbridge/v1/mediation.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuditEntry as _courtbridge_v1_AuditEntry, AuditEntry__Output as _courtbridge_v1_AuditEntry__Output } from '../../courtbridge/v1/AuditEntry.js';
import type { CaseUpdate as _courtbridge_v1_CaseUpdate, CaseUpdate__Output as _courtbridge_v1_CaseUpdate__Output } from '../../courtbridge/v1/CaseUpdate.js';
import type { ExportAuditLogRequest as _courtbridge_v1_ExportAuditLogRequest, ExportAuditLogRequest__Output as _courtbridge_v1_ExportAuditLogRequest__Output } from '../../courtbridge/v1/ExportAuditLogRequest.js';
import type { GetCaseRequest as _courtbridge_v1_GetCaseRequest, GetCaseRequest__Output as _courtbridge_v1_GetCaseRequest__Output } from '../../courtbridge/v1/GetCaseRequest.js';
import type { ListCasesRequest as _courtbridge_v1_ListCasesRequest, ListCasesRequest__Output as _courtbridge_v1_ListCasesRequest__Output } from '../../courtbridge/v1/ListCasesRequest.js';
import type { ListCasesResponse as _courtbridge_v1_ListCasesResponse, ListCasesResponse__Output as _courtbridge_v1_ListCasesResponse__Output } from '../../courtbridge/v1/ListCasesResponse.js';
import type { MediationCase as _courtbridge_v1_MediationCase, MediationCase__Output as _courtbridge_v1_MediationCase__Output } from '../../courtbridge/v1/MediationCase.js';
import type { MediationProgress as _courtbridge_v1_MediationProgress, MediationProgress__Output as _courtbridge_v1_MediationProgress__Output } from '../../courtbridge/v1/MediationProgress.js';
import type { RegisterAgreementRequest as _courtbridge_v1_RegisterAgreementRequest, RegisterAgreementRequest__Output as _courtbridge_v1_RegisterAgreementRequest__Output } from '../../courtbridge/v1/RegisterAgreementRequest.js';
import type { RegisterJudgmentRequest as _courtbridge_v1_RegisterJudgmentRequest, RegisterJudgmentRequest__Output as _courtbridge_v1_RegisterJudgmentRequest__Output } from '../../courtbridge/v1/RegisterJudgmentRequest.js';
import type { RegisterMediationRequest as _courtbridge_v1_RegisterMediationRequest, RegisterMediationRequest__Output as _courtbridge_v1_RegisterMediationRequest__Output } from '../../courtbridge/v1/RegisterMediationRequest.js';
import type { ReportPerformanceRequest as _courtbridge_v1_ReportPerformanceRequest, ReportPerformanceRequest__Output as _courtbridge_v1_ReportPerformanceRequest__Output } from '../../courtbridge/v1/ReportPerformanceRequest.js';
import type { ReportWithdrawalRequest as _courtbridge_v1_ReportWithdrawalRequest, ReportWithdrawalRequest__Output as _courtbridge_v1_ReportWithdrawalRequest__Output } from '../../courtbridge/v1/ReportWithdrawalRequest.js';
import type { WatchCaseRequest as _courtbridge_v1_WatchCaseRequest, WatchCaseRequest__Output as _courtbridge_v1_WatchCaseRequest__Output } from '../../courtbridge/v1/WatchCaseRequest.js';

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
export interface MediationServiceClient extends grpc.Client {
  /**
   * Streams one case's audit entries in sequence order (a hash chain) as they are on the judicial
   * chain now, then ends; WatchCase follows new entries. For auditors and the parties' courts.
   * Caller: a court or an admin. Errors: NOT_FOUND (`unknown_case`), PERMISSION_DENIED (`out_of_role`).
   */
  ExportAuditLog(argument: _courtbridge_v1_ExportAuditLogRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_AuditEntry__Output>;
  ExportAuditLog(argument: _courtbridge_v1_ExportAuditLogRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_AuditEntry__Output>;
  /**
   * Streams one case's audit entries in sequence order (a hash chain) as they are on the judicial
   * chain now, then ends; WatchCase follows new entries. For auditors and the parties' courts.
   * Caller: a court or an admin. Errors: NOT_FOUND (`unknown_case`), PERMISSION_DENIED (`out_of_role`).
   */
  exportAuditLog(argument: _courtbridge_v1_ExportAuditLogRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_AuditEntry__Output>;
  exportAuditLog(argument: _courtbridge_v1_ExportAuditLogRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_AuditEntry__Output>;
  
  /**
   * The current state of a case. Caller: a court or an agency. Errors: NOT_FOUND
   * (`unknown_case`), PERMISSION_DENIED (`out_of_role`).
   */
  GetCase(argument: _courtbridge_v1_GetCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  GetCase(argument: _courtbridge_v1_GetCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  GetCase(argument: _courtbridge_v1_GetCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  GetCase(argument: _courtbridge_v1_GetCaseRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  /**
   * The current state of a case. Caller: a court or an agency. Errors: NOT_FOUND
   * (`unknown_case`), PERMISSION_DENIED (`out_of_role`).
   */
  getCase(argument: _courtbridge_v1_GetCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  getCase(argument: _courtbridge_v1_GetCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  getCase(argument: _courtbridge_v1_GetCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  getCase(argument: _courtbridge_v1_GetCaseRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  
  /**
   * The cases (agreements, judgments and rulings) with one of the given statuses, in case-id
   * order, a page at a time. A court sees the cases it registered; an admin sees every case.
   * Caller: a court or an admin. Errors: INVALID_ARGUMENT (`page_token_invalid`,
   * `limit_invalid`), PERMISSION_DENIED (`out_of_role`).
   */
  ListCases(argument: _courtbridge_v1_ListCasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  ListCases(argument: _courtbridge_v1_ListCasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  ListCases(argument: _courtbridge_v1_ListCasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  ListCases(argument: _courtbridge_v1_ListCasesRequest, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The cases (agreements, judgments and rulings) with one of the given statuses, in case-id
   * order, a page at a time. A court sees the cases it registered; an admin sees every case.
   * Caller: a court or an admin. Errors: INVALID_ARGUMENT (`page_token_invalid`,
   * `limit_invalid`), PERMISSION_DENIED (`out_of_role`).
   */
  listCases(argument: _courtbridge_v1_ListCasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  listCases(argument: _courtbridge_v1_ListCasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  listCases(argument: _courtbridge_v1_ListCasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  listCases(argument: _courtbridge_v1_ListCasesRequest, callback: grpc.requestCallback<_courtbridge_v1_ListCasesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A court registers a signed agreement. Caller: a court. Errors: INVALID_ARGUMENT (`agreement_malformed`),
   * UNAUTHENTICATED (`court_signature_invalid`), PERMISSION_DENIED (`revoked`, `out_of_role`),
   * ALREADY_EXISTS (`case_exists` with a different agreement).
   */
  RegisterAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  RegisterAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  RegisterAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  RegisterAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  /**
   * A court registers a signed agreement. Caller: a court. Errors: INVALID_ARGUMENT (`agreement_malformed`),
   * UNAUTHENTICATED (`court_signature_invalid`), PERMISSION_DENIED (`revoked`, `out_of_role`),
   * ALREADY_EXISTS (`case_exists` with a different agreement).
   */
  registerAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  registerAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  registerAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  registerAgreement(argument: _courtbridge_v1_RegisterAgreementRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  
  /**
   * A court registers an effective judgment or ruling (判决/裁定): unperformed past its deadline,
   * it is enforced like an agreement. Caller: a court. Errors: INVALID_ARGUMENT (`instrument_malformed`),
   * UNAUTHENTICATED (`court_signature_invalid`), PERMISSION_DENIED (`out_of_role`, `revoked`),
   * ALREADY_EXISTS (`case_exists`).
   */
  RegisterJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  RegisterJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  RegisterJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  RegisterJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  /**
   * A court registers an effective judgment or ruling (判决/裁定): unperformed past its deadline,
   * it is enforced like an agreement. Caller: a court. Errors: INVALID_ARGUMENT (`instrument_malformed`),
   * UNAUTHENTICATED (`court_signature_invalid`), PERMISSION_DENIED (`out_of_role`, `revoked`),
   * ALREADY_EXISTS (`case_exists`).
   */
  registerJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  registerJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  registerJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  registerJudgment(argument: _courtbridge_v1_RegisterJudgmentRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  
  /**
   * A court registers a mediation in progress, with its deadline for an agreement. Caller: a
   * court. Errors:
   * INVALID_ARGUMENT (`mediation_malformed`), UNAUTHENTICATED (`court_signature_invalid`),
   * PERMISSION_DENIED (`out_of_role`, `revoked`), ALREADY_EXISTS (`case_exists`).
   */
  RegisterMediation(argument: _courtbridge_v1_RegisterMediationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  RegisterMediation(argument: _courtbridge_v1_RegisterMediationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  RegisterMediation(argument: _courtbridge_v1_RegisterMediationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  RegisterMediation(argument: _courtbridge_v1_RegisterMediationRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  /**
   * A court registers a mediation in progress, with its deadline for an agreement. Caller: a
   * court. Errors:
   * INVALID_ARGUMENT (`mediation_malformed`), UNAUTHENTICATED (`court_signature_invalid`),
   * PERMISSION_DENIED (`out_of_role`, `revoked`), ALREADY_EXISTS (`case_exists`).
   */
  registerMediation(argument: _courtbridge_v1_RegisterMediationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  registerMediation(argument: _courtbridge_v1_RegisterMediationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  registerMediation(argument: _courtbridge_v1_RegisterMediationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  registerMediation(argument: _courtbridge_v1_RegisterMediationRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  
  /**
   * The obligee, its lawyer or an agency reports that an obligation was performed.
   * Caller: a court or an agency. Errors: INVALID_ARGUMENT (`report_malformed`), UNAUTHENTICATED
   * (`reporter_signature_invalid`), PERMISSION_DENIED (`revoked`), NOT_FOUND (`unknown_case`,
   * `unknown_obligation`).
   */
  ReportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  ReportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  ReportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  ReportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  /**
   * The obligee, its lawyer or an agency reports that an obligation was performed.
   * Caller: a court or an agency. Errors: INVALID_ARGUMENT (`report_malformed`), UNAUTHENTICATED
   * (`reporter_signature_invalid`), PERMISSION_DENIED (`revoked`), NOT_FOUND (`unknown_case`,
   * `unknown_obligation`).
   */
  reportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  reportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  reportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  reportPerformance(argument: _courtbridge_v1_ReportPerformanceRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationCase__Output>): grpc.ClientUnaryCall;
  
  /**
   * The court or the mediator reports that a party withdrew: the mediation fails and the case is
   * filed for trial. Caller: a court (the court or the mediator signs the withdrawal). Errors:
   * INVALID_ARGUMENT (`withdrawal_malformed`), UNAUTHENTICATED (`reporter_signature_invalid`),
   * PERMISSION_DENIED (`revoked`, `reporter_not_mediator`), NOT_FOUND (`unknown_case`, `unknown_mediation_party`),
   * FAILED_PRECONDITION (`mediation_closed`).
   */
  ReportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  ReportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  ReportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  ReportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  /**
   * The court or the mediator reports that a party withdrew: the mediation fails and the case is
   * filed for trial. Caller: a court (the court or the mediator signs the withdrawal). Errors:
   * INVALID_ARGUMENT (`withdrawal_malformed`), UNAUTHENTICATED (`reporter_signature_invalid`),
   * PERMISSION_DENIED (`revoked`, `reporter_not_mediator`), NOT_FOUND (`unknown_case`, `unknown_mediation_party`),
   * FAILED_PRECONDITION (`mediation_closed`).
   */
  reportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  reportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  reportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  reportWithdrawal(argument: _courtbridge_v1_ReportWithdrawalRequest, callback: grpc.requestCallback<_courtbridge_v1_MediationProgress__Output>): grpc.ClientUnaryCall;
  
  /**
   * A case's audit entries from `from_sequence`: first those already on the judicial chain, then
   * each new one as the contract writes it, until the caller cancels. Each update carries the
   * signed entry as stored on the judicial chain (`AuditEntry.record`), so a client checks
   * sha256(record) = entry_hash, the link to the previous entry and the signature itself.
   * Caller: the case's court, or an admin. Errors: NOT_FOUND (`unknown_case`), PERMISSION_DENIED
   * (`out_of_role`, `not_case_court`); UNAVAILABLE (`workflows_unavailable`) ends a watch whose
   * workflow service went away: watch again from the next sequence.
   */
  WatchCase(argument: _courtbridge_v1_WatchCaseRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_CaseUpdate__Output>;
  WatchCase(argument: _courtbridge_v1_WatchCaseRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_CaseUpdate__Output>;
  /**
   * A case's audit entries from `from_sequence`: first those already on the judicial chain, then
   * each new one as the contract writes it, until the caller cancels. Each update carries the
   * signed entry as stored on the judicial chain (`AuditEntry.record`), so a client checks
   * sha256(record) = entry_hash, the link to the previous entry and the signature itself.
   * Caller: the case's court, or an admin. Errors: NOT_FOUND (`unknown_case`), PERMISSION_DENIED
   * (`out_of_role`, `not_case_court`); UNAVAILABLE (`workflows_unavailable`) ends a watch whose
   * workflow service went away: watch again from the next sequence.
   */
  watchCase(argument: _courtbridge_v1_WatchCaseRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_CaseUpdate__Output>;
  watchCase(argument: _courtbridge_v1_WatchCaseRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_CaseUpdate__Output>;
  
}

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
export interface MediationServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Streams one case's audit entries in sequence order (a hash chain) as they are on the judicial
   * chain now, then ends; WatchCase follows new entries. For auditors and the parties' courts.
   * Caller: a court or an admin. Errors: NOT_FOUND (`unknown_case`), PERMISSION_DENIED (`out_of_role`).
   */
  ExportAuditLog: grpc.handleServerStreamingCall<_courtbridge_v1_ExportAuditLogRequest__Output, _courtbridge_v1_AuditEntry>;
  
  /**
   * The current state of a case. Caller: a court or an agency. Errors: NOT_FOUND
   * (`unknown_case`), PERMISSION_DENIED (`out_of_role`).
   */
  GetCase: grpc.handleUnaryCall<_courtbridge_v1_GetCaseRequest__Output, _courtbridge_v1_MediationCase>;
  
  /**
   * The cases (agreements, judgments and rulings) with one of the given statuses, in case-id
   * order, a page at a time. A court sees the cases it registered; an admin sees every case.
   * Caller: a court or an admin. Errors: INVALID_ARGUMENT (`page_token_invalid`,
   * `limit_invalid`), PERMISSION_DENIED (`out_of_role`).
   */
  ListCases: grpc.handleUnaryCall<_courtbridge_v1_ListCasesRequest__Output, _courtbridge_v1_ListCasesResponse>;
  
  /**
   * A court registers a signed agreement. Caller: a court. Errors: INVALID_ARGUMENT (`agreement_malformed`),
   * UNAUTHENTICATED (`court_signature_invalid`), PERMISSION_DENIED (`revoked`, `out_of_role`),
   * ALREADY_EXISTS (`case_exists` with a different agreement).
   */
  RegisterAgreement: grpc.handleUnaryCall<_courtbridge_v1_RegisterAgreementRequest__Output, _courtbridge_v1_MediationCase>;
  
  /**
   * A court registers an effective judgment or ruling (判决/裁定): unperformed past its deadline,
   * it is enforced like an agreement. Caller: a court. Errors: INVALID_ARGUMENT (`instrument_malformed`),
   * UNAUTHENTICATED (`court_signature_invalid`), PERMISSION_DENIED (`out_of_role`, `revoked`),
   * ALREADY_EXISTS (`case_exists`).
   */
  RegisterJudgment: grpc.handleUnaryCall<_courtbridge_v1_RegisterJudgmentRequest__Output, _courtbridge_v1_MediationCase>;
  
  /**
   * A court registers a mediation in progress, with its deadline for an agreement. Caller: a
   * court. Errors:
   * INVALID_ARGUMENT (`mediation_malformed`), UNAUTHENTICATED (`court_signature_invalid`),
   * PERMISSION_DENIED (`out_of_role`, `revoked`), ALREADY_EXISTS (`case_exists`).
   */
  RegisterMediation: grpc.handleUnaryCall<_courtbridge_v1_RegisterMediationRequest__Output, _courtbridge_v1_MediationProgress>;
  
  /**
   * The obligee, its lawyer or an agency reports that an obligation was performed.
   * Caller: a court or an agency. Errors: INVALID_ARGUMENT (`report_malformed`), UNAUTHENTICATED
   * (`reporter_signature_invalid`), PERMISSION_DENIED (`revoked`), NOT_FOUND (`unknown_case`,
   * `unknown_obligation`).
   */
  ReportPerformance: grpc.handleUnaryCall<_courtbridge_v1_ReportPerformanceRequest__Output, _courtbridge_v1_MediationCase>;
  
  /**
   * The court or the mediator reports that a party withdrew: the mediation fails and the case is
   * filed for trial. Caller: a court (the court or the mediator signs the withdrawal). Errors:
   * INVALID_ARGUMENT (`withdrawal_malformed`), UNAUTHENTICATED (`reporter_signature_invalid`),
   * PERMISSION_DENIED (`revoked`, `reporter_not_mediator`), NOT_FOUND (`unknown_case`, `unknown_mediation_party`),
   * FAILED_PRECONDITION (`mediation_closed`).
   */
  ReportWithdrawal: grpc.handleUnaryCall<_courtbridge_v1_ReportWithdrawalRequest__Output, _courtbridge_v1_MediationProgress>;
  
  /**
   * A case's audit entries from `from_sequence`: first those already on the judicial chain, then
   * each new one as the contract writes it, until the caller cancels. Each update carries the
   * signed entry as stored on the judicial chain (`AuditEntry.record`), so a client checks
   * sha256(record) = entry_hash, the link to the previous entry and the signature itself.
   * Caller: the case's court, or an admin. Errors: NOT_FOUND (`unknown_case`), PERMISSION_DENIED
   * (`out_of_role`, `not_case_court`); UNAVAILABLE (`workflows_unavailable`) ends a watch whose
   * workflow service went away: watch again from the next sequence.
   */
  WatchCase: grpc.handleServerStreamingCall<_courtbridge_v1_WatchCaseRequest__Output, _courtbridge_v1_CaseUpdate>;
  
}

export interface MediationServiceDefinition extends grpc.ServiceDefinition {
  ExportAuditLog: MethodDefinition<_courtbridge_v1_ExportAuditLogRequest, _courtbridge_v1_AuditEntry, _courtbridge_v1_ExportAuditLogRequest__Output, _courtbridge_v1_AuditEntry__Output>
  GetCase: MethodDefinition<_courtbridge_v1_GetCaseRequest, _courtbridge_v1_MediationCase, _courtbridge_v1_GetCaseRequest__Output, _courtbridge_v1_MediationCase__Output>
  ListCases: MethodDefinition<_courtbridge_v1_ListCasesRequest, _courtbridge_v1_ListCasesResponse, _courtbridge_v1_ListCasesRequest__Output, _courtbridge_v1_ListCasesResponse__Output>
  RegisterAgreement: MethodDefinition<_courtbridge_v1_RegisterAgreementRequest, _courtbridge_v1_MediationCase, _courtbridge_v1_RegisterAgreementRequest__Output, _courtbridge_v1_MediationCase__Output>
  RegisterJudgment: MethodDefinition<_courtbridge_v1_RegisterJudgmentRequest, _courtbridge_v1_MediationCase, _courtbridge_v1_RegisterJudgmentRequest__Output, _courtbridge_v1_MediationCase__Output>
  RegisterMediation: MethodDefinition<_courtbridge_v1_RegisterMediationRequest, _courtbridge_v1_MediationProgress, _courtbridge_v1_RegisterMediationRequest__Output, _courtbridge_v1_MediationProgress__Output>
  ReportPerformance: MethodDefinition<_courtbridge_v1_ReportPerformanceRequest, _courtbridge_v1_MediationCase, _courtbridge_v1_ReportPerformanceRequest__Output, _courtbridge_v1_MediationCase__Output>
  ReportWithdrawal: MethodDefinition<_courtbridge_v1_ReportWithdrawalRequest, _courtbridge_v1_MediationProgress, _courtbridge_v1_ReportWithdrawalRequest__Output, _courtbridge_v1_MediationProgress__Output>
  WatchCase: MethodDefinition<_courtbridge_v1_WatchCaseRequest, _courtbridge_v1_CaseUpdate, _courtbridge_v1_WatchCaseRequest__Output, _courtbridge_v1_CaseUpdate__Output>
}

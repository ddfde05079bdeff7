// Original file: courtbridge/v1/action_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Action as _courtbridge_v1_Action, Action__Output as _courtbridge_v1_Action__Output } from '../../courtbridge/v1/Action.js';
import type { GetActionRequest as _courtbridge_v1_GetActionRequest, GetActionRequest__Output as _courtbridge_v1_GetActionRequest__Output } from '../../courtbridge/v1/GetActionRequest.js';
import type { ListActionsRequest as _courtbridge_v1_ListActionsRequest, ListActionsRequest__Output as _courtbridge_v1_ListActionsRequest__Output } from '../../courtbridge/v1/ListActionsRequest.js';
import type { ListActionsResponse as _courtbridge_v1_ListActionsResponse, ListActionsResponse__Output as _courtbridge_v1_ListActionsResponse__Output } from '../../courtbridge/v1/ListActionsResponse.js';
import type { SubmitActionRequest as _courtbridge_v1_SubmitActionRequest, SubmitActionRequest__Output as _courtbridge_v1_SubmitActionRequest__Output } from '../../courtbridge/v1/SubmitActionRequest.js';
import type { WatchActionsRequest as _courtbridge_v1_WatchActionsRequest, WatchActionsRequest__Output as _courtbridge_v1_WatchActionsRequest__Output } from '../../courtbridge/v1/WatchActionsRequest.js';

/**
 * Courts submit signed orders (freeze, seize, list, restrict, release) and follow them to a
 * signed, proven result. Callers: courts (role "court"); the order's signer must be the
 * caller's court.
 */
export interface ActionServiceClient extends grpc.Client {
  /**
   * One action by id. Errors: NOT_FOUND (`unknown_action`), PERMISSION_DENIED (another
   * court's action).
   */
  GetAction(argument: _courtbridge_v1_GetActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  GetAction(argument: _courtbridge_v1_GetActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  GetAction(argument: _courtbridge_v1_GetActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  GetAction(argument: _courtbridge_v1_GetActionRequest, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  /**
   * One action by id. Errors: NOT_FOUND (`unknown_action`), PERMISSION_DENIED (another
   * court's action).
   */
  getAction(argument: _courtbridge_v1_GetActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  getAction(argument: _courtbridge_v1_GetActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  getAction(argument: _courtbridge_v1_GetActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  getAction(argument: _courtbridge_v1_GetActionRequest, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  
  /**
   * The caller's actions, newest first, filtered. Errors: INVALID_ARGUMENT (bad page token).
   */
  ListActions(argument: _courtbridge_v1_ListActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  ListActions(argument: _courtbridge_v1_ListActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  ListActions(argument: _courtbridge_v1_ListActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  ListActions(argument: _courtbridge_v1_ListActionsRequest, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The caller's actions, newest first, filtered. Errors: INVALID_ARGUMENT (bad page token).
   */
  listActions(argument: _courtbridge_v1_ListActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  listActions(argument: _courtbridge_v1_ListActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  listActions(argument: _courtbridge_v1_ListActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  listActions(argument: _courtbridge_v1_ListActionsRequest, callback: grpc.requestCallback<_courtbridge_v1_ListActionsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Submits an action. Idempotent on action_id: resubmitting the same order returns the
   * stored action; the same id with a different order is ALREADY_EXISTS
   * (`action_id_conflict`). Errors: INVALID_ARGUMENT (`order_malformed`, `order_mismatch`
   * when fields differ from the order's claims), UNAUTHENTICATED (`order_signature_invalid`),
   * PERMISSION_DENIED (`out_of_role`, `chain_not_allowed`), FAILED_PRECONDITION
   * (`judicial_proof_invalid`, `client_frozen`), UNAVAILABLE (`breaker_open`).
   */
  SubmitAction(argument: _courtbridge_v1_SubmitActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  SubmitAction(argument: _courtbridge_v1_SubmitActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  SubmitAction(argument: _courtbridge_v1_SubmitActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  SubmitAction(argument: _courtbridge_v1_SubmitActionRequest, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  /**
   * Submits an action. Idempotent on action_id: resubmitting the same order returns the
   * stored action; the same id with a different order is ALREADY_EXISTS
   * (`action_id_conflict`). Errors: INVALID_ARGUMENT (`order_malformed`, `order_mismatch`
   * when fields differ from the order's claims), UNAUTHENTICATED (`order_signature_invalid`),
   * PERMISSION_DENIED (`out_of_role`, `chain_not_allowed`), FAILED_PRECONDITION
   * (`judicial_proof_invalid`, `client_frozen`), UNAVAILABLE (`breaker_open`).
   */
  submitAction(argument: _courtbridge_v1_SubmitActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  submitAction(argument: _courtbridge_v1_SubmitActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  submitAction(argument: _courtbridge_v1_SubmitActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  submitAction(argument: _courtbridge_v1_SubmitActionRequest, callback: grpc.requestCallback<_courtbridge_v1_Action__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams the current state of the given actions, then every change, until each reaches
   * a final status (EXECUTED, REJECTED, FAILED) or the caller cancels. Errors: NOT_FOUND.
   */
  WatchActions(argument: _courtbridge_v1_WatchActionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_Action__Output>;
  WatchActions(argument: _courtbridge_v1_WatchActionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_Action__Output>;
  /**
   * Streams the current state of the given actions, then every change, until each reaches
   * a final status (EXECUTED, REJECTED, FAILED) or the caller cancels. Errors: NOT_FOUND.
   */
  watchActions(argument: _courtbridge_v1_WatchActionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_Action__Output>;
  watchActions(argument: _courtbridge_v1_WatchActionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_courtbridge_v1_Action__Output>;
  
}

/**
 * Courts submit signed orders (freeze, seize, list, restrict, release) and follow them to a
 * signed, proven result. Callers: courts (role "court"); the order's signer must be the
 * caller's court.
 */
export interface ActionServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One action by id. Errors: NOT_FOUND (`unknown_action`), PERMISSION_DENIED (another
   * court's action).
   */
  GetAction: grpc.handleUnaryCall<_courtbridge_v1_GetActionRequest__Output, _courtbridge_v1_Action>;
  
  /**
   * The caller's actions, newest first, filtered. Errors: INVALID_ARGUMENT (bad page token).
   */
  ListActions: grpc.handleUnaryCall<_courtbridge_v1_ListActionsRequest__Output, _courtbridge_v1_ListActionsResponse>;
  
  /**
   * Submits an action. Idempotent on action_id: resubmitting the same order returns the
   * stored action; the same id with a different order is ALREADY_EXISTS
   * (`action_id_conflict`). Errors: INVALID_ARGUMENT (`order_malformed`, `order_mismatch`
   * when fields differ from the order's claims), UNAUTHENTICATED (`order_signature_invalid`),
   * PERMISSION_DENIED (`out_of_role`, `chain_not_allowed`), FAILED_PRECONDITION
   * (`judicial_proof_invalid`, `client_frozen`), UNAVAILABLE (`breaker_open`).
   */
  SubmitAction: grpc.handleUnaryCall<_courtbridge_v1_SubmitActionRequest__Output, _courtbridge_v1_Action>;
  
  /**
   * Streams the current state of the given actions, then every change, until each reaches
   * a final status (EXECUTED, REJECTED, FAILED) or the caller cancels. Errors: NOT_FOUND.
   */
  WatchActions: grpc.handleServerStreamingCall<_courtbridge_v1_WatchActionsRequest__Output, _courtbridge_v1_Action>;
  
}

export interface ActionServiceDefinition extends grpc.ServiceDefinition {
  GetAction: MethodDefinition<_courtbridge_v1_GetActionRequest, _courtbridge_v1_Action, _courtbridge_v1_GetActionRequest__Output, _courtbridge_v1_Action__Output>
  ListActions: MethodDefinition<_courtbridge_v1_ListActionsRequest, _courtbridge_v1_ListActionsResponse, _courtbridge_v1_ListActionsRequest__Output, _courtbridge_v1_ListActionsResponse__Output>
  SubmitAction: MethodDefinition<_courtbridge_v1_SubmitActionRequest, _courtbridge_v1_Action, _courtbridge_v1_SubmitActionRequest__Output, _courtbridge_v1_Action__Output>
  WatchActions: MethodDefinition<_courtbridge_v1_WatchActionsRequest, _courtbridge_v1_Action, _courtbridge_v1_WatchActionsRequest__Output, _courtbridge_v1_Action__Output>
}

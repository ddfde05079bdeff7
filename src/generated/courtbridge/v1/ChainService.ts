// Original file: courtbridge/v1/chain.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChainStatus as _courtbridge_v1_ChainStatus, ChainStatus__Output as _courtbridge_v1_ChainStatus__Output } from '../../courtbridge/v1/ChainStatus.js';
import type { GetChainStatusRequest as _courtbridge_v1_GetChainStatusRequest, GetChainStatusRequest__Output as _courtbridge_v1_GetChainStatusRequest__Output } from '../../courtbridge/v1/GetChainStatusRequest.js';
import type { ListChainsRequest as _courtbridge_v1_ListChainsRequest, ListChainsRequest__Output as _courtbridge_v1_ListChainsRequest__Output } from '../../courtbridge/v1/ListChainsRequest.js';
import type { ListChainsResponse as _courtbridge_v1_ListChainsResponse, ListChainsResponse__Output as _courtbridge_v1_ListChainsResponse__Output } from '../../courtbridge/v1/ListChainsResponse.js';
import type { ResetBreakerRequest as _courtbridge_v1_ResetBreakerRequest, ResetBreakerRequest__Output as _courtbridge_v1_ResetBreakerRequest__Output } from '../../courtbridge/v1/ResetBreakerRequest.js';
import type { TripBreakerRequest as _courtbridge_v1_TripBreakerRequest, TripBreakerRequest__Output as _courtbridge_v1_TripBreakerRequest__Output } from '../../courtbridge/v1/TripBreakerRequest.js';
import type { UnfreezeChainRequest as _courtbridge_v1_UnfreezeChainRequest, UnfreezeChainRequest__Output as _courtbridge_v1_UnfreezeChainRequest__Output } from '../../courtbridge/v1/UnfreezeChainRequest.js';

/**
 * Chains of the alliance and the state of the gateway's light client for each.
 * Read methods are open to any authenticated member; UnfreezeChain, TripBreaker and
 * ResetBreaker are for operators and must carry a quorum of admin approvals.
 */
export interface ChainServiceClient extends grpc.Client {
  /**
   * The light client and adapter state of one chain. Errors: INVALID_ARGUMENT (empty
   * chain_id), NOT_FOUND (`unknown_chain`), UNAUTHENTICATED.
   */
  GetChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  GetChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  GetChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  GetChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  /**
   * The light client and adapter state of one chain. Errors: INVALID_ARGUMENT (empty
   * chain_id), NOT_FOUND (`unknown_chain`), UNAUTHENTICATED.
   */
  getChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  getChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  getChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  getChainStatus(argument: _courtbridge_v1_GetChainStatusRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the chains the gateway is configured for. Called by courts and integrators to
   * discover chain ids and record types. Errors: UNAUTHENTICATED.
   */
  ListChains(argument: _courtbridge_v1_ListChainsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  ListChains(argument: _courtbridge_v1_ListChainsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  ListChains(argument: _courtbridge_v1_ListChainsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  ListChains(argument: _courtbridge_v1_ListChainsRequest, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the chains the gateway is configured for. Called by courts and integrators to
   * discover chain ids and record types. Errors: UNAUTHENTICATED.
   */
  listChains(argument: _courtbridge_v1_ListChainsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  listChains(argument: _courtbridge_v1_ListChainsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  listChains(argument: _courtbridge_v1_ListChainsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  listChains(argument: _courtbridge_v1_ListChainsRequest, callback: grpc.requestCallback<_courtbridge_v1_ListChainsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Operator: closes the circuit breaker again. Errors as UnfreezeChain, with
   * FAILED_PRECONDITION `breaker_not_open`.
   */
  ResetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  ResetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  ResetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  ResetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  /**
   * Operator: closes the circuit breaker again. Errors as UnfreezeChain, with
   * FAILED_PRECONDITION `breaker_not_open`.
   */
  resetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  resetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  resetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  resetBreaker(argument: _courtbridge_v1_ResetBreakerRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  
  /**
   * Operator: opens the circuit breaker so the gateway stops forwarding to the chain's
   * adapters (queries answer UNAVAILABLE `breaker_open`). Errors as UnfreezeChain.
   */
  TripBreaker(argument: _courtbridge_v1_TripBreakerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  TripBreaker(argument: _courtbridge_v1_TripBreakerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  TripBreaker(argument: _courtbridge_v1_TripBreakerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  TripBreaker(argument: _courtbridge_v1_TripBreakerRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  /**
   * Operator: opens the circuit breaker so the gateway stops forwarding to the chain's
   * adapters (queries answer UNAVAILABLE `breaker_open`). Errors as UnfreezeChain.
   */
  tripBreaker(argument: _courtbridge_v1_TripBreakerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  tripBreaker(argument: _courtbridge_v1_TripBreakerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  tripBreaker(argument: _courtbridge_v1_TripBreakerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  tripBreaker(argument: _courtbridge_v1_TripBreakerRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  
  /**
   * Operator: resolves a frozen chain by installing a new trusted header chosen by the
   * admins. Returns the new status. Errors: INVALID_ARGUMENT (malformed order or header),
   * PERMISSION_DENIED (`approval_quorum_not_met`, `out_of_role`), FAILED_PRECONDITION
   * (`chain_not_frozen`, `stale_order`), NOT_FOUND (`unknown_chain`).
   */
  UnfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  UnfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  UnfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  UnfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  /**
   * Operator: resolves a frozen chain by installing a new trusted header chosen by the
   * admins. Returns the new status. Errors: INVALID_ARGUMENT (malformed order or header),
   * PERMISSION_DENIED (`approval_quorum_not_met`, `out_of_role`), FAILED_PRECONDITION
   * (`chain_not_frozen`, `stale_order`), NOT_FOUND (`unknown_chain`).
   */
  unfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  unfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  unfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  unfreezeChain(argument: _courtbridge_v1_UnfreezeChainRequest, callback: grpc.requestCallback<_courtbridge_v1_ChainStatus__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Chains of the alliance and the state of the gateway's light client for each.
 * Read methods are open to any authenticated member; UnfreezeChain, TripBreaker and
 * ResetBreaker are for operators and must carry a quorum of admin approvals.
 */
export interface ChainServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The light client and adapter state of one chain. Errors: INVALID_ARGUMENT (empty
   * chain_id), NOT_FOUND (`unknown_chain`), UNAUTHENTICATED.
   */
  GetChainStatus: grpc.handleUnaryCall<_courtbridge_v1_GetChainStatusRequest__Output, _courtbridge_v1_ChainStatus>;
  
  /**
   * Lists the chains the gateway is configured for. Called by courts and integrators to
   * discover chain ids and record types. Errors: UNAUTHENTICATED.
   */
  ListChains: grpc.handleUnaryCall<_courtbridge_v1_ListChainsRequest__Output, _courtbridge_v1_ListChainsResponse>;
  
  /**
   * Operator: closes the circuit breaker again. Errors as UnfreezeChain, with
   * FAILED_PRECONDITION `breaker_not_open`.
   */
  ResetBreaker: grpc.handleUnaryCall<_courtbridge_v1_ResetBreakerRequest__Output, _courtbridge_v1_ChainStatus>;
  
  /**
   * Operator: opens the circuit breaker so the gateway stops forwarding to the chain's
   * adapters (queries answer UNAVAILABLE `breaker_open`). Errors as UnfreezeChain.
   */
  TripBreaker: grpc.handleUnaryCall<_courtbridge_v1_TripBreakerRequest__Output, _courtbridge_v1_ChainStatus>;
  
  /**
   * Operator: resolves a frozen chain by installing a new trusted header chosen by the
   * admins. Returns the new status. Errors: INVALID_ARGUMENT (malformed order or header),
   * PERMISSION_DENIED (`approval_quorum_not_met`, `out_of_role`), FAILED_PRECONDITION
   * (`chain_not_frozen`, `stale_order`), NOT_FOUND (`unknown_chain`).
   */
  UnfreezeChain: grpc.handleUnaryCall<_courtbridge_v1_UnfreezeChainRequest__Output, _courtbridge_v1_ChainStatus>;
  
}

export interface ChainServiceDefinition extends grpc.ServiceDefinition {
  GetChainStatus: MethodDefinition<_courtbridge_v1_GetChainStatusRequest, _courtbridge_v1_ChainStatus, _courtbridge_v1_GetChainStatusRequest__Output, _courtbridge_v1_ChainStatus__Output>
  ListChains: MethodDefinition<_courtbridge_v1_ListChainsRequest, _courtbridge_v1_ListChainsResponse, _courtbridge_v1_ListChainsRequest__Output, _courtbridge_v1_ListChainsResponse__Output>
  ResetBreaker: MethodDefinition<_courtbridge_v1_ResetBreakerRequest, _courtbridge_v1_ChainStatus, _courtbridge_v1_ResetBreakerRequest__Output, _courtbridge_v1_ChainStatus__Output>
  TripBreaker: MethodDefinition<_courtbridge_v1_TripBreakerRequest, _courtbridge_v1_ChainStatus, _courtbridge_v1_TripBreakerRequest__Output, _courtbridge_v1_ChainStatus__Output>
  UnfreezeChain: MethodDefinition<_courtbridge_v1_UnfreezeChainRequest, _courtbridge_v1_ChainStatus, _courtbridge_v1_UnfreezeChainRequest__Output, _courtbridge_v1_ChainStatus__Output>
}

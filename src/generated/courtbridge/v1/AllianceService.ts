// Original file: courtbridge/v1/alliance.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AdmitChainRequest as _courtbridge_v1_AdmitChainRequest, AdmitChainRequest__Output as _courtbridge_v1_AdmitChainRequest__Output } from '../../courtbridge/v1/AdmitChainRequest.js';
import type { ListMembersRequest as _courtbridge_v1_ListMembersRequest, ListMembersRequest__Output as _courtbridge_v1_ListMembersRequest__Output } from '../../courtbridge/v1/ListMembersRequest.js';
import type { ListMembersResponse as _courtbridge_v1_ListMembersResponse, ListMembersResponse__Output as _courtbridge_v1_ListMembersResponse__Output } from '../../courtbridge/v1/ListMembersResponse.js';
import type { ListRegistryChainsRequest as _courtbridge_v1_ListRegistryChainsRequest, ListRegistryChainsRequest__Output as _courtbridge_v1_ListRegistryChainsRequest__Output } from '../../courtbridge/v1/ListRegistryChainsRequest.js';
import type { ListRegistryChainsResponse as _courtbridge_v1_ListRegistryChainsResponse, ListRegistryChainsResponse__Output as _courtbridge_v1_ListRegistryChainsResponse__Output } from '../../courtbridge/v1/ListRegistryChainsResponse.js';
import type { RegisterMemberRequest as _courtbridge_v1_RegisterMemberRequest, RegisterMemberRequest__Output as _courtbridge_v1_RegisterMemberRequest__Output } from '../../courtbridge/v1/RegisterMemberRequest.js';
import type { RegistryUpdateResult as _courtbridge_v1_RegistryUpdateResult, RegistryUpdateResult__Output as _courtbridge_v1_RegistryUpdateResult__Output } from '../../courtbridge/v1/RegistryUpdateResult.js';
import type { RemoveChainRequest as _courtbridge_v1_RemoveChainRequest, RemoveChainRequest__Output as _courtbridge_v1_RemoveChainRequest__Output } from '../../courtbridge/v1/RemoveChainRequest.js';
import type { ResolveDidRequest as _courtbridge_v1_ResolveDidRequest, ResolveDidRequest__Output as _courtbridge_v1_ResolveDidRequest__Output } from '../../courtbridge/v1/ResolveDidRequest.js';
import type { ResolveDidResponse as _courtbridge_v1_ResolveDidResponse, ResolveDidResponse__Output as _courtbridge_v1_ResolveDidResponse__Output } from '../../courtbridge/v1/ResolveDidResponse.js';
import type { RevokeMemberRequest as _courtbridge_v1_RevokeMemberRequest, RevokeMemberRequest__Output as _courtbridge_v1_RevokeMemberRequest__Output } from '../../courtbridge/v1/RevokeMemberRequest.js';
import type { RotateKeyRequest as _courtbridge_v1_RotateKeyRequest, RotateKeyRequest__Output as _courtbridge_v1_RotateKeyRequest__Output } from '../../courtbridge/v1/RotateKeyRequest.js';
import type { UpdateChainRequest as _courtbridge_v1_UpdateChainRequest, UpdateChainRequest__Output as _courtbridge_v1_UpdateChainRequest__Output } from '../../courtbridge/v1/UpdateChainRequest.js';

/**
 * Reads the registry (any caller) and submits registry updates (admins). Updates are
 * registry transactions on the judicial chain, valid only with a quorum of admin approvals
 * (DESIGN.md "Identity"); a revocation takes effect everywhere at once.
 */
export interface AllianceServiceClient extends grpc.Client {
  /**
   * Admins: admits a chain (its kind, trust anchor, servers, attestation policy). Every
   * gateway following the registry serves it without restart. Errors as RegisterMember, with
   * INVALID_ARGUMENT (`invalid_chain_entry`, `notaries_required`, `evm_contract_required`) and
   * FAILED_PRECONDITION (`chain_exists`).
   */
  AdmitChain(argument: _courtbridge_v1_AdmitChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  AdmitChain(argument: _courtbridge_v1_AdmitChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  AdmitChain(argument: _courtbridge_v1_AdmitChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  AdmitChain(argument: _courtbridge_v1_AdmitChainRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  /**
   * Admins: admits a chain (its kind, trust anchor, servers, attestation policy). Every
   * gateway following the registry serves it without restart. Errors as RegisterMember, with
   * INVALID_ARGUMENT (`invalid_chain_entry`, `notaries_required`, `evm_contract_required`) and
   * FAILED_PRECONDITION (`chain_exists`).
   */
  admitChain(argument: _courtbridge_v1_AdmitChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  admitChain(argument: _courtbridge_v1_AdmitChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  admitChain(argument: _courtbridge_v1_AdmitChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  admitChain(argument: _courtbridge_v1_AdmitChainRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the chains of the registry (any member): each one's entry in force and its status.
   */
  ListChains(argument: _courtbridge_v1_ListRegistryChainsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  ListChains(argument: _courtbridge_v1_ListRegistryChainsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  ListChains(argument: _courtbridge_v1_ListRegistryChainsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  ListChains(argument: _courtbridge_v1_ListRegistryChainsRequest, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the chains of the registry (any member): each one's entry in force and its status.
   */
  listChains(argument: _courtbridge_v1_ListRegistryChainsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  listChains(argument: _courtbridge_v1_ListRegistryChainsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  listChains(argument: _courtbridge_v1_ListRegistryChainsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  listChains(argument: _courtbridge_v1_ListRegistryChainsRequest, callback: grpc.requestCallback<_courtbridge_v1_ListRegistryChainsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists members, filtered. Errors: INVALID_ARGUMENT (bad page token).
   */
  ListMembers(argument: _courtbridge_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _courtbridge_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _courtbridge_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _courtbridge_v1_ListMembersRequest, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists members, filtered. Errors: INVALID_ARGUMENT (bad page token).
   */
  listMembers(argument: _courtbridge_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _courtbridge_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _courtbridge_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _courtbridge_v1_ListMembersRequest, callback: grpc.requestCallback<_courtbridge_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Admins: registers a new member. Every write method refuses, in the order of
   * docs/spec/registry.md: INVALID_ARGUMENT (`update_malformed`, `operation_mismatch`),
   * FAILED_PRECONDITION (`registry_version_mismatch`, `replayed_update`,
   * `effective_time_regressed`, `update_from_future`), PERMISSION_DENIED (`quorum_not_met`), then
   * the operation's own reasons; here INVALID_ARGUMENT (`invalid_update`, `bad_kid`, and
   * `invalid_genesis` for empty or repeated roles or chains) and FAILED_PRECONDITION (`member_exists`).
   */
  RegisterMember(argument: _courtbridge_v1_RegisterMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RegisterMember(argument: _courtbridge_v1_RegisterMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RegisterMember(argument: _courtbridge_v1_RegisterMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RegisterMember(argument: _courtbridge_v1_RegisterMemberRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  /**
   * Admins: registers a new member. Every write method refuses, in the order of
   * docs/spec/registry.md: INVALID_ARGUMENT (`update_malformed`, `operation_mismatch`),
   * FAILED_PRECONDITION (`registry_version_mismatch`, `replayed_update`,
   * `effective_time_regressed`, `update_from_future`), PERMISSION_DENIED (`quorum_not_met`), then
   * the operation's own reasons; here INVALID_ARGUMENT (`invalid_update`, `bad_kid`, and
   * `invalid_genesis` for empty or repeated roles or chains) and FAILED_PRECONDITION (`member_exists`).
   */
  registerMember(argument: _courtbridge_v1_RegisterMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  registerMember(argument: _courtbridge_v1_RegisterMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  registerMember(argument: _courtbridge_v1_RegisterMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  registerMember(argument: _courtbridge_v1_RegisterMemberRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Admins: removes a chain; gateways stop serving it (FAILED_PRECONDITION `chain_removed`),
   * its old bundles still verify against its anchors. Errors as RegisterMember, with
   * FAILED_PRECONDITION (`unknown_chain`, `chain_removed`).
   */
  RemoveChain(argument: _courtbridge_v1_RemoveChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RemoveChain(argument: _courtbridge_v1_RemoveChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RemoveChain(argument: _courtbridge_v1_RemoveChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RemoveChain(argument: _courtbridge_v1_RemoveChainRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  /**
   * Admins: removes a chain; gateways stop serving it (FAILED_PRECONDITION `chain_removed`),
   * its old bundles still verify against its anchors. Errors as RegisterMember, with
   * FAILED_PRECONDITION (`unknown_chain`, `chain_removed`).
   */
  removeChain(argument: _courtbridge_v1_RemoveChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  removeChain(argument: _courtbridge_v1_RemoveChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  removeChain(argument: _courtbridge_v1_RemoveChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  removeChain(argument: _courtbridge_v1_RemoveChainRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Resolves a DID as it was at `version_time_ms` (0 = now), so an old signature is checked
   * against the key valid when it was made. Errors: INVALID_ARGUMENT (`malformed_did`),
   * NOT_FOUND (`unknown_did`), UNAVAILABLE (registry not synced).
   */
  ResolveDid(argument: _courtbridge_v1_ResolveDidRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  ResolveDid(argument: _courtbridge_v1_ResolveDidRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  ResolveDid(argument: _courtbridge_v1_ResolveDidRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  ResolveDid(argument: _courtbridge_v1_ResolveDidRequest, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Resolves a DID as it was at `version_time_ms` (0 = now), so an old signature is checked
   * against the key valid when it was made. Errors: INVALID_ARGUMENT (`malformed_did`),
   * NOT_FOUND (`unknown_did`), UNAVAILABLE (registry not synced).
   */
  resolveDid(argument: _courtbridge_v1_ResolveDidRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  resolveDid(argument: _courtbridge_v1_ResolveDidRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  resolveDid(argument: _courtbridge_v1_ResolveDidRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  resolveDid(argument: _courtbridge_v1_ResolveDidRequest, callback: grpc.requestCallback<_courtbridge_v1_ResolveDidResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Admins: revokes a member (all its keys, from `effective_at_ms`). Errors as
   * RegisterMember, with FAILED_PRECONDITION (`unknown_member`, `member_revoked`, `quorum_unreachable`).
   */
  RevokeMember(argument: _courtbridge_v1_RevokeMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RevokeMember(argument: _courtbridge_v1_RevokeMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RevokeMember(argument: _courtbridge_v1_RevokeMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RevokeMember(argument: _courtbridge_v1_RevokeMemberRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  /**
   * Admins: revokes a member (all its keys, from `effective_at_ms`). Errors as
   * RegisterMember, with FAILED_PRECONDITION (`unknown_member`, `member_revoked`, `quorum_unreachable`).
   */
  revokeMember(argument: _courtbridge_v1_RevokeMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  revokeMember(argument: _courtbridge_v1_RevokeMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  revokeMember(argument: _courtbridge_v1_RevokeMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  revokeMember(argument: _courtbridge_v1_RevokeMemberRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Admins: adds the member's next key (`#key-<n+1>`), valid from `effective_at_ms`; every key it
   * held ends then. Errors as RevokeMember, with INVALID_ARGUMENT (`bad_kid`, `invalid_update`).
   */
  RotateKey(argument: _courtbridge_v1_RotateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _courtbridge_v1_RotateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _courtbridge_v1_RotateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _courtbridge_v1_RotateKeyRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  /**
   * Admins: adds the member's next key (`#key-<n+1>`), valid from `effective_at_ms`; every key it
   * held ends then. Errors as RevokeMember, with INVALID_ARGUMENT (`bad_kid`, `invalid_update`).
   */
  rotateKey(argument: _courtbridge_v1_RotateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _courtbridge_v1_RotateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _courtbridge_v1_RotateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _courtbridge_v1_RotateKeyRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Admins: replaces a chain's entry (a new anchor re-anchors its light client; new servers or
   * attesters count from `effective_at_ms`). Errors as AdmitChain, with FAILED_PRECONDITION
   * (`unknown_chain`, `chain_removed`) and INVALID_ARGUMENT (`invalid_update`: its kind changed).
   */
  UpdateChain(argument: _courtbridge_v1_UpdateChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  UpdateChain(argument: _courtbridge_v1_UpdateChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  UpdateChain(argument: _courtbridge_v1_UpdateChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  UpdateChain(argument: _courtbridge_v1_UpdateChainRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  /**
   * Admins: replaces a chain's entry (a new anchor re-anchors its light client; new servers or
   * attesters count from `effective_at_ms`). Errors as AdmitChain, with FAILED_PRECONDITION
   * (`unknown_chain`, `chain_removed`) and INVALID_ARGUMENT (`invalid_update`: its kind changed).
   */
  updateChain(argument: _courtbridge_v1_UpdateChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  updateChain(argument: _courtbridge_v1_UpdateChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  updateChain(argument: _courtbridge_v1_UpdateChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  updateChain(argument: _courtbridge_v1_UpdateChainRequest, callback: grpc.requestCallback<_courtbridge_v1_RegistryUpdateResult__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Reads the registry (any caller) and submits registry updates (admins). Updates are
 * registry transactions on the judicial chain, valid only with a quorum of admin approvals
 * (DESIGN.md "Identity"); a revocation takes effect everywhere at once.
 */
export interface AllianceServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Admins: admits a chain (its kind, trust anchor, servers, attestation policy). Every
   * gateway following the registry serves it without restart. Errors as RegisterMember, with
   * INVALID_ARGUMENT (`invalid_chain_entry`, `notaries_required`, `evm_contract_required`) and
   * FAILED_PRECONDITION (`chain_exists`).
   */
  AdmitChain: grpc.handleUnaryCall<_courtbridge_v1_AdmitChainRequest__Output, _courtbridge_v1_RegistryUpdateResult>;
  
  /**
   * Lists the chains of the registry (any member): each one's entry in force and its status.
   */
  ListChains: grpc.handleUnaryCall<_courtbridge_v1_ListRegistryChainsRequest__Output, _courtbridge_v1_ListRegistryChainsResponse>;
  
  /**
   * Lists members, filtered. Errors: INVALID_ARGUMENT (bad page token).
   */
  ListMembers: grpc.handleUnaryCall<_courtbridge_v1_ListMembersRequest__Output, _courtbridge_v1_ListMembersResponse>;
  
  /**
   * Admins: registers a new member. Every write method refuses, in the order of
   * docs/spec/registry.md: INVALID_ARGUMENT (`update_malformed`, `operation_mismatch`),
   * FAILED_PRECONDITION (`registry_version_mismatch`, `replayed_update`,
   * `effective_time_regressed`, `update_from_future`), PERMISSION_DENIED (`quorum_not_met`), then
   * the operation's own reasons; here INVALID_ARGUMENT (`invalid_update`, `bad_kid`, and
   * `invalid_genesis` for empty or repeated roles or chains) and FAILED_PRECONDITION (`member_exists`).
   */
  RegisterMember: grpc.handleUnaryCall<_courtbridge_v1_RegisterMemberRequest__Output, _courtbridge_v1_RegistryUpdateResult>;
  
  /**
   * Admins: removes a chain; gateways stop serving it (FAILED_PRECONDITION `chain_removed`),
   * its old bundles still verify against its anchors. Errors as RegisterMember, with
   * FAILED_PRECONDITION (`unknown_chain`, `chain_removed`).
   */
  RemoveChain: grpc.handleUnaryCall<_courtbridge_v1_RemoveChainRequest__Output, _courtbridge_v1_RegistryUpdateResult>;
  
  /**
   * Resolves a DID as it was at `version_time_ms` (0 = now), so an old signature is checked
   * against the key valid when it was made. Errors: INVALID_ARGUMENT (`malformed_did`),
   * NOT_FOUND (`unknown_did`), UNAVAILABLE (registry not synced).
   */
  ResolveDid: grpc.handleUnaryCall<_courtbridge_v1_ResolveDidRequest__Output, _courtbridge_v1_ResolveDidResponse>;
  
  /**
   * Admins: revokes a member (all its keys, from `effective_at_ms`). Errors as
   * RegisterMember, with FAILED_PRECONDITION (`unknown_member`, `member_revoked`, `quorum_unreachable`).
   */
  RevokeMember: grpc.handleUnaryCall<_courtbridge_v1_RevokeMemberRequest__Output, _courtbridge_v1_RegistryUpdateResult>;
  
  /**
   * Admins: adds the member's next key (`#key-<n+1>`), valid from `effective_at_ms`; every key it
   * held ends then. Errors as RevokeMember, with INVALID_ARGUMENT (`bad_kid`, `invalid_update`).
   */
  RotateKey: grpc.handleUnaryCall<_courtbridge_v1_RotateKeyRequest__Output, _courtbridge_v1_RegistryUpdateResult>;
  
  /**
   * Admins: replaces a chain's entry (a new anchor re-anchors its light client; new servers or
   * attesters count from `effective_at_ms`). Errors as AdmitChain, with FAILED_PRECONDITION
   * (`unknown_chain`, `chain_removed`) and INVALID_ARGUMENT (`invalid_update`: its kind changed).
   */
  UpdateChain: grpc.handleUnaryCall<_courtbridge_v1_UpdateChainRequest__Output, _courtbridge_v1_RegistryUpdateResult>;
  
}

export interface AllianceServiceDefinition extends grpc.ServiceDefinition {
  AdmitChain: MethodDefinition<_courtbridge_v1_AdmitChainRequest, _courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_AdmitChainRequest__Output, _courtbridge_v1_RegistryUpdateResult__Output>
  ListChains: MethodDefinition<_courtbridge_v1_ListRegistryChainsRequest, _courtbridge_v1_ListRegistryChainsResponse, _courtbridge_v1_ListRegistryChainsRequest__Output, _courtbridge_v1_ListRegistryChainsResponse__Output>
  ListMembers: MethodDefinition<_courtbridge_v1_ListMembersRequest, _courtbridge_v1_ListMembersResponse, _courtbridge_v1_ListMembersRequest__Output, _courtbridge_v1_ListMembersResponse__Output>
  RegisterMember: MethodDefinition<_courtbridge_v1_RegisterMemberRequest, _courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_RegisterMemberRequest__Output, _courtbridge_v1_RegistryUpdateResult__Output>
  RemoveChain: MethodDefinition<_courtbridge_v1_RemoveChainRequest, _courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_RemoveChainRequest__Output, _courtbridge_v1_RegistryUpdateResult__Output>
  ResolveDid: MethodDefinition<_courtbridge_v1_ResolveDidRequest, _courtbridge_v1_ResolveDidResponse, _courtbridge_v1_ResolveDidRequest__Output, _courtbridge_v1_ResolveDidResponse__Output>
  RevokeMember: MethodDefinition<_courtbridge_v1_RevokeMemberRequest, _courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_RevokeMemberRequest__Output, _courtbridge_v1_RegistryUpdateResult__Output>
  RotateKey: MethodDefinition<_courtbridge_v1_RotateKeyRequest, _courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_RotateKeyRequest__Output, _courtbridge_v1_RegistryUpdateResult__Output>
  UpdateChain: MethodDefinition<_courtbridge_v1_UpdateChainRequest, _courtbridge_v1_RegistryUpdateResult, _courtbridge_v1_UpdateChainRequest__Output, _courtbridge_v1_RegistryUpdateResult__Output>
}

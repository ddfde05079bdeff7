// Original file: courtbridge/v1/alliance.proto

import type { RegistryOperation as _courtbridge_v1_RegistryOperation, RegistryOperation__Output as _courtbridge_v1_RegistryOperation__Output } from '../../courtbridge/v1/RegistryOperation.js';
import type { Member as _courtbridge_v1_Member, Member__Output as _courtbridge_v1_Member__Output } from '../../courtbridge/v1/Member.js';
import type { VerificationKey as _courtbridge_v1_VerificationKey, VerificationKey__Output as _courtbridge_v1_VerificationKey__Output } from '../../courtbridge/v1/VerificationKey.js';
import type { ChainEntry as _courtbridge_v1_ChainEntry, ChainEntry__Output as _courtbridge_v1_ChainEntry__Output } from '../../courtbridge/v1/ChainEntry.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A registry transaction. Each AdminApproval signs
 * signingInput("courtbridge/v1/registry-update", signBytes), where signBytes is the fixed layout
 * of the body the gateway derives from this message and its registry (alliance id,
 * base_registry_version + 1, its state hash, hex(nonce), effective_at_ms, the operation): never
 * the protobuf encoding of this message. Fields not in that body are not signed.
 * Spec: docs/spec/registry.md
 */
export interface RegistryUpdate {
  /**
   * What it does; must match the RPC it is sent to (`operation_mismatch`).
   */
  'operation'?: (_courtbridge_v1_RegistryOperation);
  /**
   * DID it concerns.
   */
  'did'?: (string);
  /**
   * For REGISTER: the new member (its did equal to `did`); signed: organisation, roles, chains
   * and each key's kid and public_key. Its status, revocation and key validity times are ignored:
   * the member is active and its keys valid from effective_at_ms.
   */
  'member'?: (_courtbridge_v1_Member | null);
  /**
   * For REVOKE: why, in words (not signed, not kept in the registry).
   */
  'reason'?: (string);
  /**
   * For ROTATE_KEY: the new key (kid and public_key signed; its validity times are ignored).
   */
  'newKey'?: (_courtbridge_v1_VerificationKey | null);
  /**
   * Not signed and ignored: a rotation ends every key the member held at effective_at_ms.
   */
  'retireKid'?: (string);
  /**
   * When it takes effect, unix ms (not before the block that includes it).
   */
  'effectiveAtMs'?: (number | string | Long);
  /**
   * The registry version this update applies on (optimistic concurrency).
   */
  'baseRegistryVersion'?: (number | string | Long);
  /**
   * Random 16 bytes, so two identical updates are distinct transactions; the update's id (signed)
   * is their lower-case hex, and an id is applied once.
   */
  'nonce'?: (Buffer | Uint8Array | string);
  /**
   * For ADMIT_CHAIN and UPDATE_CHAIN: the chain's entry.
   */
  'chain'?: (_courtbridge_v1_ChainEntry | null);
  /**
   * For REMOVE_CHAIN: the chain's id.
   */
  'chainId'?: (string);
}

/**
 * A registry transaction. Each AdminApproval signs
 * signingInput("courtbridge/v1/registry-update", signBytes), where signBytes is the fixed layout
 * of the body the gateway derives from this message and its registry (alliance id,
 * base_registry_version + 1, its state hash, hex(nonce), effective_at_ms, the operation): never
 * the protobuf encoding of this message. Fields not in that body are not signed.
 * Spec: docs/spec/registry.md
 */
export interface RegistryUpdate__Output {
  /**
   * What it does; must match the RPC it is sent to (`operation_mismatch`).
   */
  'operation': (_courtbridge_v1_RegistryOperation__Output);
  /**
   * DID it concerns.
   */
  'did': (string);
  /**
   * For REGISTER: the new member (its did equal to `did`); signed: organisation, roles, chains
   * and each key's kid and public_key. Its status, revocation and key validity times are ignored:
   * the member is active and its keys valid from effective_at_ms.
   */
  'member': (_courtbridge_v1_Member__Output | null);
  /**
   * For REVOKE: why, in words (not signed, not kept in the registry).
   */
  'reason': (string);
  /**
   * For ROTATE_KEY: the new key (kid and public_key signed; its validity times are ignored).
   */
  'newKey': (_courtbridge_v1_VerificationKey__Output | null);
  /**
   * Not signed and ignored: a rotation ends every key the member held at effective_at_ms.
   */
  'retireKid': (string);
  /**
   * When it takes effect, unix ms (not before the block that includes it).
   */
  'effectiveAtMs': (number);
  /**
   * The registry version this update applies on (optimistic concurrency).
   */
  'baseRegistryVersion': (number);
  /**
   * Random 16 bytes, so two identical updates are distinct transactions; the update's id (signed)
   * is their lower-case hex, and an id is applied once.
   */
  'nonce': (Buffer);
  /**
   * For ADMIT_CHAIN and UPDATE_CHAIN: the chain's entry.
   */
  'chain': (_courtbridge_v1_ChainEntry__Output | null);
  /**
   * For REMOVE_CHAIN: the chain's id.
   */
  'chainId': (string);
}

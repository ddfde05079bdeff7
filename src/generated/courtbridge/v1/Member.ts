// Original file: courtbridge/v1/alliance.proto

import type { MemberRole as _courtbridge_v1_MemberRole, MemberRole__Output as _courtbridge_v1_MemberRole__Output } from '../../courtbridge/v1/MemberRole.js';
import type { MemberStatus as _courtbridge_v1_MemberStatus, MemberStatus__Output as _courtbridge_v1_MemberStatus__Output } from '../../courtbridge/v1/MemberStatus.js';
import type { VerificationKey as _courtbridge_v1_VerificationKey, VerificationKey__Output as _courtbridge_v1_VerificationKey__Output } from '../../courtbridge/v1/VerificationKey.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A member of the alliance as recorded in the registry.
 */
export interface Member {
  /**
   * The member's DID, e.g. "did:alliance:court-bj-01".
   */
  'did'?: (string);
  /**
   * Organisation name.
   */
  'organisation'?: (string);
  /**
   * Roles held.
   */
  'roles'?: (_courtbridge_v1_MemberRole)[];
  /**
   * Chains the member may speak for (adapters, validators, agencies).
   */
  'chains'?: (string)[];
  /**
   * Active or revoked.
   */
  'status'?: (_courtbridge_v1_MemberStatus);
  /**
   * Key versions, oldest first.
   */
  'keys'?: (_courtbridge_v1_VerificationKey)[];
  /**
   * When it was revoked, unix ms; 0 while active.
   */
  'revokedAtMs'?: (number | string | Long);
}

/**
 * A member of the alliance as recorded in the registry.
 */
export interface Member__Output {
  /**
   * The member's DID, e.g. "did:alliance:court-bj-01".
   */
  'did': (string);
  /**
   * Organisation name.
   */
  'organisation': (string);
  /**
   * Roles held.
   */
  'roles': (_courtbridge_v1_MemberRole__Output)[];
  /**
   * Chains the member may speak for (adapters, validators, agencies).
   */
  'chains': (string)[];
  /**
   * Active or revoked.
   */
  'status': (_courtbridge_v1_MemberStatus__Output);
  /**
   * Key versions, oldest first.
   */
  'keys': (_courtbridge_v1_VerificationKey__Output)[];
  /**
   * When it was revoked, unix ms; 0 while active.
   */
  'revokedAtMs': (number);
}

// Original file: courtbridge/v1/alliance.proto

import type { Member as _courtbridge_v1_Member, Member__Output as _courtbridge_v1_Member__Output } from '../../courtbridge/v1/Member.js';
import type { Long } from '@grpc/proto-loader';

export interface ListMembersResponse {
  /**
   * Members, sorted by DID.
   */
  'members'?: (_courtbridge_v1_Member)[];
  /**
   * Token for the next page; empty on the last.
   */
  'nextPageToken'?: (string);
  /**
   * Registry version the list reflects.
   */
  'registryVersion'?: (number | string | Long);
  /**
   * The registry state hash at registry_version (SHA-256): the `prevStateHash` a registry
   * update's approvals sign (docs/spec/registry.md).
   */
  'registryStateHash'?: (Buffer | Uint8Array | string);
  /**
   * The alliance id of the genesis (the first field of a registry update's signed bytes).
   */
  'allianceId'?: (string);
}

export interface ListMembersResponse__Output {
  /**
   * Members, sorted by DID.
   */
  'members': (_courtbridge_v1_Member__Output)[];
  /**
   * Token for the next page; empty on the last.
   */
  'nextPageToken': (string);
  /**
   * Registry version the list reflects.
   */
  'registryVersion': (number);
  /**
   * The registry state hash at registry_version (SHA-256): the `prevStateHash` a registry
   * update's approvals sign (docs/spec/registry.md).
   */
  'registryStateHash': (Buffer);
  /**
   * The alliance id of the genesis (the first field of a registry update's signed bytes).
   */
  'allianceId': (string);
}

// Original file: courtbridge/v1/alliance.proto

import type { MemberRole as _courtbridge_v1_MemberRole, MemberRole__Output as _courtbridge_v1_MemberRole__Output } from '../../courtbridge/v1/MemberRole.js';
import type { MemberStatus as _courtbridge_v1_MemberStatus, MemberStatus__Output as _courtbridge_v1_MemberStatus__Output } from '../../courtbridge/v1/MemberStatus.js';
import type { PageRequest as _courtbridge_v1_PageRequest, PageRequest__Output as _courtbridge_v1_PageRequest__Output } from '../../courtbridge/v1/PageRequest.js';

export interface ListMembersRequest {
  /**
   * Only members holding this role; UNSPECIFIED for all.
   */
  'role'?: (_courtbridge_v1_MemberRole);
  /**
   * Only members in this status; UNSPECIFIED for all.
   */
  'status'?: (_courtbridge_v1_MemberStatus);
  /**
   * Paging.
   */
  'page'?: (_courtbridge_v1_PageRequest | null);
}

export interface ListMembersRequest__Output {
  /**
   * Only members holding this role; UNSPECIFIED for all.
   */
  'role': (_courtbridge_v1_MemberRole__Output);
  /**
   * Only members in this status; UNSPECIFIED for all.
   */
  'status': (_courtbridge_v1_MemberStatus__Output);
  /**
   * Paging.
   */
  'page': (_courtbridge_v1_PageRequest__Output | null);
}

// Original file: courtbridge/v1/alliance.proto

import type { RegistryUpdate as _courtbridge_v1_RegistryUpdate, RegistryUpdate__Output as _courtbridge_v1_RegistryUpdate__Output } from '../../courtbridge/v1/RegistryUpdate.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from '../../courtbridge/v1/AdminApproval.js';

export interface RemoveChainRequest {
  /**
   * The update (operation REMOVE_CHAIN).
   */
  'update'?: (_courtbridge_v1_RegistryUpdate | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals'?: (_courtbridge_v1_AdminApproval)[];
}

export interface RemoveChainRequest__Output {
  /**
   * The update (operation REMOVE_CHAIN).
   */
  'update': (_courtbridge_v1_RegistryUpdate__Output | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals': (_courtbridge_v1_AdminApproval__Output)[];
}

// Original file: courtbridge/v1/wire.proto

import type { RegistryUpdate as _courtbridge_v1_RegistryUpdate, RegistryUpdate__Output as _courtbridge_v1_RegistryUpdate__Output } from '../../courtbridge/v1/RegistryUpdate.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from '../../courtbridge/v1/AdminApproval.js';

/**
 * Admin -> all nodes (relayed by a gateway), in an Envelope signed by the submitting admin, on the registry
 * stream: a registry transaction with the approvals that make it valid.
 */
export interface SignedRegistryUpdate {
  /**
   * The update.
   */
  'update'?: (_courtbridge_v1_RegistryUpdate | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals'?: (_courtbridge_v1_AdminApproval)[];
}

/**
 * Admin -> all nodes (relayed by a gateway), in an Envelope signed by the submitting admin, on the registry
 * stream: a registry transaction with the approvals that make it valid.
 */
export interface SignedRegistryUpdate__Output {
  /**
   * The update.
   */
  'update': (_courtbridge_v1_RegistryUpdate__Output | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals': (_courtbridge_v1_AdminApproval__Output)[];
}

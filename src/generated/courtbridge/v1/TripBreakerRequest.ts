// Original file: courtbridge/v1/chain.proto

import type { OperatorOrder as _courtbridge_v1_OperatorOrder, OperatorOrder__Output as _courtbridge_v1_OperatorOrder__Output } from '../../courtbridge/v1/OperatorOrder.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from '../../courtbridge/v1/AdminApproval.js';

export interface TripBreakerRequest {
  /**
   * The approved order (operation OPERATOR_OPERATION_TRIP_BREAKER).
   */
  'order'?: (_courtbridge_v1_OperatorOrder | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals'?: (_courtbridge_v1_AdminApproval)[];
}

export interface TripBreakerRequest__Output {
  /**
   * The approved order (operation OPERATOR_OPERATION_TRIP_BREAKER).
   */
  'order': (_courtbridge_v1_OperatorOrder__Output | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals': (_courtbridge_v1_AdminApproval__Output)[];
}

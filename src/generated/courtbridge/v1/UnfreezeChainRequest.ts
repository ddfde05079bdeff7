// Original file: courtbridge/v1/chain.proto

import type { OperatorOrder as _courtbridge_v1_OperatorOrder, OperatorOrder__Output as _courtbridge_v1_OperatorOrder__Output } from '../../courtbridge/v1/OperatorOrder.js';
import type { AdminApproval as _courtbridge_v1_AdminApproval, AdminApproval__Output as _courtbridge_v1_AdminApproval__Output } from '../../courtbridge/v1/AdminApproval.js';
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from '../../courtbridge/v1/SignedHeader.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from '../../courtbridge/v1/ValidatorSet.js';

export interface UnfreezeChainRequest {
  /**
   * The approved order (operation OPERATOR_OPERATION_UNFREEZE_CHAIN).
   */
  'order'?: (_courtbridge_v1_OperatorOrder | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals'?: (_courtbridge_v1_AdminApproval)[];
  /**
   * The header to trust, whose hash is `order.trusted_header_hash`, with its commit.
   */
  'trustedHeader'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * The validator set that signed it.
   */
  'validatorSet'?: (_courtbridge_v1_ValidatorSet | null);
}

export interface UnfreezeChainRequest__Output {
  /**
   * The approved order (operation OPERATOR_OPERATION_UNFREEZE_CHAIN).
   */
  'order': (_courtbridge_v1_OperatorOrder__Output | null);
  /**
   * Admin approvals reaching the admin quorum.
   */
  'approvals': (_courtbridge_v1_AdminApproval__Output)[];
  /**
   * The header to trust, whose hash is `order.trusted_header_hash`, with its commit.
   */
  'trustedHeader': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * The validator set that signed it.
   */
  'validatorSet': (_courtbridge_v1_ValidatorSet__Output | null);
}

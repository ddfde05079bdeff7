// Original file: courtbridge/v1/action_service.proto

import type { ActionStatus as _courtbridge_v1_ActionStatus, ActionStatus__Output as _courtbridge_v1_ActionStatus__Output } from '../../courtbridge/v1/ActionStatus.js';
import type { PageRequest as _courtbridge_v1_PageRequest, PageRequest__Output as _courtbridge_v1_PageRequest__Output } from '../../courtbridge/v1/PageRequest.js';

export interface ListActionsRequest {
  /**
   * Only this chain; empty for all.
   */
  'chainId'?: (string);
  /**
   * Only this status; UNSPECIFIED for all.
   */
  'status'?: (_courtbridge_v1_ActionStatus);
  /**
   * Only this case; empty for all.
   */
  'caseId'?: (string);
  /**
   * Paging.
   */
  'page'?: (_courtbridge_v1_PageRequest | null);
}

export interface ListActionsRequest__Output {
  /**
   * Only this chain; empty for all.
   */
  'chainId': (string);
  /**
   * Only this status; UNSPECIFIED for all.
   */
  'status': (_courtbridge_v1_ActionStatus__Output);
  /**
   * Only this case; empty for all.
   */
  'caseId': (string);
  /**
   * Paging.
   */
  'page': (_courtbridge_v1_PageRequest__Output | null);
}

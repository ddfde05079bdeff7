// Original file: courtbridge/v1/action_service.proto

import type { Action as _courtbridge_v1_Action, Action__Output as _courtbridge_v1_Action__Output } from '../../courtbridge/v1/Action.js';

export interface ListActionsResponse {
  /**
   * Matching actions, newest first.
   */
  'actions'?: (_courtbridge_v1_Action)[];
  /**
   * Token for the next page; empty on the last.
   */
  'nextPageToken'?: (string);
}

export interface ListActionsResponse__Output {
  /**
   * Matching actions, newest first.
   */
  'actions': (_courtbridge_v1_Action__Output)[];
  /**
   * Token for the next page; empty on the last.
   */
  'nextPageToken': (string);
}

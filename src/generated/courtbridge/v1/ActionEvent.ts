// Original file: courtbridge/v1/watch.proto

import type { Action as _courtbridge_v1_Action, Action__Output as _courtbridge_v1_Action__Output } from '../../courtbridge/v1/Action.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One change of one action.
 */
export interface ActionEvent {
  /**
   * Position in the chain's action stream (monotonic, starts at 1).
   */
  'sequence'?: (number | string | Long);
  /**
   * The action after the change.
   */
  'action'?: (_courtbridge_v1_Action | null);
}

/**
 * One change of one action.
 */
export interface ActionEvent__Output {
  /**
   * Position in the chain's action stream (monotonic, starts at 1).
   */
  'sequence': (number);
  /**
   * The action after the change.
   */
  'action': (_courtbridge_v1_Action__Output | null);
}

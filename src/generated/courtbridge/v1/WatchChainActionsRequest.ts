// Original file: courtbridge/v1/watch.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchChainActionsRequest {
  /**
   * Chain to follow.
   */
  'chainId'?: (string);
  /**
   * First stream sequence to send; 0 means only events from now on.
   */
  'fromSequence'?: (number | string | Long);
}

export interface WatchChainActionsRequest__Output {
  /**
   * Chain to follow.
   */
  'chainId': (string);
  /**
   * First stream sequence to send; 0 means only events from now on.
   */
  'fromSequence': (number);
}

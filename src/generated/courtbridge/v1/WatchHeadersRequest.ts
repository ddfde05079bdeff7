// Original file: courtbridge/v1/watch.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchHeadersRequest {
  /**
   * Chain to follow.
   */
  'chainId'?: (string);
  /**
   * First height to send; 0 means start at the latest trusted header.
   */
  'fromHeight'?: (number | string | Long);
}

export interface WatchHeadersRequest__Output {
  /**
   * Chain to follow.
   */
  'chainId': (string);
  /**
   * First height to send; 0 means start at the latest trusted header.
   */
  'fromHeight': (number);
}

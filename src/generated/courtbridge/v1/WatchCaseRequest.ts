// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchCaseRequest {
  /**
   * The case (an agreement, a judgment or a mediation).
   */
  'caseId'?: (string);
  /**
   * First sequence to send; 0 means from the beginning.
   */
  'fromSequence'?: (number | string | Long);
}

export interface WatchCaseRequest__Output {
  /**
   * The case (an agreement, a judgment or a mediation).
   */
  'caseId': (string);
  /**
   * First sequence to send; 0 means from the beginning.
   */
  'fromSequence': (number);
}

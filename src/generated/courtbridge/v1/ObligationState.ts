// Original file: courtbridge/v1/mediation.proto

import type { ObligationProgress as _courtbridge_v1_ObligationProgress, ObligationProgress__Output as _courtbridge_v1_ObligationProgress__Output } from '../../courtbridge/v1/ObligationProgress.js';
import type { Long } from '@grpc/proto-loader';

/**
 * How far one obligation is performed.
 */
export interface ObligationState {
  /**
   * The obligation.
   */
  'obligationId'?: (string);
  /**
   * Amount performed so far, minor units, decimal string.
   */
  'performedAmount'?: (string);
  /**
   * Open, performed or overdue.
   */
  'progress'?: (_courtbridge_v1_ObligationProgress);
  /**
   * Last performance report time, unix ms; 0 if none.
   */
  'lastPerformedAtMs'?: (number | string | Long);
}

/**
 * How far one obligation is performed.
 */
export interface ObligationState__Output {
  /**
   * The obligation.
   */
  'obligationId': (string);
  /**
   * Amount performed so far, minor units, decimal string.
   */
  'performedAmount': (string);
  /**
   * Open, performed or overdue.
   */
  'progress': (_courtbridge_v1_ObligationProgress__Output);
  /**
   * Last performance report time, unix ms; 0 if none.
   */
  'lastPerformedAtMs': (number);
}

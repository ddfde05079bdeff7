// Original file: courtbridge/v1/mediation.proto

import type { MediationStatus as _courtbridge_v1_MediationStatus, MediationStatus__Output as _courtbridge_v1_MediationStatus__Output } from '../../courtbridge/v1/MediationStatus.js';

/**
 * A mediation's state.
 */
export interface MediationProgress {
  /**
   * Case id of the mediation.
   */
  'caseId'?: (string);
  /**
   * Current status.
   */
  'status'?: (_courtbridge_v1_MediationStatus);
  /**
   * Why it failed ("withdrawn" or "deadline"), empty while it has not.
   */
  'failureReason'?: (string);
  /**
   * The trial's case id once the failure fixed it, else empty.
   */
  'trialCaseId'?: (string);
}

/**
 * A mediation's state.
 */
export interface MediationProgress__Output {
  /**
   * Case id of the mediation.
   */
  'caseId': (string);
  /**
   * Current status.
   */
  'status': (_courtbridge_v1_MediationStatus__Output);
  /**
   * Why it failed ("withdrawn" or "deadline"), empty while it has not.
   */
  'failureReason': (string);
  /**
   * The trial's case id once the failure fixed it, else empty.
   */
  'trialCaseId': (string);
}

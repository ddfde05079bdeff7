// Original file: courtbridge/v1/mediation.proto

/**
 * Where a mediation stands.
 */
export const MediationStatus = {
  /**
   * Never valid.
   */
  MEDIATION_STATUS_UNSPECIFIED: 'MEDIATION_STATUS_UNSPECIFIED',
  /**
   * In progress, its deadline not passed.
   */
  MEDIATION_STATUS_MEDIATING: 'MEDIATION_STATUS_MEDIATING',
  /**
   * Ended in an agreement (see GetCase).
   */
  MEDIATION_STATUS_AGREED: 'MEDIATION_STATUS_AGREED',
  /**
   * Failed (a withdrawal or the deadline); the trial is being filed.
   */
  MEDIATION_STATUS_FAILED: 'MEDIATION_STATUS_FAILED',
  /**
   * Failed and filed for trial on the judicial chain.
   */
  MEDIATION_STATUS_TRIAL_FILED: 'MEDIATION_STATUS_TRIAL_FILED',
} as const;

/**
 * Where a mediation stands.
 */
export type MediationStatus =
  /**
   * Never valid.
   */
  | 'MEDIATION_STATUS_UNSPECIFIED'
  | 0
  /**
   * In progress, its deadline not passed.
   */
  | 'MEDIATION_STATUS_MEDIATING'
  | 1
  /**
   * Ended in an agreement (see GetCase).
   */
  | 'MEDIATION_STATUS_AGREED'
  | 2
  /**
   * Failed (a withdrawal or the deadline); the trial is being filed.
   */
  | 'MEDIATION_STATUS_FAILED'
  | 3
  /**
   * Failed and filed for trial on the judicial chain.
   */
  | 'MEDIATION_STATUS_TRIAL_FILED'
  | 4

/**
 * Where a mediation stands.
 */
export type MediationStatus__Output = typeof MediationStatus[keyof typeof MediationStatus]

// Original file: courtbridge/v1/mediation.proto

/**
 * A party's side in a mediation.
 */
export const MediationRole = {
  /**
   * Never valid.
   */
  MEDIATION_ROLE_UNSPECIFIED: 'MEDIATION_ROLE_UNSPECIFIED',
  /**
   * Applied for the mediation (the plaintiff if it fails).
   */
  MEDIATION_ROLE_APPLICANT: 'MEDIATION_ROLE_APPLICANT',
  /**
   * Responds (the defendant if it fails).
   */
  MEDIATION_ROLE_RESPONDENT: 'MEDIATION_ROLE_RESPONDENT',
} as const;

/**
 * A party's side in a mediation.
 */
export type MediationRole =
  /**
   * Never valid.
   */
  | 'MEDIATION_ROLE_UNSPECIFIED'
  | 0
  /**
   * Applied for the mediation (the plaintiff if it fails).
   */
  | 'MEDIATION_ROLE_APPLICANT'
  | 1
  /**
   * Responds (the defendant if it fails).
   */
  | 'MEDIATION_ROLE_RESPONDENT'
  | 2

/**
 * A party's side in a mediation.
 */
export type MediationRole__Output = typeof MediationRole[keyof typeof MediationRole]

// Original file: courtbridge/v1/mediation.proto

/**
 * Progress of one obligation.
 */
export const ObligationProgress = {
  /**
   * Never valid.
   */
  OBLIGATION_PROGRESS_UNSPECIFIED: 'OBLIGATION_PROGRESS_UNSPECIFIED',
  /**
   * Not yet performed in full, deadline not passed.
   */
  OBLIGATION_PROGRESS_OPEN: 'OBLIGATION_PROGRESS_OPEN',
  /**
   * Performed in full.
   */
  OBLIGATION_PROGRESS_PERFORMED: 'OBLIGATION_PROGRESS_PERFORMED',
  /**
   * Deadline passed without full performance.
   */
  OBLIGATION_PROGRESS_OVERDUE: 'OBLIGATION_PROGRESS_OVERDUE',
} as const;

/**
 * Progress of one obligation.
 */
export type ObligationProgress =
  /**
   * Never valid.
   */
  | 'OBLIGATION_PROGRESS_UNSPECIFIED'
  | 0
  /**
   * Not yet performed in full, deadline not passed.
   */
  | 'OBLIGATION_PROGRESS_OPEN'
  | 1
  /**
   * Performed in full.
   */
  | 'OBLIGATION_PROGRESS_PERFORMED'
  | 2
  /**
   * Deadline passed without full performance.
   */
  | 'OBLIGATION_PROGRESS_OVERDUE'
  | 3

/**
 * Progress of one obligation.
 */
export type ObligationProgress__Output = typeof ObligationProgress[keyof typeof ObligationProgress]

// Original file: courtbridge/v1/mediation.proto

/**
 * Where a case stands.
 */
export const CaseStatus = {
  /**
   * Never valid.
   */
  CASE_STATUS_UNSPECIFIED: 'CASE_STATUS_UNSPECIFIED',
  /**
   * Obligations pending, none overdue.
   */
  CASE_STATUS_ACTIVE: 'CASE_STATUS_ACTIVE',
  /**
   * Every obligation performed.
   */
  CASE_STATUS_PERFORMED: 'CASE_STATUS_PERFORMED',
  /**
   * An obligation is overdue; enforcement is being filed.
   */
  CASE_STATUS_OVERDUE: 'CASE_STATUS_OVERDUE',
  /**
   * The enforcement case is filed; actions were ordered.
   */
  CASE_STATUS_ENFORCEMENT_FILED: 'CASE_STATUS_ENFORCEMENT_FILED',
  /**
   * Closed by the court.
   */
  CASE_STATUS_CLOSED: 'CASE_STATUS_CLOSED',
  /**
   * 终结本次执行: the enforcement ended for lack of assets (termination/<enforcement case id> on the
   * judicial chain); credit punishment stays; re-investigated on a schedule and on partner chains'
   * asset reports, it returns to ENFORCEMENT_FILED when assets are found (恢复执行).
   */
  CASE_STATUS_TERMINATED: 'CASE_STATUS_TERMINATED',
} as const;

/**
 * Where a case stands.
 */
export type CaseStatus =
  /**
   * Never valid.
   */
  | 'CASE_STATUS_UNSPECIFIED'
  | 0
  /**
   * Obligations pending, none overdue.
   */
  | 'CASE_STATUS_ACTIVE'
  | 1
  /**
   * Every obligation performed.
   */
  | 'CASE_STATUS_PERFORMED'
  | 2
  /**
   * An obligation is overdue; enforcement is being filed.
   */
  | 'CASE_STATUS_OVERDUE'
  | 3
  /**
   * The enforcement case is filed; actions were ordered.
   */
  | 'CASE_STATUS_ENFORCEMENT_FILED'
  | 4
  /**
   * Closed by the court.
   */
  | 'CASE_STATUS_CLOSED'
  | 5
  /**
   * 终结本次执行: the enforcement ended for lack of assets (termination/<enforcement case id> on the
   * judicial chain); credit punishment stays; re-investigated on a schedule and on partner chains'
   * asset reports, it returns to ENFORCEMENT_FILED when assets are found (恢复执行).
   */
  | 'CASE_STATUS_TERMINATED'
  | 6

/**
 * Where a case stands.
 */
export type CaseStatus__Output = typeof CaseStatus[keyof typeof CaseStatus]

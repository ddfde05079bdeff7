// Original file: courtbridge/v1/verification.proto

/**
 * Outcome of one check.
 */
export const CheckOutcome = {
  /**
   * Never valid.
   */
  CHECK_OUTCOME_UNSPECIFIED: 'CHECK_OUTCOME_UNSPECIFIED',
  /**
   * The check passed.
   */
  CHECK_OUTCOME_PASSED: 'CHECK_OUTCOME_PASSED',
  /**
   * The check failed; `reason` names why.
   */
  CHECK_OUTCOME_FAILED: 'CHECK_OUTCOME_FAILED',
  /**
   * The check did not apply (e.g. attestations on a header-proof chain) or could not run
   * because an earlier check failed.
   */
  CHECK_OUTCOME_SKIPPED: 'CHECK_OUTCOME_SKIPPED',
} as const;

/**
 * Outcome of one check.
 */
export type CheckOutcome =
  /**
   * Never valid.
   */
  | 'CHECK_OUTCOME_UNSPECIFIED'
  | 0
  /**
   * The check passed.
   */
  | 'CHECK_OUTCOME_PASSED'
  | 1
  /**
   * The check failed; `reason` names why.
   */
  | 'CHECK_OUTCOME_FAILED'
  | 2
  /**
   * The check did not apply (e.g. attestations on a header-proof chain) or could not run
   * because an earlier check failed.
   */
  | 'CHECK_OUTCOME_SKIPPED'
  | 3

/**
 * Outcome of one check.
 */
export type CheckOutcome__Output = typeof CheckOutcome[keyof typeof CheckOutcome]

// Original file: courtbridge/v1/verification.proto

/**
 * The overall verdict.
 */
export const Verdict = {
  /**
   * Never valid.
   */
  VERDICT_UNSPECIFIED: 'VERDICT_UNSPECIFIED',
  /**
   * Every applicable check passed.
   */
  VERDICT_VALID: 'VERDICT_VALID',
  /**
   * At least one check failed.
   */
  VERDICT_INVALID: 'VERDICT_INVALID',
  /**
   * Nothing failed but something could not be decided (e.g. a header the gateway does not
   * know and cannot link to a trusted one).
   */
  VERDICT_INDETERMINATE: 'VERDICT_INDETERMINATE',
} as const;

/**
 * The overall verdict.
 */
export type Verdict =
  /**
   * Never valid.
   */
  | 'VERDICT_UNSPECIFIED'
  | 0
  /**
   * Every applicable check passed.
   */
  | 'VERDICT_VALID'
  | 1
  /**
   * At least one check failed.
   */
  | 'VERDICT_INVALID'
  | 2
  /**
   * Nothing failed but something could not be decided (e.g. a header the gateway does not
   * know and cannot link to a trusted one).
   */
  | 'VERDICT_INDETERMINATE'
  | 3

/**
 * The overall verdict.
 */
export type Verdict__Output = typeof Verdict[keyof typeof Verdict]

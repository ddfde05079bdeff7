// Original file: courtbridge/v1/investigation.proto

/**
 * Whether every requested chain answered.
 */
export const Completeness = {
  /**
   * Never valid.
   */
  COMPLETENESS_UNSPECIFIED: 'COMPLETENESS_UNSPECIFIED',
  /**
   * Every chain of every requested domain answered with proof (including proven absence).
   */
  COMPLETENESS_COMPLETE: 'COMPLETENESS_COMPLETE',
  /**
   * At least one chain failed; see `failures`.
   */
  COMPLETENESS_PARTIAL: 'COMPLETENESS_PARTIAL',
} as const;

/**
 * Whether every requested chain answered.
 */
export type Completeness =
  /**
   * Never valid.
   */
  | 'COMPLETENESS_UNSPECIFIED'
  | 0
  /**
   * Every chain of every requested domain answered with proof (including proven absence).
   */
  | 'COMPLETENESS_COMPLETE'
  | 1
  /**
   * At least one chain failed; see `failures`.
   */
  | 'COMPLETENESS_PARTIAL'
  | 2

/**
 * Whether every requested chain answered.
 */
export type Completeness__Output = typeof Completeness[keyof typeof Completeness]

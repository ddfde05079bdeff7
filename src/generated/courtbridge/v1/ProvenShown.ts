// Original file: courtbridge/v1/verification.proto

/**
 * What a proven record view shows.
 */
export const ProvenShown = {
  /**
   * Never valid.
   */
  PROVEN_SHOWN_UNSPECIFIED: 'PROVEN_SHOWN_UNSPECIFIED',
  /**
   * Nothing is shown as proven (the verdict is not VALID, or the verdict is not about these bytes).
   */
  PROVEN_SHOWN_NOTHING: 'PROVEN_SHOWN_NOTHING',
  /**
   * The record exists with the value below.
   */
  PROVEN_SHOWN_RECORD: 'PROVEN_SHOWN_RECORD',
  /**
   * The key is proven absent.
   */
  PROVEN_SHOWN_ABSENCE: 'PROVEN_SHOWN_ABSENCE',
} as const;

/**
 * What a proven record view shows.
 */
export type ProvenShown =
  /**
   * Never valid.
   */
  | 'PROVEN_SHOWN_UNSPECIFIED'
  | 0
  /**
   * Nothing is shown as proven (the verdict is not VALID, or the verdict is not about these bytes).
   */
  | 'PROVEN_SHOWN_NOTHING'
  | 1
  /**
   * The record exists with the value below.
   */
  | 'PROVEN_SHOWN_RECORD'
  | 2
  /**
   * The key is proven absent.
   */
  | 'PROVEN_SHOWN_ABSENCE'
  | 3

/**
 * What a proven record view shows.
 */
export type ProvenShown__Output = typeof ProvenShown[keyof typeof ProvenShown]

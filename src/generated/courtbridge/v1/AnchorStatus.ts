// Original file: courtbridge/v1/evidence.proto

/**
 * Whether a hash is anchored.
 */
export const AnchorStatus = {
  /**
   * Never valid.
   */
  ANCHOR_STATUS_UNSPECIFIED: 'ANCHOR_STATUS_UNSPECIFIED',
  /**
   * Submitted, not yet in a committed block.
   */
  ANCHOR_STATUS_PENDING: 'ANCHOR_STATUS_PENDING',
  /**
   * In a committed block; the bundle proves it.
   */
  ANCHOR_STATUS_ANCHORED: 'ANCHOR_STATUS_ANCHORED',
  /**
   * Not found on the judicial chain.
   */
  ANCHOR_STATUS_NOT_ANCHORED: 'ANCHOR_STATUS_NOT_ANCHORED',
} as const;

/**
 * Whether a hash is anchored.
 */
export type AnchorStatus =
  /**
   * Never valid.
   */
  | 'ANCHOR_STATUS_UNSPECIFIED'
  | 0
  /**
   * Submitted, not yet in a committed block.
   */
  | 'ANCHOR_STATUS_PENDING'
  | 1
  /**
   * In a committed block; the bundle proves it.
   */
  | 'ANCHOR_STATUS_ANCHORED'
  | 2
  /**
   * Not found on the judicial chain.
   */
  | 'ANCHOR_STATUS_NOT_ANCHORED'
  | 3

/**
 * Whether a hash is anchored.
 */
export type AnchorStatus__Output = typeof AnchorStatus[keyof typeof AnchorStatus]

// Original file: courtbridge/v1/action.proto

/**
 * Where an action stands. Transitions: PENDING -> DELIVERED -> EXECUTED | REJECTED | FAILED.
 */
export const ActionStatus = {
  /**
   * Never valid.
   */
  ACTION_STATUS_UNSPECIFIED: 'ACTION_STATUS_UNSPECIFIED',
  /**
   * Accepted by the gateway, stored in the action stream, not yet taken by an adapter.
   */
  ACTION_STATUS_PENDING: 'ACTION_STATUS_PENDING',
  /**
   * An adapter acknowledged it and is executing.
   */
  ACTION_STATUS_DELIVERED: 'ACTION_STATUS_DELIVERED',
  /**
   * Executed on the chain; the result carries a proof of the new state.
   */
  ACTION_STATUS_EXECUTED: 'ACTION_STATUS_EXECUTED',
  /**
   * The adapter refused it (bad order, bad judicial proof, not allowed); `reason` says why.
   */
  ACTION_STATUS_REJECTED: 'ACTION_STATUS_REJECTED',
  /**
   * Execution was attempted and failed (chain error, timeout); may be resubmitted.
   */
  ACTION_STATUS_FAILED: 'ACTION_STATUS_FAILED',
} as const;

/**
 * Where an action stands. Transitions: PENDING -> DELIVERED -> EXECUTED | REJECTED | FAILED.
 */
export type ActionStatus =
  /**
   * Never valid.
   */
  | 'ACTION_STATUS_UNSPECIFIED'
  | 0
  /**
   * Accepted by the gateway, stored in the action stream, not yet taken by an adapter.
   */
  | 'ACTION_STATUS_PENDING'
  | 1
  /**
   * An adapter acknowledged it and is executing.
   */
  | 'ACTION_STATUS_DELIVERED'
  | 2
  /**
   * Executed on the chain; the result carries a proof of the new state.
   */
  | 'ACTION_STATUS_EXECUTED'
  | 3
  /**
   * The adapter refused it (bad order, bad judicial proof, not allowed); `reason` says why.
   */
  | 'ACTION_STATUS_REJECTED'
  | 4
  /**
   * Execution was attempted and failed (chain error, timeout); may be resubmitted.
   */
  | 'ACTION_STATUS_FAILED'
  | 5

/**
 * Where an action stands. Transitions: PENDING -> DELIVERED -> EXECUTED | REJECTED | FAILED.
 */
export type ActionStatus__Output = typeof ActionStatus[keyof typeof ActionStatus]

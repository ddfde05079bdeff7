// Original file: courtbridge/v1/chain.proto

/**
 * What an operator order does.
 */
export const OperatorOperation = {
  /**
   * Never valid.
   */
  OPERATOR_OPERATION_UNSPECIFIED: 'OPERATOR_OPERATION_UNSPECIFIED',
  /**
   * Unfreeze a chain's light client at a new trusted header.
   */
  OPERATOR_OPERATION_UNFREEZE_CHAIN: 'OPERATOR_OPERATION_UNFREEZE_CHAIN',
  /**
   * Open a chain's circuit breaker.
   */
  OPERATOR_OPERATION_TRIP_BREAKER: 'OPERATOR_OPERATION_TRIP_BREAKER',
  /**
   * Close a chain's circuit breaker.
   */
  OPERATOR_OPERATION_RESET_BREAKER: 'OPERATOR_OPERATION_RESET_BREAKER',
} as const;

/**
 * What an operator order does.
 */
export type OperatorOperation =
  /**
   * Never valid.
   */
  | 'OPERATOR_OPERATION_UNSPECIFIED'
  | 0
  /**
   * Unfreeze a chain's light client at a new trusted header.
   */
  | 'OPERATOR_OPERATION_UNFREEZE_CHAIN'
  | 1
  /**
   * Open a chain's circuit breaker.
   */
  | 'OPERATOR_OPERATION_TRIP_BREAKER'
  | 2
  /**
   * Close a chain's circuit breaker.
   */
  | 'OPERATOR_OPERATION_RESET_BREAKER'
  | 3

/**
 * What an operator order does.
 */
export type OperatorOperation__Output = typeof OperatorOperation[keyof typeof OperatorOperation]

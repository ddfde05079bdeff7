// Original file: courtbridge/v1/chain.proto

/**
 * State of the circuit breaker in front of a chain's adapters.
 */
export const BreakerState = {
  /**
   * Never valid.
   */
  BREAKER_STATE_UNSPECIFIED: 'BREAKER_STATE_UNSPECIFIED',
  /**
   * Traffic flows.
   */
  BREAKER_STATE_CLOSED: 'BREAKER_STATE_CLOSED',
  /**
   * Traffic is refused (tripped by failures or by an operator).
   */
  BREAKER_STATE_OPEN: 'BREAKER_STATE_OPEN',
  /**
   * A few probe requests are let through to test recovery.
   */
  BREAKER_STATE_HALF_OPEN: 'BREAKER_STATE_HALF_OPEN',
} as const;

/**
 * State of the circuit breaker in front of a chain's adapters.
 */
export type BreakerState =
  /**
   * Never valid.
   */
  | 'BREAKER_STATE_UNSPECIFIED'
  | 0
  /**
   * Traffic flows.
   */
  | 'BREAKER_STATE_CLOSED'
  | 1
  /**
   * Traffic is refused (tripped by failures or by an operator).
   */
  | 'BREAKER_STATE_OPEN'
  | 2
  /**
   * A few probe requests are let through to test recovery.
   */
  | 'BREAKER_STATE_HALF_OPEN'
  | 3

/**
 * State of the circuit breaker in front of a chain's adapters.
 */
export type BreakerState__Output = typeof BreakerState[keyof typeof BreakerState]

// Original file: courtbridge/v1/chain.proto

/**
 * Status of a chain's light client (ibc-go: Active, Frozen, Expired).
 */
export const ClientStatus = {
  /**
   * Never valid.
   */
  CLIENT_STATUS_UNSPECIFIED: 'CLIENT_STATUS_UNSPECIFIED',
  /**
   * Headers verify and answers are served.
   */
  CLIENT_STATUS_ACTIVE: 'CLIENT_STATUS_ACTIVE',
  /**
   * Misbehaviour was detected; nothing is served until an operator unfreezes it.
   */
  CLIENT_STATUS_FROZEN: 'CLIENT_STATUS_FROZEN',
  /**
   * The trusted header is older than the trusting period; it must be re-anchored.
   */
  CLIENT_STATUS_EXPIRED: 'CLIENT_STATUS_EXPIRED',
} as const;

/**
 * Status of a chain's light client (ibc-go: Active, Frozen, Expired).
 */
export type ClientStatus =
  /**
   * Never valid.
   */
  | 'CLIENT_STATUS_UNSPECIFIED'
  | 0
  /**
   * Headers verify and answers are served.
   */
  | 'CLIENT_STATUS_ACTIVE'
  | 1
  /**
   * Misbehaviour was detected; nothing is served until an operator unfreezes it.
   */
  | 'CLIENT_STATUS_FROZEN'
  | 2
  /**
   * The trusted header is older than the trusting period; it must be re-anchored.
   */
  | 'CLIENT_STATUS_EXPIRED'
  | 3

/**
 * Status of a chain's light client (ibc-go: Active, Frozen, Expired).
 */
export type ClientStatus__Output = typeof ClientStatus[keyof typeof ClientStatus]

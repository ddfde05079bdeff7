// Original file: courtbridge/v1/alliance.proto

/**
 * Registry status of a chain.
 */
export const ChainEntryStatus = {
  /**
   * Never valid.
   */
  CHAIN_ENTRY_STATUS_UNSPECIFIED: 'CHAIN_ENTRY_STATUS_UNSPECIFIED',
  /**
   * Admitted: gateways serve it.
   */
  CHAIN_ENTRY_STATUS_ADMITTED: 'CHAIN_ENTRY_STATUS_ADMITTED',
  /**
   * Removed: not served; its old bundles still verify against its anchors.
   */
  CHAIN_ENTRY_STATUS_REMOVED: 'CHAIN_ENTRY_STATUS_REMOVED',
} as const;

/**
 * Registry status of a chain.
 */
export type ChainEntryStatus =
  /**
   * Never valid.
   */
  | 'CHAIN_ENTRY_STATUS_UNSPECIFIED'
  | 0
  /**
   * Admitted: gateways serve it.
   */
  | 'CHAIN_ENTRY_STATUS_ADMITTED'
  | 1
  /**
   * Removed: not served; its old bundles still verify against its anchors.
   */
  | 'CHAIN_ENTRY_STATUS_REMOVED'
  | 2

/**
 * Registry status of a chain.
 */
export type ChainEntryStatus__Output = typeof ChainEntryStatus[keyof typeof ChainEntryStatus]

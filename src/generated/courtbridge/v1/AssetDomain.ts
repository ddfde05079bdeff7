// Original file: courtbridge/v1/investigation.proto

/**
 * Asset domains an investigation can search.
 */
export const AssetDomain = {
  /**
   * Never valid.
   */
  ASSET_DOMAIN_UNSPECIFIED: 'ASSET_DOMAIN_UNSPECIFIED',
  /**
   * Real estate and movables.
   */
  ASSET_DOMAIN_PROPERTY: 'ASSET_DOMAIN_PROPERTY',
  /**
   * Bank accounts, deposits, loan contracts.
   */
  ASSET_DOMAIN_FINANCE: 'ASSET_DOMAIN_FINANCE',
  /**
   * Copyrights, trademarks, patents.
   */
  ASSET_DOMAIN_IP: 'ASSET_DOMAIN_IP',
} as const;

/**
 * Asset domains an investigation can search.
 */
export type AssetDomain =
  /**
   * Never valid.
   */
  | 'ASSET_DOMAIN_UNSPECIFIED'
  | 0
  /**
   * Real estate and movables.
   */
  | 'ASSET_DOMAIN_PROPERTY'
  | 1
  /**
   * Bank accounts, deposits, loan contracts.
   */
  | 'ASSET_DOMAIN_FINANCE'
  | 2
  /**
   * Copyrights, trademarks, patents.
   */
  | 'ASSET_DOMAIN_IP'
  | 3

/**
 * Asset domains an investigation can search.
 */
export type AssetDomain__Output = typeof AssetDomain[keyof typeof AssetDomain]

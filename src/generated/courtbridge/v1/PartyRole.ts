// Original file: courtbridge/v1/mediation.proto

/**
 * A party's side in an obligation.
 */
export const PartyRole = {
  /**
   * Never valid.
   */
  PARTY_ROLE_UNSPECIFIED: 'PARTY_ROLE_UNSPECIFIED',
  /**
   * Owes the performance.
   */
  PARTY_ROLE_OBLIGOR: 'PARTY_ROLE_OBLIGOR',
  /**
   * Is owed the performance.
   */
  PARTY_ROLE_OBLIGEE: 'PARTY_ROLE_OBLIGEE',
} as const;

/**
 * A party's side in an obligation.
 */
export type PartyRole =
  /**
   * Never valid.
   */
  | 'PARTY_ROLE_UNSPECIFIED'
  | 0
  /**
   * Owes the performance.
   */
  | 'PARTY_ROLE_OBLIGOR'
  | 1
  /**
   * Is owed the performance.
   */
  | 'PARTY_ROLE_OBLIGEE'
  | 2

/**
 * A party's side in an obligation.
 */
export type PartyRole__Output = typeof PartyRole[keyof typeof PartyRole]

// Original file: courtbridge/v1/alliance.proto

/**
 * Registry status of a member.
 */
export const MemberStatus = {
  /**
   * Never valid.
   */
  MEMBER_STATUS_UNSPECIFIED: 'MEMBER_STATUS_UNSPECIFIED',
  /**
   * May act in its roles.
   */
  MEMBER_STATUS_ACTIVE: 'MEMBER_STATUS_ACTIVE',
  /**
   * Revoked: nothing it signs at or after the revocation counts.
   */
  MEMBER_STATUS_REVOKED: 'MEMBER_STATUS_REVOKED',
} as const;

/**
 * Registry status of a member.
 */
export type MemberStatus =
  /**
   * Never valid.
   */
  | 'MEMBER_STATUS_UNSPECIFIED'
  | 0
  /**
   * May act in its roles.
   */
  | 'MEMBER_STATUS_ACTIVE'
  | 1
  /**
   * Revoked: nothing it signs at or after the revocation counts.
   */
  | 'MEMBER_STATUS_REVOKED'
  | 2

/**
 * Registry status of a member.
 */
export type MemberStatus__Output = typeof MemberStatus[keyof typeof MemberStatus]

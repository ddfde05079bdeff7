// Original file: courtbridge/v1/alliance.proto

/**
 * Roles a member may hold. A registry update names them by their registry names ("admin",
 * "court", ...: the lower-case name after MEMBER_ROLE_), docs/spec/registry.md.
 */
export const MemberRole = {
  /**
   * Never valid.
   */
  MEMBER_ROLE_UNSPECIFIED: 'MEMBER_ROLE_UNSPECIFIED',
  /**
   * Alliance admin: approves registry updates and operator orders.
   */
  MEMBER_ROLE_ADMIN: 'MEMBER_ROLE_ADMIN',
  /**
   * A court.
   */
  MEMBER_ROLE_COURT: 'MEMBER_ROLE_COURT',
  /**
   * A gateway: signs receipts and forwards actions.
   */
  MEMBER_ROLE_GATEWAY: 'MEMBER_ROLE_GATEWAY',
  /**
   * An adapter speaking for one or more chains.
   */
  MEMBER_ROLE_ADAPTER: 'MEMBER_ROLE_ADAPTER',
  /**
   * A chain validator.
   */
  MEMBER_ROLE_VALIDATOR: 'MEMBER_ROLE_VALIDATOR',
  /**
   * A partner agency (attests records).
   */
  MEMBER_ROLE_AGENCY: 'MEMBER_ROLE_AGENCY',
  /**
   * A procuratorate (检察院), collaborating with the courts on the collab chain.
   */
  MEMBER_ROLE_PROCURATORATE: 'MEMBER_ROLE_PROCURATORATE',
  /**
   * A public security organ (公安机关), collaborating with the courts on the collab chain.
   */
  MEMBER_ROLE_POLICE: 'MEMBER_ROLE_POLICE',
  /**
   * A justice administration organ (司法行政机关), collaborating with the courts on the collab chain.
   */
  MEMBER_ROLE_JUSTICE: 'MEMBER_ROLE_JUSTICE',
} as const;

/**
 * Roles a member may hold. A registry update names them by their registry names ("admin",
 * "court", ...: the lower-case name after MEMBER_ROLE_), docs/spec/registry.md.
 */
export type MemberRole =
  /**
   * Never valid.
   */
  | 'MEMBER_ROLE_UNSPECIFIED'
  | 0
  /**
   * Alliance admin: approves registry updates and operator orders.
   */
  | 'MEMBER_ROLE_ADMIN'
  | 1
  /**
   * A court.
   */
  | 'MEMBER_ROLE_COURT'
  | 2
  /**
   * A gateway: signs receipts and forwards actions.
   */
  | 'MEMBER_ROLE_GATEWAY'
  | 3
  /**
   * An adapter speaking for one or more chains.
   */
  | 'MEMBER_ROLE_ADAPTER'
  | 4
  /**
   * A chain validator.
   */
  | 'MEMBER_ROLE_VALIDATOR'
  | 5
  /**
   * A partner agency (attests records).
   */
  | 'MEMBER_ROLE_AGENCY'
  | 6
  /**
   * A procuratorate (检察院), collaborating with the courts on the collab chain.
   */
  | 'MEMBER_ROLE_PROCURATORATE'
  | 7
  /**
   * A public security organ (公安机关), collaborating with the courts on the collab chain.
   */
  | 'MEMBER_ROLE_POLICE'
  | 8
  /**
   * A justice administration organ (司法行政机关), collaborating with the courts on the collab chain.
   */
  | 'MEMBER_ROLE_JUSTICE'
  | 9

/**
 * Roles a member may hold. A registry update names them by their registry names ("admin",
 * "court", ...: the lower-case name after MEMBER_ROLE_), docs/spec/registry.md.
 */
export type MemberRole__Output = typeof MemberRole[keyof typeof MemberRole]

// Original file: courtbridge/v1/chain.proto

/**
 * The kind of registry a chain keeps (DESIGN.md: judicial, IP, property, credit, finance).
 */
export const ChainKind = {
  /**
   * Never valid.
   */
  CHAIN_KIND_UNSPECIFIED: 'CHAIN_KIND_UNSPECIFIED',
  /**
   * The courts' chain: evidence, case files, mediation, enforcement, the alliance registry.
   */
  CHAIN_KIND_JUDICIAL: 'CHAIN_KIND_JUDICIAL',
  /**
   * Intellectual property: copyright, trademark, patent.
   */
  CHAIN_KIND_IP: 'CHAIN_KIND_IP',
  /**
   * Property registry: real estate, movables.
   */
  CHAIN_KIND_PROPERTY: 'CHAIN_KIND_PROPERTY',
  /**
   * Credit system: dishonest judgment debtors, high-consumption restrictions.
   */
  CHAIN_KIND_CREDIT: 'CHAIN_KIND_CREDIT',
  /**
   * Finance: bank accounts, loan contracts.
   */
  CHAIN_KIND_FINANCE: 'CHAIN_KIND_FINANCE',
  /**
   * Any other registry a partner connects (e.g. lawyer qualifications): record types and
   * actions as its definition declares them.
   */
  CHAIN_KIND_REGISTRY: 'CHAIN_KIND_REGISTRY',
} as const;

/**
 * The kind of registry a chain keeps (DESIGN.md: judicial, IP, property, credit, finance).
 */
export type ChainKind =
  /**
   * Never valid.
   */
  | 'CHAIN_KIND_UNSPECIFIED'
  | 0
  /**
   * The courts' chain: evidence, case files, mediation, enforcement, the alliance registry.
   */
  | 'CHAIN_KIND_JUDICIAL'
  | 1
  /**
   * Intellectual property: copyright, trademark, patent.
   */
  | 'CHAIN_KIND_IP'
  | 2
  /**
   * Property registry: real estate, movables.
   */
  | 'CHAIN_KIND_PROPERTY'
  | 3
  /**
   * Credit system: dishonest judgment debtors, high-consumption restrictions.
   */
  | 'CHAIN_KIND_CREDIT'
  | 4
  /**
   * Finance: bank accounts, loan contracts.
   */
  | 'CHAIN_KIND_FINANCE'
  | 5
  /**
   * Any other registry a partner connects (e.g. lawyer qualifications): record types and
   * actions as its definition declares them.
   */
  | 'CHAIN_KIND_REGISTRY'
  | 6

/**
 * The kind of registry a chain keeps (DESIGN.md: judicial, IP, property, credit, finance).
 */
export type ChainKind__Output = typeof ChainKind[keyof typeof ChainKind]

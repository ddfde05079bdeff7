// Original file: courtbridge/v1/alliance.proto

/**
 * What a registry update does. These are protobuf numbers only: the bytes approvals sign name
 * the operation by its own byte (register 1, rotate key 2, revoke 3, admit chain 5, update chain 6,
 * remove chain 7; docs/spec/registry.md), not by these numbers.
 */
export const RegistryOperation = {
  /**
   * Never valid.
   */
  REGISTRY_OPERATION_UNSPECIFIED: 'REGISTRY_OPERATION_UNSPECIFIED',
  /**
   * Add a member.
   */
  REGISTRY_OPERATION_REGISTER: 'REGISTRY_OPERATION_REGISTER',
  /**
   * Revoke a member.
   */
  REGISTRY_OPERATION_REVOKE: 'REGISTRY_OPERATION_REVOKE',
  /**
   * Rotate a member's key.
   */
  REGISTRY_OPERATION_ROTATE_KEY: 'REGISTRY_OPERATION_ROTATE_KEY',
  /**
   * Admit a chain (`chain`).
   */
  REGISTRY_OPERATION_ADMIT_CHAIN: 'REGISTRY_OPERATION_ADMIT_CHAIN',
  /**
   * Replace a chain's entry (`chain`).
   */
  REGISTRY_OPERATION_UPDATE_CHAIN: 'REGISTRY_OPERATION_UPDATE_CHAIN',
  /**
   * Remove a chain (`chain_id`).
   */
  REGISTRY_OPERATION_REMOVE_CHAIN: 'REGISTRY_OPERATION_REMOVE_CHAIN',
} as const;

/**
 * What a registry update does. These are protobuf numbers only: the bytes approvals sign name
 * the operation by its own byte (register 1, rotate key 2, revoke 3, admit chain 5, update chain 6,
 * remove chain 7; docs/spec/registry.md), not by these numbers.
 */
export type RegistryOperation =
  /**
   * Never valid.
   */
  | 'REGISTRY_OPERATION_UNSPECIFIED'
  | 0
  /**
   * Add a member.
   */
  | 'REGISTRY_OPERATION_REGISTER'
  | 1
  /**
   * Revoke a member.
   */
  | 'REGISTRY_OPERATION_REVOKE'
  | 2
  /**
   * Rotate a member's key.
   */
  | 'REGISTRY_OPERATION_ROTATE_KEY'
  | 3
  /**
   * Admit a chain (`chain`).
   */
  | 'REGISTRY_OPERATION_ADMIT_CHAIN'
  | 4
  /**
   * Replace a chain's entry (`chain`).
   */
  | 'REGISTRY_OPERATION_UPDATE_CHAIN'
  | 5
  /**
   * Remove a chain (`chain_id`).
   */
  | 'REGISTRY_OPERATION_REMOVE_CHAIN'
  | 6

/**
 * What a registry update does. These are protobuf numbers only: the bytes approvals sign name
 * the operation by its own byte (register 1, rotate key 2, revoke 3, admit chain 5, update chain 6,
 * remove chain 7; docs/spec/registry.md), not by these numbers.
 */
export type RegistryOperation__Output = typeof RegistryOperation[keyof typeof RegistryOperation]

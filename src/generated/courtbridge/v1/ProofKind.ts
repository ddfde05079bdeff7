// Original file: courtbridge/v1/types.proto

/**
 * What a sparse Merkle proof proves.
 */
export const ProofKind = {
  /**
   * Never valid; rejected with `unspecified_proof_kind`.
   */
  PROOF_KIND_UNSPECIFIED: 'PROOF_KIND_UNSPECIFIED',
  /**
   * The key is in the state with the given value.
   */
  PROOF_KIND_MEMBER: 'PROOF_KIND_MEMBER',
  /**
   * The key is not in the state (non-membership).
   */
  PROOF_KIND_ABSENT: 'PROOF_KIND_ABSENT',
} as const;

/**
 * What a sparse Merkle proof proves.
 */
export type ProofKind =
  /**
   * Never valid; rejected with `unspecified_proof_kind`.
   */
  | 'PROOF_KIND_UNSPECIFIED'
  | 0
  /**
   * The key is in the state with the given value.
   */
  | 'PROOF_KIND_MEMBER'
  | 1
  /**
   * The key is not in the state (non-membership).
   */
  | 'PROOF_KIND_ABSENT'
  | 2

/**
 * What a sparse Merkle proof proves.
 */
export type ProofKind__Output = typeof ProofKind[keyof typeof ProofKind]

// Original file: courtbridge/v1/bundle.proto

/**
 * What a bundle's answer rests on (a chain's endorsement policy decides which it needs).
 */
export const TrustBasis = {
  /**
   * Never valid.
   */
  TRUST_BASIS_UNSPECIFIED: 'TRUST_BASIS_UNSPECIFIED',
  /**
   * A sparse Merkle proof against a header signed by a validator quorum.
   */
  TRUST_BASIS_HEADER_PROOF: 'TRUST_BASIS_HEADER_PROOF',
  /**
   * A quorum of agency attestations (the registry is not a chain).
   */
  TRUST_BASIS_ATTESTATIONS: 'TRUST_BASIS_ATTESTATIONS',
  /**
   * Both, as a second factor.
   */
  TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS: 'TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS',
  /**
   * A Merkle-Patricia state proof (`eth_getProof`) against an EVM block that a quorum of the
   * chain's notaries signed as final.
   */
  TRUST_BASIS_NOTARIZED_STATE_PROOF: 'TRUST_BASIS_NOTARIZED_STATE_PROOF',
  /**
   * The record (or its absence) at a database version, signed by a quorum of the chain's notaries
   * who each read it (a `notary` chain: a registry kept in a database).
   */
  TRUST_BASIS_NOTARIZED_RECORD: 'TRUST_BASIS_NOTARIZED_RECORD',
} as const;

/**
 * What a bundle's answer rests on (a chain's endorsement policy decides which it needs).
 */
export type TrustBasis =
  /**
   * Never valid.
   */
  | 'TRUST_BASIS_UNSPECIFIED'
  | 0
  /**
   * A sparse Merkle proof against a header signed by a validator quorum.
   */
  | 'TRUST_BASIS_HEADER_PROOF'
  | 1
  /**
   * A quorum of agency attestations (the registry is not a chain).
   */
  | 'TRUST_BASIS_ATTESTATIONS'
  | 2
  /**
   * Both, as a second factor.
   */
  | 'TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS'
  | 3
  /**
   * A Merkle-Patricia state proof (`eth_getProof`) against an EVM block that a quorum of the
   * chain's notaries signed as final.
   */
  | 'TRUST_BASIS_NOTARIZED_STATE_PROOF'
  | 4
  /**
   * The record (or its absence) at a database version, signed by a quorum of the chain's notaries
   * who each read it (a `notary` chain: a registry kept in a database).
   */
  | 'TRUST_BASIS_NOTARIZED_RECORD'
  | 5

/**
 * What a bundle's answer rests on (a chain's endorsement policy decides which it needs).
 */
export type TrustBasis__Output = typeof TrustBasis[keyof typeof TrustBasis]

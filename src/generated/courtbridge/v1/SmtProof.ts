// Original file: courtbridge/v1/types.proto

import type { ProofKind as _courtbridge_v1_ProofKind, ProofKind__Output as _courtbridge_v1_ProofKind__Output } from '../../courtbridge/v1/ProofKind.js';

/**
 * A sparse Merkle tree proof against a header's state root (src/proof).
 */
export interface SmtProof {
  /**
   * Membership or non-membership.
   */
  'kind'?: (_courtbridge_v1_ProofKind);
  /**
   * Sibling hashes along the path from the leaf up to the root, deepest first (32 bytes each).
   */
  'siblings'?: (Buffer | Uint8Array | string)[];
  /**
   * sha256 of the key of the leaf the path ends at (32 bytes): the record's own key for
   * membership; for absence, the other leaf occupying the path, or empty when the path ends
   * at an empty subtree.
   */
  'leafKeyHash'?: (Buffer | Uint8Array | string);
  /**
   * sha256 of the value of the leaf the path ends at (32 bytes), set whenever
   * `leaf_key_hash` is: the record's own value for membership, the occupying leaf's value
   * for absence.
   */
  'leafValueHash'?: (Buffer | Uint8Array | string);
}

/**
 * A sparse Merkle tree proof against a header's state root (src/proof).
 */
export interface SmtProof__Output {
  /**
   * Membership or non-membership.
   */
  'kind': (_courtbridge_v1_ProofKind__Output);
  /**
   * Sibling hashes along the path from the leaf up to the root, deepest first (32 bytes each).
   */
  'siblings': (Buffer)[];
  /**
   * sha256 of the key of the leaf the path ends at (32 bytes): the record's own key for
   * membership; for absence, the other leaf occupying the path, or empty when the path ends
   * at an empty subtree.
   */
  'leafKeyHash': (Buffer);
  /**
   * sha256 of the value of the leaf the path ends at (32 bytes), set whenever
   * `leaf_key_hash` is: the record's own value for membership, the occupying leaf's value
   * for absence.
   */
  'leafValueHash': (Buffer);
}

// Original file: courtbridge/v1/types.proto

import type { ProofKind as _courtbridge_v1_ProofKind, ProofKind__Output as _courtbridge_v1_ProofKind__Output } from '../../courtbridge/v1/ProofKind.js';

/**
 * A sparse Merkle tree proof against a header's state root.
 * Spec: docs/spec/smt.md
 */
export interface SmtProof {
  /**
   * Membership or non-membership.
   */
  'kind'?: (_courtbridge_v1_ProofKind);
  /**
   * Sibling hashes along the path from the leaf up to the root, deepest first (32 bytes each;
   * an empty subtree's hash written out).
   */
  'siblings'?: (Buffer | Uint8Array | string)[];
  /**
   * H of the key of the leaf the path ends at (32 bytes; H the chain's hash suite): the record's
   * own key for membership; for absence, the other leaf occupying the path, or empty when the
   * path ends at an empty subtree.
   */
  'leafKeyHash'?: (Buffer | Uint8Array | string);
  /**
   * H of the value of the leaf the path ends at (32 bytes), set whenever
   * `leaf_key_hash` is: the record's own value for membership, the occupying leaf's value
   * for absence.
   */
  'leafValueHash'?: (Buffer | Uint8Array | string);
}

/**
 * A sparse Merkle tree proof against a header's state root.
 * Spec: docs/spec/smt.md
 */
export interface SmtProof__Output {
  /**
   * Membership or non-membership.
   */
  'kind': (_courtbridge_v1_ProofKind__Output);
  /**
   * Sibling hashes along the path from the leaf up to the root, deepest first (32 bytes each;
   * an empty subtree's hash written out).
   */
  'siblings': (Buffer)[];
  /**
   * H of the key of the leaf the path ends at (32 bytes; H the chain's hash suite): the record's
   * own key for membership; for absence, the other leaf occupying the path, or empty when the
   * path ends at an empty subtree.
   */
  'leafKeyHash': (Buffer);
  /**
   * H of the value of the leaf the path ends at (32 bytes), set whenever
   * `leaf_key_hash` is: the record's own value for membership, the occupying leaf's value
   * for absence.
   */
  'leafValueHash': (Buffer);
}

// Original file: courtbridge/v1/types.proto

import type { EvmStateProof as _courtbridge_v1_EvmStateProof, EvmStateProof__Output as _courtbridge_v1_EvmStateProof__Output } from '../../courtbridge/v1/EvmStateProof.js';
import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from '../../courtbridge/v1/NotarySignature.js';

/**
 * The evidence of a record on an `evm` chain: the block header, the state proof against its state
 * root, and (in bundles) the notaries' signatures that make the block final.
 * Spec: docs/spec/evm.md
 */
export interface EvmEvidence {
  /**
   * RLP of the block header (15 to 21 fields, as received); its keccak256 is the block hash the
   * notaries signed.
   */
  'headerRlp'?: (Buffer | Uint8Array | string);
  /**
   * The account and storage proofs of the record's slots.
   */
  'proof'?: (_courtbridge_v1_EvmStateProof | null);
  /**
   * The notaries' signatures over the block; at least the chain's threshold of its notaries.
   */
  'notarizations'?: (_courtbridge_v1_NotarySignature)[];
}

/**
 * The evidence of a record on an `evm` chain: the block header, the state proof against its state
 * root, and (in bundles) the notaries' signatures that make the block final.
 * Spec: docs/spec/evm.md
 */
export interface EvmEvidence__Output {
  /**
   * RLP of the block header (15 to 21 fields, as received); its keccak256 is the block hash the
   * notaries signed.
   */
  'headerRlp': (Buffer);
  /**
   * The account and storage proofs of the record's slots.
   */
  'proof': (_courtbridge_v1_EvmStateProof__Output | null);
  /**
   * The notaries' signatures over the block; at least the chain's threshold of its notaries.
   */
  'notarizations': (_courtbridge_v1_NotarySignature__Output)[];
}

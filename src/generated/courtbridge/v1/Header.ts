// Original file: courtbridge/v1/types.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The header of one block of an alliance chain. A header counts once validators holding more
 * than 2/3 of the voting power of the validator set named by `validators_hash` have each signed a
 * vote for it (chain id, height and header hash; see CommitSignature). The header hash is taken
 * over the header's fixed byte layout, not over the protobuf encoding of this message.
 * Spec: docs/spec/header.md
 */
export interface Header {
  /**
   * Chain identifier as registered in the alliance registry, e.g. "property-registry".
   */
  'chainId'?: (string);
  /**
   * Block height, starting at 1 for the first block after genesis.
   */
  'height'?: (number | string | Long);
  /**
   * Block time chosen by the proposer, unix ms. Light clients reject headers from the future.
   */
  'timeMs'?: (number | string | Long);
  /**
   * Header hash of the block at height - 1 (32 bytes; 32 zero bytes at height 1).
   */
  'prevHash'?: (Buffer | Uint8Array | string);
  /**
   * Root of the chain's sparse Merkle tree over its key-value state after this block (32 bytes).
   */
  'stateRoot'?: (Buffer | Uint8Array | string);
  /**
   * Merkle root of the block's transactions (32 bytes).
   */
  'txRoot'?: (Buffer | Uint8Array | string);
  /**
   * Hash of the ValidatorSet that signs this header (32 bytes).
   */
  'validatorsHash'?: (Buffer | Uint8Array | string);
  /**
   * Hash of the ValidatorSet that signs the next header (32 bytes); differs from
   * `validators_hash` exactly when the set changes.
   */
  'nextValidatorsHash'?: (Buffer | Uint8Array | string);
  /**
   * DID of the validator that proposed the block.
   */
  'proposer'?: (string);
}

/**
 * The header of one block of an alliance chain. A header counts once validators holding more
 * than 2/3 of the voting power of the validator set named by `validators_hash` have each signed a
 * vote for it (chain id, height and header hash; see CommitSignature). The header hash is taken
 * over the header's fixed byte layout, not over the protobuf encoding of this message.
 * Spec: docs/spec/header.md
 */
export interface Header__Output {
  /**
   * Chain identifier as registered in the alliance registry, e.g. "property-registry".
   */
  'chainId': (string);
  /**
   * Block height, starting at 1 for the first block after genesis.
   */
  'height': (number);
  /**
   * Block time chosen by the proposer, unix ms. Light clients reject headers from the future.
   */
  'timeMs': (number);
  /**
   * Header hash of the block at height - 1 (32 bytes; 32 zero bytes at height 1).
   */
  'prevHash': (Buffer);
  /**
   * Root of the chain's sparse Merkle tree over its key-value state after this block (32 bytes).
   */
  'stateRoot': (Buffer);
  /**
   * Merkle root of the block's transactions (32 bytes).
   */
  'txRoot': (Buffer);
  /**
   * Hash of the ValidatorSet that signs this header (32 bytes).
   */
  'validatorsHash': (Buffer);
  /**
   * Hash of the ValidatorSet that signs the next header (32 bytes); differs from
   * `validators_hash` exactly when the set changes.
   */
  'nextValidatorsHash': (Buffer);
  /**
   * DID of the validator that proposed the block.
   */
  'proposer': (string);
}

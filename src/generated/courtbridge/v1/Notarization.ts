// Original file: courtbridge/v1/types.proto

import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from '../../courtbridge/v1/NotarySignature.js';
import type { Long } from '@grpc/proto-loader';

/**
 * What a notary publishes for one block it saw final (NATS KV bucket `cb_notary`, key
 * `<chain>.<height>.<notary key>`). The fields are those the signature covers.
 * Spec: docs/spec/notary.md
 */
export interface Notarization {
  /**
   * Chain of the block.
   */
  'chainId'?: (string);
  /**
   * Block number.
   */
  'height'?: (number | string | Long);
  /**
   * The chain's own block hash (32 bytes; keccak256 of the RLP header on an EVM chain).
   */
  'blockHash'?: (Buffer | Uint8Array | string);
  /**
   * The block's state root (32 bytes).
   */
  'stateRoot'?: (Buffer | Uint8Array | string);
  /**
   * The block's own time, unix ms.
   */
  'timeMs'?: (number | string | Long);
  /**
   * The notary's signature.
   */
  'signature'?: (_courtbridge_v1_NotarySignature | null);
}

/**
 * What a notary publishes for one block it saw final (NATS KV bucket `cb_notary`, key
 * `<chain>.<height>.<notary key>`). The fields are those the signature covers.
 * Spec: docs/spec/notary.md
 */
export interface Notarization__Output {
  /**
   * Chain of the block.
   */
  'chainId': (string);
  /**
   * Block number.
   */
  'height': (number);
  /**
   * The chain's own block hash (32 bytes; keccak256 of the RLP header on an EVM chain).
   */
  'blockHash': (Buffer);
  /**
   * The block's state root (32 bytes).
   */
  'stateRoot': (Buffer);
  /**
   * The block's own time, unix ms.
   */
  'timeMs': (number);
  /**
   * The notary's signature.
   */
  'signature': (_courtbridge_v1_NotarySignature__Output | null);
}

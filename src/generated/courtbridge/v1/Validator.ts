// Original file: courtbridge/v1/types.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One validator of a chain: a DID with a secp256k1 key and a voting power.
 */
export interface Validator {
  /**
   * The validator's DID, e.g. "did:alliance:bank-a-node-1".
   */
  'did'?: (string);
  /**
   * Compressed secp256k1 public key (33 bytes) the validator signs commits with.
   */
  'publicKey'?: (Buffer | Uint8Array | string);
  /**
   * Voting power; the quorum is more than 2/3 of the set's total power.
   */
  'power'?: (number | string | Long);
}

/**
 * One validator of a chain: a DID with a secp256k1 key and a voting power.
 */
export interface Validator__Output {
  /**
   * The validator's DID, e.g. "did:alliance:bank-a-node-1".
   */
  'did': (string);
  /**
   * Compressed secp256k1 public key (33 bytes) the validator signs commits with.
   */
  'publicKey': (Buffer);
  /**
   * Voting power; the quorum is more than 2/3 of the set's total power.
   */
  'power': (number);
}

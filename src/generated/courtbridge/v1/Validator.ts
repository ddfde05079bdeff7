// Original file: courtbridge/v1/types.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One validator of a chain: a DID with a key (the suite its chain's entry names) and a voting power.
 */
export interface Validator {
  /**
   * The validator's DID, e.g. "did:alliance:bank-a-node-1".
   */
  'did'?: (string);
  /**
   * The key the validator signs votes with: 33-byte compressed secp256k1, or 35-byte SM2
   * (0x86 0x24 || compressed point); its first byte says its suite.
   */
  'publicKey'?: (Buffer | Uint8Array | string);
  /**
   * Voting power; the quorum is more than 2/3 of the set's total power.
   */
  'power'?: (number | string | Long);
}

/**
 * One validator of a chain: a DID with a key (the suite its chain's entry names) and a voting power.
 */
export interface Validator__Output {
  /**
   * The validator's DID, e.g. "did:alliance:bank-a-node-1".
   */
  'did': (string);
  /**
   * The key the validator signs votes with: 33-byte compressed secp256k1, or 35-byte SM2
   * (0x86 0x24 || compressed point); its first byte says its suite.
   */
  'publicKey': (Buffer);
  /**
   * Voting power; the quorum is more than 2/3 of the set's total power.
   */
  'power': (number);
}

// Original file: courtbridge/v1/types.proto

import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from '../../courtbridge/v1/EvmStorageProof.js';
import type { Long } from '@grpc/proto-loader';

/**
 * An `eth_getProof` result in binary: one account and some of its storage slots, each with the
 * Merkle-Patricia nodes that prove it against a block's state root.
 */
export interface EvmStateProof {
  /**
   * The account's address (20 bytes): the chain's registry contract.
   */
  'address'?: (Buffer | Uint8Array | string);
  /**
   * The account's nonce, balance, storage root and code hash as claimed (the proof decides).
   */
  'nonce'?: (number | string | Long);
  /**
   * Big-endian without leading zeros.
   */
  'balance'?: (Buffer | Uint8Array | string);
  /**
   * 32 bytes.
   */
  'storageHash'?: (Buffer | Uint8Array | string);
  /**
   * 32 bytes.
   */
  'codeHash'?: (Buffer | Uint8Array | string);
  /**
   * The state-trie nodes from the state root down to the account (RLP, root first).
   */
  'accountProof'?: (Buffer | Uint8Array | string)[];
  /**
   * The slots asked for, in the order the record layout names them.
   */
  'storage'?: (_courtbridge_v1_EvmStorageProof)[];
}

/**
 * An `eth_getProof` result in binary: one account and some of its storage slots, each with the
 * Merkle-Patricia nodes that prove it against a block's state root.
 */
export interface EvmStateProof__Output {
  /**
   * The account's address (20 bytes): the chain's registry contract.
   */
  'address': (Buffer);
  /**
   * The account's nonce, balance, storage root and code hash as claimed (the proof decides).
   */
  'nonce': (number);
  /**
   * Big-endian without leading zeros.
   */
  'balance': (Buffer);
  /**
   * 32 bytes.
   */
  'storageHash': (Buffer);
  /**
   * 32 bytes.
   */
  'codeHash': (Buffer);
  /**
   * The state-trie nodes from the state root down to the account (RLP, root first).
   */
  'accountProof': (Buffer)[];
  /**
   * The slots asked for, in the order the record layout names them.
   */
  'storage': (_courtbridge_v1_EvmStorageProof__Output)[];
}

// Original file: courtbridge/v1/types.proto

import type { EvmStorageProof as _courtbridge_v1_EvmStorageProof, EvmStorageProof__Output as _courtbridge_v1_EvmStorageProof__Output } from '../../courtbridge/v1/EvmStorageProof.js';
import type { Long } from '@grpc/proto-loader';

/**
 * An `eth_getProof` result (EIP-1186) in binary: one account and some of its storage slots, each
 * with the Merkle-Patricia nodes that prove it against a block's state root.
 * Spec: docs/spec/evm.md
 */
export interface EvmStateProof {
  /**
   * The account's address (20 bytes): the contract the chain's registry entry names.
   */
  'address'?: (Buffer | Uint8Array | string);
  /**
   * The account's nonce, balance, storage root and code hash as claimed (the proof decides).
   */
  'nonce'?: (number | string | Long);
  /**
   * Big-endian without leading zeros, at most 32 bytes (empty: zero).
   */
  'balance'?: (Buffer | Uint8Array | string);
  /**
   * 32 bytes; must equal the storage root the account proof proves.
   */
  'storageHash'?: (Buffer | Uint8Array | string);
  /**
   * 32 bytes.
   */
  'codeHash'?: (Buffer | Uint8Array | string);
  /**
   * The state-trie nodes from the state root down to the account (RLP, root first, at most 65).
   */
  'accountProof'?: (Buffer | Uint8Array | string)[];
  /**
   * Exactly the record's slots (at most 256), word 0 first: the slots its key names in the
   * contract's storage.
   */
  'storage'?: (_courtbridge_v1_EvmStorageProof)[];
}

/**
 * An `eth_getProof` result (EIP-1186) in binary: one account and some of its storage slots, each
 * with the Merkle-Patricia nodes that prove it against a block's state root.
 * Spec: docs/spec/evm.md
 */
export interface EvmStateProof__Output {
  /**
   * The account's address (20 bytes): the contract the chain's registry entry names.
   */
  'address': (Buffer);
  /**
   * The account's nonce, balance, storage root and code hash as claimed (the proof decides).
   */
  'nonce': (number);
  /**
   * Big-endian without leading zeros, at most 32 bytes (empty: zero).
   */
  'balance': (Buffer);
  /**
   * 32 bytes; must equal the storage root the account proof proves.
   */
  'storageHash': (Buffer);
  /**
   * 32 bytes.
   */
  'codeHash': (Buffer);
  /**
   * The state-trie nodes from the state root down to the account (RLP, root first, at most 65).
   */
  'accountProof': (Buffer)[];
  /**
   * Exactly the record's slots (at most 256), word 0 first: the slots its key names in the
   * contract's storage.
   */
  'storage': (_courtbridge_v1_EvmStorageProof__Output)[];
}

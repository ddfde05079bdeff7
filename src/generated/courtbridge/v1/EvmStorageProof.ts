// Original file: courtbridge/v1/types.proto


/**
 * One storage slot of an `eth_getProof` result.
 */
export interface EvmStorageProof {
  /**
   * The slot (32 bytes); keccak256 of it is its key in the storage trie.
   */
  'slot'?: (Buffer | Uint8Array | string);
  /**
   * The value the slot holds, big-endian without leading zeros (empty: zero, the slot is empty).
   */
  'value'?: (Buffer | Uint8Array | string);
  /**
   * The trie nodes from the storage root down to the slot (RLP, root first).
   */
  'proof'?: (Buffer | Uint8Array | string)[];
}

/**
 * One storage slot of an `eth_getProof` result.
 */
export interface EvmStorageProof__Output {
  /**
   * The slot (32 bytes); keccak256 of it is its key in the storage trie.
   */
  'slot': (Buffer);
  /**
   * The value the slot holds, big-endian without leading zeros (empty: zero, the slot is empty).
   */
  'value': (Buffer);
  /**
   * The trie nodes from the storage root down to the slot (RLP, root first).
   */
  'proof': (Buffer)[];
}

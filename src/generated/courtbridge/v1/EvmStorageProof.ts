// Original file: courtbridge/v1/types.proto


/**
 * One storage slot of an `eth_getProof` result (EIP-1186), checked against the storage root the
 * account proof proves.
 * Spec: docs/spec/evm.md
 */
export interface EvmStorageProof {
  /**
   * The slot (exactly 32 bytes, one the verifier derives from the record's key); keccak256 of it
   * is its key in the storage trie.
   */
  'slot'?: (Buffer | Uint8Array | string);
  /**
   * The value the slot holds, big-endian without leading zeros, at most 32 bytes (empty: zero,
   * the slot is empty).
   */
  'value'?: (Buffer | Uint8Array | string);
  /**
   * The trie nodes from the storage root down to the slot (RLP, root first, at most 65).
   */
  'proof'?: (Buffer | Uint8Array | string)[];
}

/**
 * One storage slot of an `eth_getProof` result (EIP-1186), checked against the storage root the
 * account proof proves.
 * Spec: docs/spec/evm.md
 */
export interface EvmStorageProof__Output {
  /**
   * The slot (exactly 32 bytes, one the verifier derives from the record's key); keccak256 of it
   * is its key in the storage trie.
   */
  'slot': (Buffer);
  /**
   * The value the slot holds, big-endian without leading zeros, at most 32 bytes (empty: zero,
   * the slot is empty).
   */
  'value': (Buffer);
  /**
   * The trie nodes from the storage root down to the slot (RLP, root first, at most 65).
   */
  'proof': (Buffer)[];
}

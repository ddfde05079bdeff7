// Original file: courtbridge/v1/types.proto


/**
 * One notary's signature over a notarized block (src/verify/notary.ts): the notary saw the block
 * final on its own follower of the chain, past the depth it is configured with.
 */
export interface NotarySignature {
  /**
   * DID of the notary (one of the chain's notaries in the alliance registry).
   */
  'notaryDid'?: (string);
  /**
   * Key id within the notary's DID document.
   */
  'kid'?: (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over signingInput("courtbridge/v1/notary",
   * chain_id, height, block_hash, state_root, time_ms) (layout in src/verify/notary.ts).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * One notary's signature over a notarized block (src/verify/notary.ts): the notary saw the block
 * final on its own follower of the chain, past the depth it is configured with.
 */
export interface NotarySignature__Output {
  /**
   * DID of the notary (one of the chain's notaries in the alliance registry).
   */
  'notaryDid': (string);
  /**
   * Key id within the notary's DID document.
   */
  'kid': (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over signingInput("courtbridge/v1/notary",
   * chain_id, height, block_hash, state_root, time_ms) (layout in src/verify/notary.ts).
   */
  'signature': (Buffer);
}

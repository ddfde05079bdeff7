// Original file: courtbridge/v1/types.proto


/**
 * One validator's signature over a header hash.
 */
export interface CommitSignature {
  /**
   * DID of the signing validator (must be in the header's validator set).
   */
  'validatorDid'?: (string);
  /**
   * Compact 64-byte signature r||s of the validator key's suite (secp256k1 low-S, or SM2), over
   * signingInput("courtbridge/v1/header", header hash) (src/crypto/hash.ts).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * One validator's signature over a header hash.
 */
export interface CommitSignature__Output {
  /**
   * DID of the signing validator (must be in the header's validator set).
   */
  'validatorDid': (string);
  /**
   * Compact 64-byte signature r||s of the validator key's suite (secp256k1 low-S, or SM2), over
   * signingInput("courtbridge/v1/header", header hash) (src/crypto/hash.ts).
   */
  'signature': (Buffer);
}

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
   * Compact ECDSA-secp256k1 signature, r||s, low-S (64 bytes), over
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
   * Compact ECDSA-secp256k1 signature, r||s, low-S (64 bytes), over
   * signingInput("courtbridge/v1/header", header hash) (src/crypto/hash.ts).
   */
  'signature': (Buffer);
}

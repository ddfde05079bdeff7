// Original file: courtbridge/v1/types.proto


/**
 * One validator's vote for a header: a signature under the tag `courtbridge/v1/header` over the
 * vote bytes (the header's chain id, height and header hash), not over the header hash alone. A
 * verifier rebuilds the vote from the header it checks, so a vote for another chain, height or
 * header does not verify.
 * Spec: docs/spec/header.md
 */
export interface CommitSignature {
  /**
   * DID of the signing validator (must be in the header's validator set).
   */
  'validatorDid'?: (string);
  /**
   * Compact 64-byte signature r||s of the validator key's suite (secp256k1 low-S, or SM2) over
   * the vote's signing input.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * One validator's vote for a header: a signature under the tag `courtbridge/v1/header` over the
 * vote bytes (the header's chain id, height and header hash), not over the header hash alone. A
 * verifier rebuilds the vote from the header it checks, so a vote for another chain, height or
 * header does not verify.
 * Spec: docs/spec/header.md
 */
export interface CommitSignature__Output {
  /**
   * DID of the signing validator (must be in the header's validator set).
   */
  'validatorDid': (string);
  /**
   * Compact 64-byte signature r||s of the validator key's suite (secp256k1 low-S, or SM2) over
   * the vote's signing input.
   */
  'signature': (Buffer);
}

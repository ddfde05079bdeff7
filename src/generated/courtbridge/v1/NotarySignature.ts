// Original file: courtbridge/v1/types.proto


/**
 * One notary's signature. Over a notarized block (tag `courtbridge/v1/notary`: the notary saw
 * the block final on its own follower of the chain, past the depth it is configured with), or over
 * a notarized record (tag `courtbridge/v1/notary-record`, in NotaryRecordEvidence).
 * Spec: docs/spec/notary.md
 */
export interface NotarySignature {
  /**
   * DID of the notary (one of the chain's notaries in the alliance registry).
   */
  'notaryDid'?: (string);
  /**
   * Key id within the notary's DID document; the key it names at the statement's time is the one checked.
   */
  'kid'?: (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the
   * statement's signing input.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * One notary's signature. Over a notarized block (tag `courtbridge/v1/notary`: the notary saw
 * the block final on its own follower of the chain, past the depth it is configured with), or over
 * a notarized record (tag `courtbridge/v1/notary-record`, in NotaryRecordEvidence).
 * Spec: docs/spec/notary.md
 */
export interface NotarySignature__Output {
  /**
   * DID of the notary (one of the chain's notaries in the alliance registry).
   */
  'notaryDid': (string);
  /**
   * Key id within the notary's DID document; the key it names at the statement's time is the one checked.
   */
  'kid': (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the
   * statement's signing input.
   */
  'signature': (Buffer);
}

// Original file: courtbridge/v1/types.proto


/**
 * An agency's signature vouching for a record or an absence, for chains whose endorsement
 * policy asks for attestations (m of n named agency DIDs).
 */
export interface Attestation {
  /**
   * DID of the attesting agency.
   */
  'attesterDid'?: (string);
  /**
   * Key id within the attester's DID document, e.g. "#key-2".
   */
  'kid'?: (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/attestation", layout) where the layout (src/proof) covers
   * the chain id, record type, key, value hash or absence, and state height.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * An agency's signature vouching for a record or an absence, for chains whose endorsement
 * policy asks for attestations (m of n named agency DIDs).
 */
export interface Attestation__Output {
  /**
   * DID of the attesting agency.
   */
  'attesterDid': (string);
  /**
   * Key id within the attester's DID document, e.g. "#key-2".
   */
  'kid': (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/attestation", layout) where the layout (src/proof) covers
   * the chain id, record type, key, value hash or absence, and state height.
   */
  'signature': (Buffer);
}

// Original file: courtbridge/v1/types.proto


/**
 * An agency's signature vouching for a record or an absence, for chains whose registry entry
 * asks for attestations (m of n named attester DIDs).
 * Spec: docs/spec/attestation.md
 */
export interface Attestation {
  /**
   * DID of the attesting agency (one of the chain entry's attesters).
   */
  'attesterDid'?: (string);
  /**
   * Its key: the full DID URL ("did:alliance:agency-bank#key-2") or the bare fragment ("#key-2").
   */
  'kid'?: (string);
  /**
   * Compact 64-byte signature of the attester key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/attestation", bytes), the bytes naming the chain id, record type,
   * key, and the value's SHA-256 or the absence; no height and no time.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * An agency's signature vouching for a record or an absence, for chains whose registry entry
 * asks for attestations (m of n named attester DIDs).
 * Spec: docs/spec/attestation.md
 */
export interface Attestation__Output {
  /**
   * DID of the attesting agency (one of the chain entry's attesters).
   */
  'attesterDid': (string);
  /**
   * Its key: the full DID URL ("did:alliance:agency-bank#key-2") or the bare fragment ("#key-2").
   */
  'kid': (string);
  /**
   * Compact 64-byte signature of the attester key's suite (secp256k1 low-S, or SM2) over
   * signingInput("courtbridge/v1/attestation", bytes), the bytes naming the chain id, record type,
   * key, and the value's SHA-256 or the absence; no height and no time.
   */
  'signature': (Buffer);
}

// Original file: courtbridge/v1/types.proto


/**
 * An alliance admin's approval of an operator order or a registry update. The set of
 * approvals must reach the registry's admin quorum at the time of the request.
 */
export interface AdminApproval {
  /**
   * DID of the approving admin (role "admin" in the registry).
   */
  'adminDid'?: (string);
  /**
   * Key id within the admin's DID document.
   */
  'kid'?: (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over signingInput(tag, deterministic
   * protobuf of the approved message); the tag is named where the message is defined.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * An alliance admin's approval of an operator order or a registry update. The set of
 * approvals must reach the registry's admin quorum at the time of the request.
 */
export interface AdminApproval__Output {
  /**
   * DID of the approving admin (role "admin" in the registry).
   */
  'adminDid': (string);
  /**
   * Key id within the admin's DID document.
   */
  'kid': (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over signingInput(tag, deterministic
   * protobuf of the approved message); the tag is named where the message is defined.
   */
  'signature': (Buffer);
}

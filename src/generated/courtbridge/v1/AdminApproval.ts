// Original file: courtbridge/v1/types.proto


/**
 * An alliance admin's approval of an operator order or a registry update. The set of
 * approvals must reach the registry's admin quorum at the time of the request.
 * Spec: docs/spec/registry.md (registry updates; operator orders: docs/spec/action.md)
 */
export interface AdminApproval {
  /**
   * DID of the approving admin (role "admin" in the registry).
   */
  'adminDid'?: (string);
  /**
   * The full DID URL of the admin's key, e.g. "did:alliance:admin-a#key-1" (a bare "#key-1" is refused).
   */
  'kid'?: (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over
   * signingInput(tag, bytes), the tag named where the approved message is defined. The bytes: for
   * an operator order its deterministic protobuf; for a registry update the update's signed
   * layout, never its protobuf.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * An alliance admin's approval of an operator order or a registry update. The set of
 * approvals must reach the registry's admin quorum at the time of the request.
 * Spec: docs/spec/registry.md (registry updates; operator orders: docs/spec/action.md)
 */
export interface AdminApproval__Output {
  /**
   * DID of the approving admin (role "admin" in the registry).
   */
  'adminDid': (string);
  /**
   * The full DID URL of the admin's key, e.g. "did:alliance:admin-a#key-1" (a bare "#key-1" is refused).
   */
  'kid': (string);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over
   * signingInput(tag, bytes), the tag named where the approved message is defined. The bytes: for
   * an operator order its deterministic protobuf; for a registry update the update's signed
   * layout, never its protobuf.
   */
  'signature': (Buffer);
}

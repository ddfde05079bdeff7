// Original file: courtbridge/v1/types.proto


/**
 * An alliance admin's approval of an operator order or of a registry update. The approvals
 * must reach the registry's admin quorum; each is judged on its own (one per admin, a key of
 * that admin valid at the time, a low-S signature) and a failing one is discarded with a reason.
 * Operator orders: at the gateway's time of the request, over the order's tag and deterministic
 * protobuf (this page). Registry updates: at the update's effective time, over the update's
 * signed layout, never its protobuf (docs/spec/registry.md).
 * Spec: docs/spec/action.md
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
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the
   * signing input of the approved message (above).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * An alliance admin's approval of an operator order or of a registry update. The approvals
 * must reach the registry's admin quorum; each is judged on its own (one per admin, a key of
 * that admin valid at the time, a low-S signature) and a failing one is discarded with a reason.
 * Operator orders: at the gateway's time of the request, over the order's tag and deterministic
 * protobuf (this page). Registry updates: at the update's effective time, over the update's
 * signed layout, never its protobuf (docs/spec/registry.md).
 * Spec: docs/spec/action.md
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
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the
   * signing input of the approved message (above).
   */
  'signature': (Buffer);
}

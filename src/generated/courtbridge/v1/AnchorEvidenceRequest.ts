// Original file: courtbridge/v1/evidence.proto

import type { EvidenceClaim as _courtbridge_v1_EvidenceClaim, EvidenceClaim__Output as _courtbridge_v1_EvidenceClaim__Output } from '../../courtbridge/v1/EvidenceClaim.js';

export interface AnchorEvidenceRequest {
  /**
   * The signed claim.
   */
  'claim'?: (_courtbridge_v1_EvidenceClaim | null);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) of the submitter over the claim.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

export interface AnchorEvidenceRequest__Output {
  /**
   * The signed claim.
   */
  'claim': (_courtbridge_v1_EvidenceClaim__Output | null);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) of the submitter over the claim.
   */
  'signature': (Buffer);
}

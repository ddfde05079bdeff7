// Original file: courtbridge/v1/evidence.proto

import type { EvidenceClaim as _courtbridge_v1_EvidenceClaim, EvidenceClaim__Output as _courtbridge_v1_EvidenceClaim__Output } from '../../courtbridge/v1/EvidenceClaim.js';

/**
 * A single file to anchor, with the submitter's signature over the batch-of-one claim it stands for.
 * Spec: docs/spec/evidence.md
 */
export interface AnchorEvidenceRequest {
  /**
   * The file and who signs for it.
   */
  'claim'?: (_courtbridge_v1_EvidenceClaim | null);
  /**
   * The submitter's compact 64-byte signature (secp256k1 low-S, or SM2) over the claim of the
   * batch of one this file is (size 1, root = its leaf hash), not over this message.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A single file to anchor, with the submitter's signature over the batch-of-one claim it stands for.
 * Spec: docs/spec/evidence.md
 */
export interface AnchorEvidenceRequest__Output {
  /**
   * The file and who signs for it.
   */
  'claim': (_courtbridge_v1_EvidenceClaim__Output | null);
  /**
   * The submitter's compact 64-byte signature (secp256k1 low-S, or SM2) over the claim of the
   * batch of one this file is (size 1, root = its leaf hash), not over this message.
   */
  'signature': (Buffer);
}

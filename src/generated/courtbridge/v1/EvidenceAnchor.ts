// Original file: courtbridge/v1/evidence.proto

import type { EvidenceClaim as _courtbridge_v1_EvidenceClaim, EvidenceClaim__Output as _courtbridge_v1_EvidenceClaim__Output } from '../../courtbridge/v1/EvidenceClaim.js';
import type { AnchorStatus as _courtbridge_v1_AnchorStatus, AnchorStatus__Output as _courtbridge_v1_AnchorStatus__Output } from '../../courtbridge/v1/AnchorStatus.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

/**
 * An anchored file: the standing (first) anchoring of its hash.
 * Spec: docs/spec/evidence.md
 */
export interface EvidenceAnchor {
  /**
   * Anchor id on the judicial chain (the state key).
   */
  'anchorId'?: (string);
  /**
   * The claim as anchored.
   */
  'claim'?: (_courtbridge_v1_EvidenceClaim | null);
  /**
   * The submitter's signature over the claim of the whole batch that anchored the file (the
   * batch record in `batch_bundle` holds that claim and every leaf).
   */
  'signature'?: (Buffer | Uint8Array | string);
  /**
   * Pending or anchored.
   */
  'status'?: (_courtbridge_v1_AnchorStatus);
  /**
   * Proof of the anchor record `anchor/<hash>` on the judicial chain (when ANCHORED): a pointer
   * into the signed batch that anchored the hash first.
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
  /**
   * Proof of that batch record `anchor-batch/<batch_id>` (when ANCHORED): claim, signature and
   * every leaf, so the hash's place under the signed root is recomputed offline.
   */
  'batchBundle'?: (_courtbridge_v1_ProofBundle | null);
}

/**
 * An anchored file: the standing (first) anchoring of its hash.
 * Spec: docs/spec/evidence.md
 */
export interface EvidenceAnchor__Output {
  /**
   * Anchor id on the judicial chain (the state key).
   */
  'anchorId': (string);
  /**
   * The claim as anchored.
   */
  'claim': (_courtbridge_v1_EvidenceClaim__Output | null);
  /**
   * The submitter's signature over the claim of the whole batch that anchored the file (the
   * batch record in `batch_bundle` holds that claim and every leaf).
   */
  'signature': (Buffer);
  /**
   * Pending or anchored.
   */
  'status': (_courtbridge_v1_AnchorStatus__Output);
  /**
   * Proof of the anchor record `anchor/<hash>` on the judicial chain (when ANCHORED): a pointer
   * into the signed batch that anchored the hash first.
   */
  'bundle': (_courtbridge_v1_ProofBundle__Output | null);
  /**
   * Proof of that batch record `anchor-batch/<batch_id>` (when ANCHORED): claim, signature and
   * every leaf, so the hash's place under the signed root is recomputed offline.
   */
  'batchBundle': (_courtbridge_v1_ProofBundle__Output | null);
}

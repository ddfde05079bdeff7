// Original file: courtbridge/v1/evidence.proto

import type { AnchorStatus as _courtbridge_v1_AnchorStatus, AnchorStatus__Output as _courtbridge_v1_AnchorStatus__Output } from '../../courtbridge/v1/AnchorStatus.js';
import type { EvidenceAnchor as _courtbridge_v1_EvidenceAnchor, EvidenceAnchor__Output as _courtbridge_v1_EvidenceAnchor__Output } from '../../courtbridge/v1/EvidenceAnchor.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

export interface VerifyEvidenceResponse {
  /**
   * Anchored, pending or not anchored.
   */
  'status'?: (_courtbridge_v1_AnchorStatus);
  /**
   * Every anchor of this hash (several submitters may anchor the same content).
   */
  'anchors'?: (_courtbridge_v1_EvidenceAnchor)[];
  /**
   * Proof of absence when NOT_ANCHORED.
   */
  'absence'?: (_courtbridge_v1_ProofBundle | null);
}

export interface VerifyEvidenceResponse__Output {
  /**
   * Anchored, pending or not anchored.
   */
  'status': (_courtbridge_v1_AnchorStatus__Output);
  /**
   * Every anchor of this hash (several submitters may anchor the same content).
   */
  'anchors': (_courtbridge_v1_EvidenceAnchor__Output)[];
  /**
   * Proof of absence when NOT_ANCHORED.
   */
  'absence': (_courtbridge_v1_ProofBundle__Output | null);
}

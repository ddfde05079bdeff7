// Original file: courtbridge/v1/bundle.proto

import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A reference to the judicial-chain record (the case or the decision) that justifies an
 * action or an investigation; adapters refuse an order without one (DESIGN.md "Actions").
 */
export interface JudicialProof {
  /**
   * Case number on the judicial chain, e.g. "(2026) Jing 01 Zhi 123".
   */
  'caseId'?: (string);
  /**
   * State key of the decision record on the judicial chain.
   */
  'recordKey'?: (string);
  /**
   * Height at which to prove it; 0 lets the gateway use its latest trusted height.
   */
  'height'?: (number | string | Long);
  /**
   * The proof itself; when unset the gateway fetches and verifies it and fills it in before
   * forwarding.
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
}

/**
 * A reference to the judicial-chain record (the case or the decision) that justifies an
 * action or an investigation; adapters refuse an order without one (DESIGN.md "Actions").
 */
export interface JudicialProof__Output {
  /**
   * Case number on the judicial chain, e.g. "(2026) Jing 01 Zhi 123".
   */
  'caseId': (string);
  /**
   * State key of the decision record on the judicial chain.
   */
  'recordKey': (string);
  /**
   * Height at which to prove it; 0 lets the gateway use its latest trusted height.
   */
  'height': (number);
  /**
   * The proof itself; when unset the gateway fetches and verifies it and fills it in before
   * forwarding.
   */
  'bundle': (_courtbridge_v1_ProofBundle__Output | null);
}

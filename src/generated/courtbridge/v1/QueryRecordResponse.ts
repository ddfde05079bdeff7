// Original file: courtbridge/v1/query.proto

import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

export interface QueryRecordResponse {
  /**
   * The answer with everything needed to re-verify it.
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
}

export interface QueryRecordResponse__Output {
  /**
   * The answer with everything needed to re-verify it.
   */
  'bundle': (_courtbridge_v1_ProofBundle__Output | null);
}

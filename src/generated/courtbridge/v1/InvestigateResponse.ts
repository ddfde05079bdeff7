// Original file: courtbridge/v1/investigation.proto

import type { InvestigationItem as _courtbridge_v1_InvestigationItem, InvestigationItem__Output as _courtbridge_v1_InvestigationItem__Output } from '../../courtbridge/v1/InvestigationItem.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from '../../courtbridge/v1/Failure.js';
import type { Completeness as _courtbridge_v1_Completeness, Completeness__Output as _courtbridge_v1_Completeness__Output } from '../../courtbridge/v1/Completeness.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

export interface InvestigateResponse {
  /**
   * Assets found, grouped by domain then chain.
   */
  'items'?: (_courtbridge_v1_InvestigationItem)[];
  /**
   * Chains that failed to answer.
   */
  'failures'?: (_courtbridge_v1_Failure)[];
  /**
   * Complete or partial.
   */
  'completeness'?: (_courtbridge_v1_Completeness);
  /**
   * Proofs that the owner's index entry is empty on chains where nothing was found.
   */
  'absences'?: (_courtbridge_v1_ProofBundle)[];
}

export interface InvestigateResponse__Output {
  /**
   * Assets found, grouped by domain then chain.
   */
  'items': (_courtbridge_v1_InvestigationItem__Output)[];
  /**
   * Chains that failed to answer.
   */
  'failures': (_courtbridge_v1_Failure__Output)[];
  /**
   * Complete or partial.
   */
  'completeness': (_courtbridge_v1_Completeness__Output);
  /**
   * Proofs that the owner's index entry is empty on chains where nothing was found.
   */
  'absences': (_courtbridge_v1_ProofBundle__Output)[];
}

// Original file: courtbridge/v1/query.proto

import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';
import type { Failure as _courtbridge_v1_Failure, Failure__Output as _courtbridge_v1_Failure__Output } from '../../courtbridge/v1/Failure.js';

/**
 * The answer to one query of a batch.
 */
export interface QueryBatchItem {
  /**
   * Index of the query in the request.
   */
  'index'?: (number);
  /**
   * The verified answer.
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
  /**
   * Why this query failed.
   */
  'failure'?: (_courtbridge_v1_Failure | null);
  /**
   * Exactly one.
   */
  'outcome'?: "bundle"|"failure";
}

/**
 * The answer to one query of a batch.
 */
export interface QueryBatchItem__Output {
  /**
   * Index of the query in the request.
   */
  'index': (number);
  /**
   * The verified answer.
   */
  'bundle'?: (_courtbridge_v1_ProofBundle__Output | null);
  /**
   * Why this query failed.
   */
  'failure'?: (_courtbridge_v1_Failure__Output | null);
  /**
   * Exactly one.
   */
  'outcome'?: "bundle"|"failure";
}

// Original file: courtbridge/v1/verification.proto

import type { CheckOutcome as _courtbridge_v1_CheckOutcome, CheckOutcome__Output as _courtbridge_v1_CheckOutcome__Output } from '../../courtbridge/v1/CheckOutcome.js';

/**
 * One named check, e.g. "header_quorum", "header_trusted", "state_proof", "attestations",
 * "receipt_signature", "receipt_binding".
 */
export interface Check {
  /**
   * Stable check name.
   */
  'name'?: (string);
  /**
   * Passed, failed or skipped.
   */
  'outcome'?: (_courtbridge_v1_CheckOutcome);
  /**
   * snake_case reason when failed, e.g. "quorum_not_reached", "high_s_signature".
   */
  'reason'?: (string);
  /**
   * Plain-language explanation for a person, e.g. "validators holding 5 of 9 power signed;
   * more than 6 needed".
   */
  'detail'?: (string);
}

/**
 * One named check, e.g. "header_quorum", "header_trusted", "state_proof", "attestations",
 * "receipt_signature", "receipt_binding".
 */
export interface Check__Output {
  /**
   * Stable check name.
   */
  'name': (string);
  /**
   * Passed, failed or skipped.
   */
  'outcome': (_courtbridge_v1_CheckOutcome__Output);
  /**
   * snake_case reason when failed, e.g. "quorum_not_reached", "high_s_signature".
   */
  'reason': (string);
  /**
   * Plain-language explanation for a person, e.g. "validators holding 5 of 9 power signed;
   * more than 6 needed".
   */
  'detail': (string);
}

// Original file: courtbridge/v1/bundle.proto

import type { BatchReceipt as _courtbridge_v1_BatchReceipt, BatchReceipt__Output as _courtbridge_v1_BatchReceipt__Output } from '../../courtbridge/v1/BatchReceipt.js';

/**
 * The gateway's signed receipt for an answer: its receipt digest, signed in one of two forms.
 * Spec: docs/spec/receipt.md
 */
export interface Receipt {
  /**
   * A compact JWT (ES256K; SM2SM3 for an SM2 key) signed by the gateway's DID, purpose
   * "receipt", whose `rcpt` claim is the receipt digest (lowercase hex).
   */
  'jwt'?: (string);
  /**
   * A path to a signed batch root.
   */
  'batch'?: (_courtbridge_v1_BatchReceipt | null);
  /**
   * Exactly one form.
   */
  'form'?: "jwt"|"batch";
}

/**
 * The gateway's signed receipt for an answer: its receipt digest, signed in one of two forms.
 * Spec: docs/spec/receipt.md
 */
export interface Receipt__Output {
  /**
   * A compact JWT (ES256K; SM2SM3 for an SM2 key) signed by the gateway's DID, purpose
   * "receipt", whose `rcpt` claim is the receipt digest (lowercase hex).
   */
  'jwt'?: (string);
  /**
   * A path to a signed batch root.
   */
  'batch'?: (_courtbridge_v1_BatchReceipt__Output | null);
  /**
   * Exactly one form.
   */
  'form'?: "jwt"|"batch";
}

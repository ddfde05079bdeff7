// Original file: courtbridge/v1/evidence.proto


/**
 * A signed batch of files to anchor.
 * Spec: docs/spec/evidence.md
 */
export interface AnchorEvidenceBatchRequest {
  /**
   * The signed batch: its claim, the signature, the distinct metadata sets and every leaf, laid
   * out as the spec page's `evidence-batch`.
   */
  'batch'?: (Buffer | Uint8Array | string);
}

/**
 * A signed batch of files to anchor.
 * Spec: docs/spec/evidence.md
 */
export interface AnchorEvidenceBatchRequest__Output {
  /**
   * The signed batch: its claim, the signature, the distinct metadata sets and every leaf, laid
   * out as the spec page's `evidence-batch`.
   */
  'batch': (Buffer);
}

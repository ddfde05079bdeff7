// Original file: courtbridge/v1/evidence.proto


export interface AnchorEvidenceBatchRequest {
  /**
   * The signed batch, `batchBytes` of src/judicial/anchor-batch.ts:
   * u8 0x02, claimBytes, fixed64 signature, u32 m, m x bytes(metadataBytes),
   * size x (fixed32 content_hash, u32 metadata_index)
   */
  'batch'?: (Buffer | Uint8Array | string);
}

export interface AnchorEvidenceBatchRequest__Output {
  /**
   * The signed batch, `batchBytes` of src/judicial/anchor-batch.ts:
   * u8 0x02, claimBytes, fixed64 signature, u32 m, m x bytes(metadataBytes),
   * size x (fixed32 content_hash, u32 metadata_index)
   */
  'batch': (Buffer);
}

// Original file: courtbridge/v1/evidence.proto


export interface VerifyEvidenceRequest {
  /**
   * sha256 of the content to check (32 bytes).
   */
  'contentHash'?: (Buffer | Uint8Array | string);
}

export interface VerifyEvidenceRequest__Output {
  /**
   * sha256 of the content to check (32 bytes).
   */
  'contentHash': (Buffer);
}

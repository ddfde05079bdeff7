// Original file: courtbridge/v1/evidence.proto


export interface FindServiceByDocumentRequest {
  /**
   * sha256 of the served document (32 bytes).
   */
  'documentHash'?: (Buffer | Uint8Array | string);
}

export interface FindServiceByDocumentRequest__Output {
  /**
   * sha256 of the served document (32 bytes).
   */
  'documentHash': (Buffer);
}

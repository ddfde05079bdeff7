// Original file: courtbridge/v1/alliance.proto

import type { Long } from '@grpc/proto-loader';

export interface ResolveDidRequest {
  /**
   * DID to resolve.
   */
  'did'?: (string);
  /**
   * Resolve the document as of this time, unix ms (did-resolver versionTime); 0 means now.
   */
  'versionTimeMs'?: (number | string | Long);
}

export interface ResolveDidRequest__Output {
  /**
   * DID to resolve.
   */
  'did': (string);
  /**
   * Resolve the document as of this time, unix ms (did-resolver versionTime); 0 means now.
   */
  'versionTimeMs': (number);
}

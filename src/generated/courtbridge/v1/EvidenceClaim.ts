// Original file: courtbridge/v1/evidence.proto

import type { MetadataEntry as _courtbridge_v1_MetadataEntry, MetadataEntry__Output as _courtbridge_v1_MetadataEntry__Output } from '../../courtbridge/v1/MetadataEntry.js';
import type { Long } from '@grpc/proto-loader';

/**
 * What the submitter signs: signingInput("courtbridge/v1/evidence", deterministic protobuf
 * of this message).
 */
export interface EvidenceClaim {
  /**
   * sha256 of the evidence content (32 bytes).
   */
  'contentHash'?: (Buffer | Uint8Array | string);
  /**
   * Descriptive metadata, sorted by name.
   */
  'metadata'?: (_courtbridge_v1_MetadataEntry)[];
  /**
   * DID of the submitter.
   */
  'submitterDid'?: (string);
  /**
   * Key id of the signing key.
   */
  'kid'?: (string);
  /**
   * When it was signed, unix ms.
   */
  'signedAtMs'?: (number | string | Long);
}

/**
 * What the submitter signs: signingInput("courtbridge/v1/evidence", deterministic protobuf
 * of this message).
 */
export interface EvidenceClaim__Output {
  /**
   * sha256 of the evidence content (32 bytes).
   */
  'contentHash': (Buffer);
  /**
   * Descriptive metadata, sorted by name.
   */
  'metadata': (_courtbridge_v1_MetadataEntry__Output)[];
  /**
   * DID of the submitter.
   */
  'submitterDid': (string);
  /**
   * Key id of the signing key.
   */
  'kid': (string);
  /**
   * When it was signed, unix ms.
   */
  'signedAtMs': (number);
}

// Original file: courtbridge/v1/evidence.proto

import type { MetadataEntry as _courtbridge_v1_MetadataEntry, MetadataEntry__Output as _courtbridge_v1_MetadataEntry__Output } from '../../courtbridge/v1/MetadataEntry.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One file as the submitter describes it. This message is not what is signed, nor is anything
 * signed per file: the submitter signs once per batch, under `courtbridge/v1/evidence`, a claim
 * naming its DID, key, signing time, the number of leaves and the RFC 6962 root of the batch's
 * leaves (one leaf per file: its content hash and the hash of its metadata). Through
 * AnchorEvidence this file is a batch of one, whose root is its own leaf hash.
 * Spec: docs/spec/evidence.md
 */
export interface EvidenceClaim {
  /**
   * sha256 of the evidence content (32 bytes).
   */
  'contentHash'?: (Buffer | Uint8Array | string);
  /**
   * Descriptive metadata, sorted by name (the gateway refuses, never sorts, an unsorted set).
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
 * One file as the submitter describes it. This message is not what is signed, nor is anything
 * signed per file: the submitter signs once per batch, under `courtbridge/v1/evidence`, a claim
 * naming its DID, key, signing time, the number of leaves and the RFC 6962 root of the batch's
 * leaves (one leaf per file: its content hash and the hash of its metadata). Through
 * AnchorEvidence this file is a batch of one, whose root is its own leaf hash.
 * Spec: docs/spec/evidence.md
 */
export interface EvidenceClaim__Output {
  /**
   * sha256 of the evidence content (32 bytes).
   */
  'contentHash': (Buffer);
  /**
   * Descriptive metadata, sorted by name (the gateway refuses, never sorts, an unsorted set).
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

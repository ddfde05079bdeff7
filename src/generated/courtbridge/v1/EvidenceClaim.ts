// Original file: courtbridge/v1/evidence.proto

import type { MetadataEntry as _courtbridge_v1_MetadataEntry, MetadataEntry__Output as _courtbridge_v1_MetadataEntry__Output } from '../../courtbridge/v1/MetadataEntry.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The submitter's claim over one file. What the submitter signs is not this message but the claim
 * of the batch the file is in (a single file is a batch of one), src/workflows/evidence.ts:
 * metadataBytes = u32 n, n x (string name, string value)      names sorted and unique
 * leafData      = fixed32 content_hash || fixed32 sha256(metadataBytes)
 * leaf hash     = sha256(0x00 || leafData)                    (RFC 6962)
 * claimBytes    = string submitterDid, string kid, u64 signedAtMs, u32 size, fixed32 root
 * signature     = sign(signingInput("courtbridge/v1/evidence", claimBytes)), compact 64 bytes, low-S
 * where root is the RFC 6962 root of the batch's leaves (test/vectors/evidence.json).
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
 * The submitter's claim over one file. What the submitter signs is not this message but the claim
 * of the batch the file is in (a single file is a batch of one), src/workflows/evidence.ts:
 * metadataBytes = u32 n, n x (string name, string value)      names sorted and unique
 * leafData      = fixed32 content_hash || fixed32 sha256(metadataBytes)
 * leaf hash     = sha256(0x00 || leafData)                    (RFC 6962)
 * claimBytes    = string submitterDid, string kid, u64 signedAtMs, u32 size, fixed32 root
 * signature     = sign(signingInput("courtbridge/v1/evidence", claimBytes)), compact 64 bytes, low-S
 * where root is the RFC 6962 root of the batch's leaves (test/vectors/evidence.json).
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

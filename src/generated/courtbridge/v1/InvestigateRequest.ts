// Original file: courtbridge/v1/investigation.proto

import type { AssetDomain as _courtbridge_v1_AssetDomain, AssetDomain__Output as _courtbridge_v1_AssetDomain__Output } from '../../courtbridge/v1/AssetDomain.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from '../../courtbridge/v1/JudicialProof.js';
import type { Long } from '@grpc/proto-loader';

export interface InvestigateRequest {
  /**
   * Keyed hash (HMAC-SHA256, alliance salt) of the owner's id-card or company number
   * (32 bytes); never the id in clear.
   */
  'ownerIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Domains to search (at least one).
   */
  'domains'?: (_courtbridge_v1_AssetDomain)[];
  /**
   * The enforcement case that authorises the search.
   */
  'judicialProof'?: (_courtbridge_v1_JudicialProof | null);
  /**
   * Refuse state older than this many ms; 0 means each chain's default.
   */
  'maxStalenessMs'?: (number | string | Long);
  /**
   * Caller-chosen id for tracing; assigned if empty.
   */
  'requestId'?: (string);
}

export interface InvestigateRequest__Output {
  /**
   * Keyed hash (HMAC-SHA256, alliance salt) of the owner's id-card or company number
   * (32 bytes); never the id in clear.
   */
  'ownerIdHash': (Buffer);
  /**
   * Domains to search (at least one).
   */
  'domains': (_courtbridge_v1_AssetDomain__Output)[];
  /**
   * The enforcement case that authorises the search.
   */
  'judicialProof': (_courtbridge_v1_JudicialProof__Output | null);
  /**
   * Refuse state older than this many ms; 0 means each chain's default.
   */
  'maxStalenessMs': (number);
  /**
   * Caller-chosen id for tracing; assigned if empty.
   */
  'requestId': (string);
}

// Original file: courtbridge/v1/investigation.proto

import type { AssetDomain as _courtbridge_v1_AssetDomain, AssetDomain__Output as _courtbridge_v1_AssetDomain__Output } from '../../courtbridge/v1/AssetDomain.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

/**
 * One asset found.
 */
export interface InvestigationItem {
  /**
   * Domain it was found in.
   */
  'domain'?: (_courtbridge_v1_AssetDomain);
  /**
   * The record with its proof (ProofBundle.record is set).
   */
  'bundle'?: (_courtbridge_v1_ProofBundle | null);
}

/**
 * One asset found.
 */
export interface InvestigationItem__Output {
  /**
   * Domain it was found in.
   */
  'domain': (_courtbridge_v1_AssetDomain__Output);
  /**
   * The record with its proof (ProofBundle.record is set).
   */
  'bundle': (_courtbridge_v1_ProofBundle__Output | null);
}

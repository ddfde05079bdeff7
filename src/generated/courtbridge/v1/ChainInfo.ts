// Original file: courtbridge/v1/chain.proto

import type { ChainKind as _courtbridge_v1_ChainKind, ChainKind__Output as _courtbridge_v1_ChainKind__Output } from '../../courtbridge/v1/ChainKind.js';
import type { ActionKind as _courtbridge_v1_ActionKind, ActionKind__Output as _courtbridge_v1_ActionKind__Output } from '../../courtbridge/v1/ActionKind.js';
import type { TrustBasis as _courtbridge_v1_TrustBasis, TrustBasis__Output as _courtbridge_v1_TrustBasis__Output } from '../../courtbridge/v1/TrustBasis.js';

/**
 * Static facts about a chain.
 */
export interface ChainInfo {
  /**
   * Chain identifier.
   */
  'chainId'?: (string);
  /**
   * What the chain keeps.
   */
  'kind'?: (_courtbridge_v1_ChainKind);
  /**
   * Human-readable name, e.g. "Municipal property registry".
   */
  'displayName'?: (string);
  /**
   * DID of the agency operating the chain.
   */
  'operatorDid'?: (string);
  /**
   * Record types the chain's adapters answer queries for.
   */
  'recordTypes'?: (string)[];
  /**
   * Action kinds the chain's adapters execute.
   */
  'actions'?: (_courtbridge_v1_ActionKind)[];
  /**
   * What the chain's answers rest on (its endorsement policy).
   */
  'trustBasis'?: (_courtbridge_v1_TrustBasis);
}

/**
 * Static facts about a chain.
 */
export interface ChainInfo__Output {
  /**
   * Chain identifier.
   */
  'chainId': (string);
  /**
   * What the chain keeps.
   */
  'kind': (_courtbridge_v1_ChainKind__Output);
  /**
   * Human-readable name, e.g. "Municipal property registry".
   */
  'displayName': (string);
  /**
   * DID of the agency operating the chain.
   */
  'operatorDid': (string);
  /**
   * Record types the chain's adapters answer queries for.
   */
  'recordTypes': (string)[];
  /**
   * Action kinds the chain's adapters execute.
   */
  'actions': (_courtbridge_v1_ActionKind__Output)[];
  /**
   * What the chain's answers rest on (its endorsement policy).
   */
  'trustBasis': (_courtbridge_v1_TrustBasis__Output);
}

// Original file: courtbridge/v1/chain.proto

import type { ChainInfo as _courtbridge_v1_ChainInfo, ChainInfo__Output as _courtbridge_v1_ChainInfo__Output } from '../../courtbridge/v1/ChainInfo.js';

export interface ListChainsResponse {
  /**
   * All configured chains, sorted by chain_id.
   */
  'chains'?: (_courtbridge_v1_ChainInfo)[];
}

export interface ListChainsResponse__Output {
  /**
   * All configured chains, sorted by chain_id.
   */
  'chains': (_courtbridge_v1_ChainInfo__Output)[];
}

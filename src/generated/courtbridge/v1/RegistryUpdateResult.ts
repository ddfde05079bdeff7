// Original file: courtbridge/v1/alliance.proto

import type { Member as _courtbridge_v1_Member, Member__Output as _courtbridge_v1_Member__Output } from '../../courtbridge/v1/Member.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { ChainEntry as _courtbridge_v1_ChainEntry, ChainEntry__Output as _courtbridge_v1_ChainEntry__Output } from '../../courtbridge/v1/ChainEntry.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The effect of an applied registry update.
 */
export interface RegistryUpdateResult {
  /**
   * The member after the update (member operations).
   */
  'member'?: (_courtbridge_v1_Member | null);
  /**
   * Registry version after the update.
   */
  'registryVersion'?: (number | string | Long);
  /**
   * Judicial-chain header that includes the transaction.
   */
  'header'?: (_courtbridge_v1_HeaderRef | null);
  /**
   * The chain's entry after the update (chain operations; for REMOVE_CHAIN the removed entry).
   */
  'chain'?: (_courtbridge_v1_ChainEntry | null);
}

/**
 * The effect of an applied registry update.
 */
export interface RegistryUpdateResult__Output {
  /**
   * The member after the update (member operations).
   */
  'member': (_courtbridge_v1_Member__Output | null);
  /**
   * Registry version after the update.
   */
  'registryVersion': (number);
  /**
   * Judicial-chain header that includes the transaction.
   */
  'header': (_courtbridge_v1_HeaderRef__Output | null);
  /**
   * The chain's entry after the update (chain operations; for REMOVE_CHAIN the removed entry).
   */
  'chain': (_courtbridge_v1_ChainEntry__Output | null);
}

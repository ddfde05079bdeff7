// Original file: courtbridge/v1/alliance.proto

import type { RegistryChain as _courtbridge_v1_RegistryChain, RegistryChain__Output as _courtbridge_v1_RegistryChain__Output } from '../../courtbridge/v1/RegistryChain.js';
import type { Long } from '@grpc/proto-loader';

export interface ListRegistryChainsResponse {
  /**
   * Chains by id.
   */
  'chains'?: (_courtbridge_v1_RegistryChain)[];
  /**
   * Registry version the list reflects.
   */
  'registryVersion'?: (number | string | Long);
  /**
   * sha256 state hash of the registry at registry_version (what the next update's approvals sign).
   */
  'registryStateHash'?: (Buffer | Uint8Array | string);
  /**
   * The alliance id of the genesis.
   */
  'allianceId'?: (string);
}

export interface ListRegistryChainsResponse__Output {
  /**
   * Chains by id.
   */
  'chains': (_courtbridge_v1_RegistryChain__Output)[];
  /**
   * Registry version the list reflects.
   */
  'registryVersion': (number);
  /**
   * sha256 state hash of the registry at registry_version (what the next update's approvals sign).
   */
  'registryStateHash': (Buffer);
  /**
   * The alliance id of the genesis.
   */
  'allianceId': (string);
}

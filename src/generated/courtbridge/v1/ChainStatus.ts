// Original file: courtbridge/v1/chain.proto

import type { ClientStatus as _courtbridge_v1_ClientStatus, ClientStatus__Output as _courtbridge_v1_ClientStatus__Output } from '../../courtbridge/v1/ClientStatus.js';
import type { ReplicaInfo as _courtbridge_v1_ReplicaInfo, ReplicaInfo__Output as _courtbridge_v1_ReplicaInfo__Output } from '../../courtbridge/v1/ReplicaInfo.js';
import type { BreakerState as _courtbridge_v1_BreakerState, BreakerState__Output as _courtbridge_v1_BreakerState__Output } from '../../courtbridge/v1/BreakerState.js';
import type { Misbehaviour as _courtbridge_v1_Misbehaviour, Misbehaviour__Output as _courtbridge_v1_Misbehaviour__Output } from '../../courtbridge/v1/Misbehaviour.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The gateway's view of one chain.
 */
export interface ChainStatus {
  /**
   * Chain reported on.
   */
  'chainId'?: (string);
  /**
   * Light client status.
   */
  'status'?: (_courtbridge_v1_ClientStatus);
  /**
   * Height of the latest trusted header.
   */
  'trustedHeight'?: (number | string | Long);
  /**
   * Hash of the latest trusted header (32 bytes).
   */
  'trustedHeaderHash'?: (Buffer | Uint8Array | string);
  /**
   * Block time of the latest trusted header, unix ms.
   */
  'lastHeaderTimeMs'?: (number | string | Long);
  /**
   * How far the trusted header's time is behind the gateway's clock, ms.
   */
  'lagMs'?: (number | string | Long);
  /**
   * Time left before the trusted header leaves the trusting period, ms (0 when expired).
   */
  'trustTimeLeftMs'?: (number | string | Long);
  /**
   * Adapter replicas seen recently.
   */
  'replicas'?: (_courtbridge_v1_ReplicaInfo)[];
  /**
   * Circuit breaker state.
   */
  'breaker'?: (_courtbridge_v1_BreakerState);
  /**
   * Why the breaker is open or the client frozen (snake_case reason), empty otherwise.
   */
  'reason'?: (string);
  /**
   * The conflicting headers, when the client is frozen for misbehaviour.
   */
  'misbehaviour'?: (_courtbridge_v1_Misbehaviour | null);
  /**
   * When this status was computed, unix ms (the gateway's clock).
   */
  'observedAtMs'?: (number | string | Long);
}

/**
 * The gateway's view of one chain.
 */
export interface ChainStatus__Output {
  /**
   * Chain reported on.
   */
  'chainId': (string);
  /**
   * Light client status.
   */
  'status': (_courtbridge_v1_ClientStatus__Output);
  /**
   * Height of the latest trusted header.
   */
  'trustedHeight': (number);
  /**
   * Hash of the latest trusted header (32 bytes).
   */
  'trustedHeaderHash': (Buffer);
  /**
   * Block time of the latest trusted header, unix ms.
   */
  'lastHeaderTimeMs': (number);
  /**
   * How far the trusted header's time is behind the gateway's clock, ms.
   */
  'lagMs': (number);
  /**
   * Time left before the trusted header leaves the trusting period, ms (0 when expired).
   */
  'trustTimeLeftMs': (number);
  /**
   * Adapter replicas seen recently.
   */
  'replicas': (_courtbridge_v1_ReplicaInfo__Output)[];
  /**
   * Circuit breaker state.
   */
  'breaker': (_courtbridge_v1_BreakerState__Output);
  /**
   * Why the breaker is open or the client frozen (snake_case reason), empty otherwise.
   */
  'reason': (string);
  /**
   * The conflicting headers, when the client is frozen for misbehaviour.
   */
  'misbehaviour': (_courtbridge_v1_Misbehaviour__Output | null);
  /**
   * When this status was computed, unix ms (the gateway's clock).
   */
  'observedAtMs': (number);
}

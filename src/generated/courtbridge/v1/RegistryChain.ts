// Original file: courtbridge/v1/alliance.proto

import type { ChainEntry as _courtbridge_v1_ChainEntry, ChainEntry__Output as _courtbridge_v1_ChainEntry__Output } from '../../courtbridge/v1/ChainEntry.js';
import type { ChainEntryStatus as _courtbridge_v1_ChainEntryStatus, ChainEntryStatus__Output as _courtbridge_v1_ChainEntryStatus__Output } from '../../courtbridge/v1/ChainEntryStatus.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One chain of the registry.
 */
export interface RegistryChain {
  /**
   * The entry in force (for a removed chain: the last one before its removal).
   */
  'entry'?: (_courtbridge_v1_ChainEntry | null);
  /**
   * Admitted or removed.
   */
  'status'?: (_courtbridge_v1_ChainEntryStatus);
  /**
   * When it was admitted, unix ms (0: listed in the genesis).
   */
  'admittedAtMs'?: (number | string | Long);
  /**
   * When its entry in force took effect, unix ms.
   */
  'entryFromMs'?: (number | string | Long);
  /**
   * When it was removed, unix ms; 0 while admitted.
   */
  'removedAtMs'?: (number | string | Long);
  /**
   * Whether the answering gateway serves it now.
   */
  'servedHere'?: (boolean);
  /**
   * Why not, when admitted but not served here (e.g. `unknown_schema`, `not_configured`).
   */
  'notServedReason'?: (string);
}

/**
 * One chain of the registry.
 */
export interface RegistryChain__Output {
  /**
   * The entry in force (for a removed chain: the last one before its removal).
   */
  'entry': (_courtbridge_v1_ChainEntry__Output | null);
  /**
   * Admitted or removed.
   */
  'status': (_courtbridge_v1_ChainEntryStatus__Output);
  /**
   * When it was admitted, unix ms (0: listed in the genesis).
   */
  'admittedAtMs': (number);
  /**
   * When its entry in force took effect, unix ms.
   */
  'entryFromMs': (number);
  /**
   * When it was removed, unix ms; 0 while admitted.
   */
  'removedAtMs': (number);
  /**
   * Whether the answering gateway serves it now.
   */
  'servedHere': (boolean);
  /**
   * Why not, when admitted but not served here (e.g. `unknown_schema`, `not_configured`).
   */
  'notServedReason': (string);
}

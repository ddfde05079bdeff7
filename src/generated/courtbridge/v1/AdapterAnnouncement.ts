// Original file: courtbridge/v1/wire.proto

import type { ActionKind as _courtbridge_v1_ActionKind, ActionKind__Output as _courtbridge_v1_ActionKind__Output } from '../../courtbridge/v1/ActionKind.js';

/**
 * Adapter replica -> gateways, in an Envelope signed by the adapter, on start and
 * periodically: who serves which chain with what capabilities.
 */
export interface AdapterAnnouncement {
  /**
   * Chain served.
   */
  'chainId'?: (string);
  /**
   * DID of the adapter (must hold role "adapter" for this chain).
   */
  'adapterDid'?: (string);
  /**
   * Record types it answers.
   */
  'recordTypes'?: (string)[];
  /**
   * Actions it executes.
   */
  'actions'?: (_courtbridge_v1_ActionKind)[];
  /**
   * Adapter software version.
   */
  'version'?: (string);
  /**
   * Id of this replica (replicas of one adapter share a queue group).
   */
  'replicaId'?: (string);
}

/**
 * Adapter replica -> gateways, in an Envelope signed by the adapter, on start and
 * periodically: who serves which chain with what capabilities.
 */
export interface AdapterAnnouncement__Output {
  /**
   * Chain served.
   */
  'chainId': (string);
  /**
   * DID of the adapter (must hold role "adapter" for this chain).
   */
  'adapterDid': (string);
  /**
   * Record types it answers.
   */
  'recordTypes': (string)[];
  /**
   * Actions it executes.
   */
  'actions': (_courtbridge_v1_ActionKind__Output)[];
  /**
   * Adapter software version.
   */
  'version': (string);
  /**
   * Id of this replica (replicas of one adapter share a queue group).
   */
  'replicaId': (string);
}

// Original file: courtbridge/v1/chain.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One adapter replica that announced itself for a chain.
 */
export interface ReplicaInfo {
  /**
   * Replica id from its AdapterAnnouncement.
   */
  'replicaId'?: (string);
  /**
   * DID of the adapter.
   */
  'adapterDid'?: (string);
  /**
   * Adapter software version.
   */
  'version'?: (string);
  /**
   * Last announcement or answer seen from it, unix ms.
   */
  'lastSeenMs'?: (number | string | Long);
}

/**
 * One adapter replica that announced itself for a chain.
 */
export interface ReplicaInfo__Output {
  /**
   * Replica id from its AdapterAnnouncement.
   */
  'replicaId': (string);
  /**
   * DID of the adapter.
   */
  'adapterDid': (string);
  /**
   * Adapter software version.
   */
  'version': (string);
  /**
   * Last announcement or answer seen from it, unix ms.
   */
  'lastSeenMs': (number);
}

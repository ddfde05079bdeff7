// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One obligation of an agreement.
 */
export interface Obligation {
  /**
   * Id unique within the agreement, e.g. "1", "2".
   */
  'obligationId'?: (string);
  /**
   * Keyed hash of the obligor's id (32 bytes; one of the parties).
   */
  'obligorIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Keyed hash of the obligee's id (32 bytes).
   */
  'obligeeIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Amount in minor units, decimal string; empty for a non-monetary obligation.
   */
  'amount'?: (string);
  /**
   * What is owed, in words (no personal identifiers).
   */
  'description'?: (string);
  /**
   * Deadline, unix ms; after it an unperformed obligation is overdue.
   */
  'dueAtMs'?: (number | string | Long);
}

/**
 * One obligation of an agreement.
 */
export interface Obligation__Output {
  /**
   * Id unique within the agreement, e.g. "1", "2".
   */
  'obligationId': (string);
  /**
   * Keyed hash of the obligor's id (32 bytes; one of the parties).
   */
  'obligorIdHash': (Buffer);
  /**
   * Keyed hash of the obligee's id (32 bytes).
   */
  'obligeeIdHash': (Buffer);
  /**
   * Amount in minor units, decimal string; empty for a non-monetary obligation.
   */
  'amount': (string);
  /**
   * What is owed, in words (no personal identifiers).
   */
  'description': (string);
  /**
   * Deadline, unix ms; after it an unperformed obligation is overdue.
   */
  'dueAtMs': (number);
}

// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One entry of the audit log (policy: "every enforcement operation recorded and auditable").
 */
export interface AuditEntry {
  /**
   * Position in the log (starts at 1, no gaps).
   */
  'sequence'?: (number | string | Long);
  /**
   * When it happened, unix ms.
   */
  'atMs'?: (number | string | Long);
  /**
   * DID of whoever caused it (a court, an admin, the gateway for automatic steps).
   */
  'actorDid'?: (string);
  /**
   * Event name, e.g. "agreement_registered", "obligation_overdue", "enforcement_filed",
   * "action_submitted", "action_executed".
   */
  'event'?: (string);
  /**
   * Case concerned, if any.
   */
  'caseId'?: (string);
  /**
   * Action concerned, if any.
   */
  'actionId'?: (string);
  /**
   * Plain-language detail (no personal identifiers in clear).
   */
  'detail'?: (string);
  /**
   * sha256 of the previous entry's `entry_hash` and this entry's fields (hash chain).
   */
  'entryHash'?: (Buffer | Uint8Array | string);
  /**
   * The previous entry's `entry_hash` (32 zero bytes for sequence 1).
   */
  'prevHash'?: (Buffer | Uint8Array | string);
  /**
   * The entry exactly as stored on the judicial chain (`audit/<case_id>/<sequence>`): canonical
   * JSON with the actor's signature (src/workflows/audit-log.ts). sha256(record) = entry_hash.
   */
  'record'?: (Buffer | Uint8Array | string);
}

/**
 * One entry of the audit log (policy: "every enforcement operation recorded and auditable").
 */
export interface AuditEntry__Output {
  /**
   * Position in the log (starts at 1, no gaps).
   */
  'sequence': (number);
  /**
   * When it happened, unix ms.
   */
  'atMs': (number);
  /**
   * DID of whoever caused it (a court, an admin, the gateway for automatic steps).
   */
  'actorDid': (string);
  /**
   * Event name, e.g. "agreement_registered", "obligation_overdue", "enforcement_filed",
   * "action_submitted", "action_executed".
   */
  'event': (string);
  /**
   * Case concerned, if any.
   */
  'caseId': (string);
  /**
   * Action concerned, if any.
   */
  'actionId': (string);
  /**
   * Plain-language detail (no personal identifiers in clear).
   */
  'detail': (string);
  /**
   * sha256 of the previous entry's `entry_hash` and this entry's fields (hash chain).
   */
  'entryHash': (Buffer);
  /**
   * The previous entry's `entry_hash` (32 zero bytes for sequence 1).
   */
  'prevHash': (Buffer);
  /**
   * The entry exactly as stored on the judicial chain (`audit/<case_id>/<sequence>`): canonical
   * JSON with the actor's signature (src/workflows/audit-log.ts). sha256(record) = entry_hash.
   */
  'record': (Buffer);
}

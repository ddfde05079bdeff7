// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One entry of the audit log (policy: "every enforcement operation recorded and auditable"). The
 * actor signs, under `courtbridge/v1/audit-entry`, the canonical JSON of the entry without its
 * signature; `record` is the canonical JSON with the signature, and `entry_hash` its SHA-256.
 * Spec: docs/spec/audit-entry.md
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
   * SHA-256 of `record`: the stored canonical JSON, the signature included (not of the signed
   * bytes, nor of the fields); the next entry's `prev_hash`.
   */
  'entryHash'?: (Buffer | Uint8Array | string);
  /**
   * The previous entry's `entry_hash` (32 zero bytes for sequence 1).
   */
  'prevHash'?: (Buffer | Uint8Array | string);
  /**
   * The entry exactly as stored on the judicial chain (`audit/<case_id>/<sequence>`): canonical
   * JSON with the actor's signature (base64url). sha256(record) = entry_hash.
   */
  'record'?: (Buffer | Uint8Array | string);
}

/**
 * One entry of the audit log (policy: "every enforcement operation recorded and auditable"). The
 * actor signs, under `courtbridge/v1/audit-entry`, the canonical JSON of the entry without its
 * signature; `record` is the canonical JSON with the signature, and `entry_hash` its SHA-256.
 * Spec: docs/spec/audit-entry.md
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
   * SHA-256 of `record`: the stored canonical JSON, the signature included (not of the signed
   * bytes, nor of the fields); the next entry's `prev_hash`.
   */
  'entryHash': (Buffer);
  /**
   * The previous entry's `entry_hash` (32 zero bytes for sequence 1).
   */
  'prevHash': (Buffer);
  /**
   * The entry exactly as stored on the judicial chain (`audit/<case_id>/<sequence>`): canonical
   * JSON with the actor's signature (base64url). sha256(record) = entry_hash.
   */
  'record': (Buffer);
}

// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A report that an obligation was performed. The reporter signs
 * signingInput("courtbridge/v1/performance-report", deterministic protobuf of this message: every
 * field, in field-number order) with the key the registry gives for kid at performed_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface PerformanceReport {
  /**
   * Case id.
   */
  'caseId'?: (string);
  /**
   * Obligation performed.
   */
  'obligationId'?: (string);
  /**
   * When it was performed, unix ms.
   */
  'performedAtMs'?: (number | string | Long);
  /**
   * Amount performed, minor units, decimal string (partial performance allowed).
   */
  'amount'?: (string);
  /**
   * sha256 of the evidence of performance (e.g. a bank transfer record), 32 bytes.
   */
  'evidenceHash'?: (Buffer | Uint8Array | string);
  /**
   * DID of the reporter.
   */
  'reporterDid'?: (string);
  /**
   * Key id of the reporter's signing key.
   */
  'kid'?: (string);
}

/**
 * A report that an obligation was performed. The reporter signs
 * signingInput("courtbridge/v1/performance-report", deterministic protobuf of this message: every
 * field, in field-number order) with the key the registry gives for kid at performed_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface PerformanceReport__Output {
  /**
   * Case id.
   */
  'caseId': (string);
  /**
   * Obligation performed.
   */
  'obligationId': (string);
  /**
   * When it was performed, unix ms.
   */
  'performedAtMs': (number);
  /**
   * Amount performed, minor units, decimal string (partial performance allowed).
   */
  'amount': (string);
  /**
   * sha256 of the evidence of performance (e.g. a bank transfer record), 32 bytes.
   */
  'evidenceHash': (Buffer);
  /**
   * DID of the reporter.
   */
  'reporterDid': (string);
  /**
   * Key id of the reporter's signing key.
   */
  'kid': (string);
}

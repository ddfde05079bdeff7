// Original file: courtbridge/v1/mediation.proto

import type { Party as _courtbridge_v1_Party, Party__Output as _courtbridge_v1_Party__Output } from '../../courtbridge/v1/Party.js';
import type { Obligation as _courtbridge_v1_Obligation, Obligation__Output as _courtbridge_v1_Obligation__Output } from '../../courtbridge/v1/Obligation.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A court-confirmed mediation agreement. The court signs
 * signingInput("courtbridge/v1/mediation-agreement", deterministic protobuf of this message) over
 * the encoding the verifier makes of the fields it received: every field in field-number order, an
 * obligation's description even when empty, its creditor_rank and payee_account only when set.
 * The court's key is the one the registry gives for kid at confirmed_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface MediationAgreement {
  /**
   * Case id on the judicial chain.
   */
  'caseId'?: (string);
  /**
   * sha256 of the agreement document (32 bytes).
   */
  'documentHash'?: (Buffer | Uint8Array | string);
  /**
   * The parties.
   */
  'parties'?: (_courtbridge_v1_Party)[];
  /**
   * The obligations, in document order.
   */
  'obligations'?: (_courtbridge_v1_Obligation)[];
  /**
   * DID of the confirming court.
   */
  'courtDid'?: (string);
  /**
   * Key id of the court's signing key.
   */
  'kid'?: (string);
  /**
   * When it was confirmed, unix ms.
   */
  'confirmedAtMs'?: (number | string | Long);
}

/**
 * A court-confirmed mediation agreement. The court signs
 * signingInput("courtbridge/v1/mediation-agreement", deterministic protobuf of this message) over
 * the encoding the verifier makes of the fields it received: every field in field-number order, an
 * obligation's description even when empty, its creditor_rank and payee_account only when set.
 * The court's key is the one the registry gives for kid at confirmed_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface MediationAgreement__Output {
  /**
   * Case id on the judicial chain.
   */
  'caseId': (string);
  /**
   * sha256 of the agreement document (32 bytes).
   */
  'documentHash': (Buffer);
  /**
   * The parties.
   */
  'parties': (_courtbridge_v1_Party__Output)[];
  /**
   * The obligations, in document order.
   */
  'obligations': (_courtbridge_v1_Obligation__Output)[];
  /**
   * DID of the confirming court.
   */
  'courtDid': (string);
  /**
   * Key id of the court's signing key.
   */
  'kid': (string);
  /**
   * When it was confirmed, unix ms.
   */
  'confirmedAtMs': (number);
}

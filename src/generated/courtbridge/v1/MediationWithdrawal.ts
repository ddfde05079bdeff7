// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A party withdrew from a mediation. The court or the mediator signs
 * signingInput("courtbridge/v1/mediation-withdrawal", canonical JSON of the withdrawal document
 * the spec page defines) with the key the registry gives for kid at withdrawn_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface MediationWithdrawal {
  /**
   * Case id of the mediation.
   */
  'caseId'?: (string);
  /**
   * Keyed hash of the withdrawing party's id (32 bytes).
   */
  'partyIdHash'?: (Buffer | Uint8Array | string);
  /**
   * When the party withdrew, unix ms.
   */
  'withdrawnAtMs'?: (number | string | Long);
  /**
   * DID of the reporter (the court or the mediator).
   */
  'reporterDid'?: (string);
  /**
   * Key id of the reporter's signing key.
   */
  'kid'?: (string);
}

/**
 * A party withdrew from a mediation. The court or the mediator signs
 * signingInput("courtbridge/v1/mediation-withdrawal", canonical JSON of the withdrawal document
 * the spec page defines) with the key the registry gives for kid at withdrawn_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface MediationWithdrawal__Output {
  /**
   * Case id of the mediation.
   */
  'caseId': (string);
  /**
   * Keyed hash of the withdrawing party's id (32 bytes).
   */
  'partyIdHash': (Buffer);
  /**
   * When the party withdrew, unix ms.
   */
  'withdrawnAtMs': (number);
  /**
   * DID of the reporter (the court or the mediator).
   */
  'reporterDid': (string);
  /**
   * Key id of the reporter's signing key.
   */
  'kid': (string);
}

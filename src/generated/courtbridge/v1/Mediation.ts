// Original file: courtbridge/v1/mediation.proto

import type { MediationParty as _courtbridge_v1_MediationParty, MediationParty__Output as _courtbridge_v1_MediationParty__Output } from '../../courtbridge/v1/MediationParty.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A mediation in progress, before any agreement. The court signs
 * signingInput("courtbridge/v1/mediation-case", canonical JSON of the mediation document the
 * spec page defines, built from these fields) with the key the registry gives for kid at
 * opened_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface Mediation {
  /**
   * Case id on the judicial chain (an agreement reached registers under it).
   */
  'caseId'?: (string);
  /**
   * The cause in words, at most 100 characters, no personal identifiers.
   */
  'cause'?: (string);
  /**
   * The parties.
   */
  'parties'?: (_courtbridge_v1_MediationParty)[];
  /**
   * DID of the mediator (the court, or an organisation it entrusted).
   */
  'mediatorDid'?: (string);
  /**
   * DID of the court.
   */
  'courtDid'?: (string);
  /**
   * Key id of the court's signing key.
   */
  'kid'?: (string);
  /**
   * When it opened, unix ms.
   */
  'openedAtMs'?: (number | string | Long);
  /**
   * No agreement by then: the mediation fails, unix ms.
   */
  'agreementDeadlineMs'?: (number | string | Long);
}

/**
 * A mediation in progress, before any agreement. The court signs
 * signingInput("courtbridge/v1/mediation-case", canonical JSON of the mediation document the
 * spec page defines, built from these fields) with the key the registry gives for kid at
 * opened_at_ms.
 * Spec: docs/spec/mediation.md
 */
export interface Mediation__Output {
  /**
   * Case id on the judicial chain (an agreement reached registers under it).
   */
  'caseId': (string);
  /**
   * The cause in words, at most 100 characters, no personal identifiers.
   */
  'cause': (string);
  /**
   * The parties.
   */
  'parties': (_courtbridge_v1_MediationParty__Output)[];
  /**
   * DID of the mediator (the court, or an organisation it entrusted).
   */
  'mediatorDid': (string);
  /**
   * DID of the court.
   */
  'courtDid': (string);
  /**
   * Key id of the court's signing key.
   */
  'kid': (string);
  /**
   * When it opened, unix ms.
   */
  'openedAtMs': (number);
  /**
   * No agreement by then: the mediation fails, unix ms.
   */
  'agreementDeadlineMs': (number);
}

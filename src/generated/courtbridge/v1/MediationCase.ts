// Original file: courtbridge/v1/mediation.proto

import type { MediationAgreement as _courtbridge_v1_MediationAgreement, MediationAgreement__Output as _courtbridge_v1_MediationAgreement__Output } from '../../courtbridge/v1/MediationAgreement.js';
import type { CaseStatus as _courtbridge_v1_CaseStatus, CaseStatus__Output as _courtbridge_v1_CaseStatus__Output } from '../../courtbridge/v1/CaseStatus.js';
import type { ObligationState as _courtbridge_v1_ObligationState, ObligationState__Output as _courtbridge_v1_ObligationState__Output } from '../../courtbridge/v1/ObligationState.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { Payment as _courtbridge_v1_Payment, Payment__Output as _courtbridge_v1_Payment__Output } from '../../courtbridge/v1/Payment.js';

/**
 * A mediation case on the judicial chain.
 */
export interface MediationCase {
  /**
   * The agreement as registered: GetCase and ListCases fill its case_id and court_did.
   */
  'agreement'?: (_courtbridge_v1_MediationAgreement | null);
  /**
   * Current status.
   */
  'status'?: (_courtbridge_v1_CaseStatus);
  /**
   * Per-obligation state, in agreement order.
   */
  'obligations'?: (_courtbridge_v1_ObligationState)[];
  /**
   * Enforcement case id, once filed.
   */
  'enforcementCaseId'?: (string);
  /**
   * Ids of the actions ordered by the enforcement (see ActionService).
   */
  'actionIds'?: (string)[];
  /**
   * The judicial-chain header the state was read at.
   */
  'header'?: (_courtbridge_v1_HeaderRef | null);
  /**
   * Payments of the deducted funds to the creditors, in the order planned.
   */
  'payments'?: (_courtbridge_v1_Payment)[];
}

/**
 * A mediation case on the judicial chain.
 */
export interface MediationCase__Output {
  /**
   * The agreement as registered: GetCase and ListCases fill its case_id and court_did.
   */
  'agreement': (_courtbridge_v1_MediationAgreement__Output | null);
  /**
   * Current status.
   */
  'status': (_courtbridge_v1_CaseStatus__Output);
  /**
   * Per-obligation state, in agreement order.
   */
  'obligations': (_courtbridge_v1_ObligationState__Output)[];
  /**
   * Enforcement case id, once filed.
   */
  'enforcementCaseId': (string);
  /**
   * Ids of the actions ordered by the enforcement (see ActionService).
   */
  'actionIds': (string)[];
  /**
   * The judicial-chain header the state was read at.
   */
  'header': (_courtbridge_v1_HeaderRef__Output | null);
  /**
   * Payments of the deducted funds to the creditors, in the order planned.
   */
  'payments': (_courtbridge_v1_Payment__Output)[];
}

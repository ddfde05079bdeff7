// Original file: courtbridge/v1/mediation.proto

import type { AuditEntry as _courtbridge_v1_AuditEntry, AuditEntry__Output as _courtbridge_v1_AuditEntry__Output } from '../../courtbridge/v1/AuditEntry.js';
import type { CaseStatus as _courtbridge_v1_CaseStatus, CaseStatus__Output as _courtbridge_v1_CaseStatus__Output } from '../../courtbridge/v1/CaseStatus.js';
import type { MediationStatus as _courtbridge_v1_MediationStatus, MediationStatus__Output as _courtbridge_v1_MediationStatus__Output } from '../../courtbridge/v1/MediationStatus.js';

/**
 * One audit entry of a watched case and where the case stood when it was read.
 */
export interface CaseUpdate {
  /**
   * The entry.
   */
  'entry'?: (_courtbridge_v1_AuditEntry | null);
  /**
   * The case's status when this update was read; UNSPECIFIED while it is a mediation without agreement.
   */
  'status'?: (_courtbridge_v1_CaseStatus);
  /**
   * The mediation's status when this update was read; UNSPECIFIED for a case registered without one.
   */
  'mediationStatus'?: (_courtbridge_v1_MediationStatus);
}

/**
 * One audit entry of a watched case and where the case stood when it was read.
 */
export interface CaseUpdate__Output {
  /**
   * The entry.
   */
  'entry': (_courtbridge_v1_AuditEntry__Output | null);
  /**
   * The case's status when this update was read; UNSPECIFIED while it is a mediation without agreement.
   */
  'status': (_courtbridge_v1_CaseStatus__Output);
  /**
   * The mediation's status when this update was read; UNSPECIFIED for a case registered without one.
   */
  'mediationStatus': (_courtbridge_v1_MediationStatus__Output);
}

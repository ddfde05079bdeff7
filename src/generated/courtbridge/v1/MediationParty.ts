// Original file: courtbridge/v1/mediation.proto

import type { MediationRole as _courtbridge_v1_MediationRole, MediationRole__Output as _courtbridge_v1_MediationRole__Output } from '../../courtbridge/v1/MediationRole.js';

/**
 * A party to a mediation.
 */
export interface MediationParty {
  /**
   * Keyed hash of the party's id (32 bytes).
   */
  'partyIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Applicant or respondent.
   */
  'role'?: (_courtbridge_v1_MediationRole);
}

/**
 * A party to a mediation.
 */
export interface MediationParty__Output {
  /**
   * Keyed hash of the party's id (32 bytes).
   */
  'partyIdHash': (Buffer);
  /**
   * Applicant or respondent.
   */
  'role': (_courtbridge_v1_MediationRole__Output);
}

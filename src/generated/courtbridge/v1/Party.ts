// Original file: courtbridge/v1/mediation.proto

import type { PartyRole as _courtbridge_v1_PartyRole, PartyRole__Output as _courtbridge_v1_PartyRole__Output } from '../../courtbridge/v1/PartyRole.js';

/**
 * A party to an agreement.
 */
export interface Party {
  /**
   * Keyed hash of the party's id (32 bytes).
   */
  'partyIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Obligor or obligee.
   */
  'role'?: (_courtbridge_v1_PartyRole);
}

/**
 * A party to an agreement.
 */
export interface Party__Output {
  /**
   * Keyed hash of the party's id (32 bytes).
   */
  'partyIdHash': (Buffer);
  /**
   * Obligor or obligee.
   */
  'role': (_courtbridge_v1_PartyRole__Output);
}

// Original file: courtbridge/v1/mediation.proto

import type { JudicialInstrument as _courtbridge_v1_JudicialInstrument, JudicialInstrument__Output as _courtbridge_v1_JudicialInstrument__Output } from '../../courtbridge/v1/JudicialInstrument.js';

/**
 * A court-signed judgment or ruling to register.
 * Spec: docs/spec/judicial-instrument.md
 */
export interface RegisterJudgmentRequest {
  /**
   * The judgment or ruling.
   */
  'instrument'?: (_courtbridge_v1_JudicialInstrument | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A court-signed judgment or ruling to register.
 * Spec: docs/spec/judicial-instrument.md
 */
export interface RegisterJudgmentRequest__Output {
  /**
   * The judgment or ruling.
   */
  'instrument': (_courtbridge_v1_JudicialInstrument__Output | null);
  /**
   * The court's compact 64-byte signature of its key's suite (secp256k1 low-S, or SM2).
   */
  'signature': (Buffer);
}

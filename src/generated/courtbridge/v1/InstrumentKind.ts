// Original file: courtbridge/v1/mediation.proto

/**
 * Which instrument a court pronounced.
 */
export const InstrumentKind = {
  /**
   * Never valid.
   */
  INSTRUMENT_KIND_UNSPECIFIED: 'INSTRUMENT_KIND_UNSPECIFIED',
  /**
   * A judgment (判决).
   */
  INSTRUMENT_KIND_JUDGMENT: 'INSTRUMENT_KIND_JUDGMENT',
  /**
   * A ruling (裁定).
   */
  INSTRUMENT_KIND_RULING: 'INSTRUMENT_KIND_RULING',
} as const;

/**
 * Which instrument a court pronounced.
 */
export type InstrumentKind =
  /**
   * Never valid.
   */
  | 'INSTRUMENT_KIND_UNSPECIFIED'
  | 0
  /**
   * A judgment (判决).
   */
  | 'INSTRUMENT_KIND_JUDGMENT'
  | 1
  /**
   * A ruling (裁定).
   */
  | 'INSTRUMENT_KIND_RULING'
  | 2

/**
 * Which instrument a court pronounced.
 */
export type InstrumentKind__Output = typeof InstrumentKind[keyof typeof InstrumentKind]

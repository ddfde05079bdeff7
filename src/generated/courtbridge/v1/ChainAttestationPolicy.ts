// Original file: courtbridge/v1/alliance.proto


/**
 * Agencies whose attestations a chain's answers need, m of n.
 */
export interface ChainAttestationPolicy {
  /**
   * m: how many attesters must sign (1..n).
   */
  'threshold'?: (number);
  /**
   * The n attester DIDs (did:alliance:...).
   */
  'attesters'?: (string)[];
}

/**
 * Agencies whose attestations a chain's answers need, m of n.
 */
export interface ChainAttestationPolicy__Output {
  /**
   * m: how many attesters must sign (1..n).
   */
  'threshold': (number);
  /**
   * The n attester DIDs (did:alliance:...).
   */
  'attesters': (string)[];
}

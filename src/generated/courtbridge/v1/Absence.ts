// Original file: courtbridge/v1/types.proto


/**
 * The absence of a key in a chain's state (the subject of a non-membership proof).
 */
export interface Absence {
  /**
   * Chain whose state lacks the key.
   */
  'chainId'?: (string);
  /**
   * The key that is absent.
   */
  'key'?: (string);
  /**
   * The record type that was asked for.
   */
  'recordType'?: (string);
}

/**
 * The absence of a key in a chain's state (the subject of a non-membership proof).
 */
export interface Absence__Output {
  /**
   * Chain whose state lacks the key.
   */
  'chainId': (string);
  /**
   * The key that is absent.
   */
  'key': (string);
  /**
   * The record type that was asked for.
   */
  'recordType': (string);
}

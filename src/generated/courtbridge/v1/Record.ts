// Original file: courtbridge/v1/types.proto


/**
 * A record in a chain's state: a key and a value of a named type.
 */
export interface Record {
  /**
   * Chain holding the record.
   */
  'chainId'?: (string);
  /**
   * State key, e.g. "property/title/<owner_id_hash hex>/<n>".
   */
  'key'?: (string);
  /**
   * Value bytes as stored on the chain (the adapter documents their format per record type).
   */
  'value'?: (Buffer | Uint8Array | string);
  /**
   * Record type, e.g. "property.title", "credit.dishonest_debtor", "finance.account".
   */
  'recordType'?: (string);
}

/**
 * A record in a chain's state: a key and a value of a named type.
 */
export interface Record__Output {
  /**
   * Chain holding the record.
   */
  'chainId': (string);
  /**
   * State key, e.g. "property/title/<owner_id_hash hex>/<n>".
   */
  'key': (string);
  /**
   * Value bytes as stored on the chain (the adapter documents their format per record type).
   */
  'value': (Buffer);
  /**
   * Record type, e.g. "property.title", "credit.dishonest_debtor", "finance.account".
   */
  'recordType': (string);
}

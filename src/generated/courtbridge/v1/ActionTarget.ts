// Original file: courtbridge/v1/action.proto


/**
 * What an action applies to.
 */
export interface ActionTarget {
  /**
   * Record type of the target, e.g. "finance.account", "property.title".
   */
  'recordType'?: (string);
  /**
   * State key of the target record.
   */
  'key'?: (string);
}

/**
 * What an action applies to.
 */
export interface ActionTarget__Output {
  /**
   * Record type of the target, e.g. "finance.account", "property.title".
   */
  'recordType': (string);
  /**
   * State key of the target record.
   */
  'key': (string);
}

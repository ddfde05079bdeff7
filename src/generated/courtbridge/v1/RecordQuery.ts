// Original file: courtbridge/v1/types.proto

import type { QueryHeight as _courtbridge_v1_QueryHeight, QueryHeight__Output as _courtbridge_v1_QueryHeight__Output } from '../../courtbridge/v1/QueryHeight.js';

/**
 * A question about one record.
 */
export interface RecordQuery {
  /**
   * Chain to ask.
   */
  'chainId'?: (string);
  /**
   * Record type, e.g. "credit.dishonest_debtor".
   */
  'recordType'?: (string);
  /**
   * State key.
   */
  'key'?: (string);
  /**
   * Height to read at.
   */
  'height'?: (_courtbridge_v1_QueryHeight | null);
}

/**
 * A question about one record.
 */
export interface RecordQuery__Output {
  /**
   * Chain to ask.
   */
  'chainId': (string);
  /**
   * Record type, e.g. "credit.dishonest_debtor".
   */
  'recordType': (string);
  /**
   * State key.
   */
  'key': (string);
  /**
   * Height to read at.
   */
  'height': (_courtbridge_v1_QueryHeight__Output | null);
}

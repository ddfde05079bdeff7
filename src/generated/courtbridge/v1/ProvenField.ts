// Original file: courtbridge/v1/verification.proto

import type { LocalizedText as _courtbridge_v1_LocalizedText, LocalizedText__Output as _courtbridge_v1_LocalizedText__Output } from '../../courtbridge/v1/LocalizedText.js';

/**
 * One field of a proven record, decoded by its record type's schema (src/verify/proven-record.ts).
 */
export interface ProvenField {
  /**
   * Path in the record value, e.g. "owners[0].shareBp".
   */
  'path'?: (string);
  /**
   * The field's label.
   */
  'label'?: (_courtbridge_v1_LocalizedText | null);
  /**
   * How the value is written: "money" (元, two decimals), "time" (Beijing time), "person_hash"
   * (a keyed hash, never the identifier), "id", "did", "hash", "integer", "area_m2", "share_bp",
   * "code", "text".
   */
  'format'?: (string);
  /**
   * The value written for a person, e.g. "6,500,000.00 元".
   */
  'text'?: (string);
}

/**
 * One field of a proven record, decoded by its record type's schema (src/verify/proven-record.ts).
 */
export interface ProvenField__Output {
  /**
   * Path in the record value, e.g. "owners[0].shareBp".
   */
  'path': (string);
  /**
   * The field's label.
   */
  'label': (_courtbridge_v1_LocalizedText__Output | null);
  /**
   * How the value is written: "money" (元, two decimals), "time" (Beijing time), "person_hash"
   * (a keyed hash, never the identifier), "id", "did", "hash", "integer", "area_m2", "share_bp",
   * "code", "text".
   */
  'format': (string);
  /**
   * The value written for a person, e.g. "6,500,000.00 元".
   */
  'text': (string);
}

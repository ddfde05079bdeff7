// Original file: courtbridge/v1/verification.proto

import type { ProvenShown as _courtbridge_v1_ProvenShown, ProvenShown__Output as _courtbridge_v1_ProvenShown__Output } from '../../courtbridge/v1/ProvenShown.js';
import type { LocalizedText as _courtbridge_v1_LocalizedText, LocalizedText__Output as _courtbridge_v1_LocalizedText__Output } from '../../courtbridge/v1/LocalizedText.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { ProvenField as _courtbridge_v1_ProvenField, ProvenField__Output as _courtbridge_v1_ProvenField__Output } from '../../courtbridge/v1/ProvenField.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The record (or absence) a VALID bundle proves, as a person reads it.
 */
export interface ProvenRecord {
  /**
   * Whether anything is shown.
   */
  'shown'?: (_courtbridge_v1_ProvenShown);
  /**
   * With NOTHING: a snake_case reason ("verdict_invalid", "verdict_indeterminate",
   * "verification_of_other_bytes", "record_not_bound", "malformed_bundle").
   */
  'notShownReason'?: (string);
  /**
   * With NOTHING: the reason for people.
   */
  'notShown'?: (_courtbridge_v1_LocalizedText | null);
  /**
   * Chain, record type and key of the record.
   */
  'chainId'?: (string);
  'recordType'?: (string);
  'key'?: (string);
  /**
   * The record type named for people.
   */
  'typeLabel'?: (_courtbridge_v1_LocalizedText | null);
  /**
   * The header it is proven at, and that header's time (unix ms).
   */
  'provenAt'?: (_courtbridge_v1_HeaderRef | null);
  'provenAtTimeMs'?: (number | string | Long);
  /**
   * With RECORD: the value bytes as proven.
   */
  'value'?: (Buffer | Uint8Array | string);
  /**
   * With RECORD: the value decoded field by field; empty when it could not be decoded.
   */
  'fields'?: (_courtbridge_v1_ProvenField)[];
  /**
   * With RECORD and no fields: why the value is shown undecoded (e.g. an unknown record type).
   */
  'undecoded'?: (_courtbridge_v1_LocalizedText | null);
}

/**
 * The record (or absence) a VALID bundle proves, as a person reads it.
 */
export interface ProvenRecord__Output {
  /**
   * Whether anything is shown.
   */
  'shown': (_courtbridge_v1_ProvenShown__Output);
  /**
   * With NOTHING: a snake_case reason ("verdict_invalid", "verdict_indeterminate",
   * "verification_of_other_bytes", "record_not_bound", "malformed_bundle").
   */
  'notShownReason': (string);
  /**
   * With NOTHING: the reason for people.
   */
  'notShown': (_courtbridge_v1_LocalizedText__Output | null);
  /**
   * Chain, record type and key of the record.
   */
  'chainId': (string);
  'recordType': (string);
  'key': (string);
  /**
   * The record type named for people.
   */
  'typeLabel': (_courtbridge_v1_LocalizedText__Output | null);
  /**
   * The header it is proven at, and that header's time (unix ms).
   */
  'provenAt': (_courtbridge_v1_HeaderRef__Output | null);
  'provenAtTimeMs': (number);
  /**
   * With RECORD: the value bytes as proven.
   */
  'value': (Buffer);
  /**
   * With RECORD: the value decoded field by field; empty when it could not be decoded.
   */
  'fields': (_courtbridge_v1_ProvenField__Output)[];
  /**
   * With RECORD and no fields: why the value is shown undecoded (e.g. an unknown record type).
   */
  'undecoded': (_courtbridge_v1_LocalizedText__Output | null);
}

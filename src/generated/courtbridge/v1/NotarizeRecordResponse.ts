// Original file: courtbridge/v1/wire.proto

import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from '../../courtbridge/v1/Record.js';
import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from '../../courtbridge/v1/Absence.js';
import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from '../../courtbridge/v1/NotarySignature.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Notary -> adapter: what the notary read, and its signature over the notarized record
 * (src/verify/notary-record.ts) when it read a record or an absence at that version.
 */
export interface NotarizeRecordResponse {
  /**
   * The request's id.
   */
  'requestId'?: (string);
  /**
   * The record (membership).
   */
  'record'?: (_courtbridge_v1_Record | null);
  /**
   * The absence of the key.
   */
  'absence'?: (_courtbridge_v1_Absence | null);
  /**
   * The version it read at (the request's).
   */
  'version'?: (number | string | Long);
  /**
   * The statement's time (the request's).
   */
  'timeMs'?: (number | string | Long);
  /**
   * The notary's signature over (chain, record type, key, result, version, time).
   */
  'signature'?: (_courtbridge_v1_NotarySignature | null);
  /**
   * What the notary read.
   */
  'result'?: "record"|"absence";
}

/**
 * Notary -> adapter: what the notary read, and its signature over the notarized record
 * (src/verify/notary-record.ts) when it read a record or an absence at that version.
 */
export interface NotarizeRecordResponse__Output {
  /**
   * The request's id.
   */
  'requestId': (string);
  /**
   * The record (membership).
   */
  'record'?: (_courtbridge_v1_Record__Output | null);
  /**
   * The absence of the key.
   */
  'absence'?: (_courtbridge_v1_Absence__Output | null);
  /**
   * The version it read at (the request's).
   */
  'version': (number);
  /**
   * The statement's time (the request's).
   */
  'timeMs': (number);
  /**
   * The notary's signature over (chain, record type, key, result, version, time).
   */
  'signature': (_courtbridge_v1_NotarySignature__Output | null);
  /**
   * What the notary read.
   */
  'result'?: "record"|"absence";
}

// Original file: courtbridge/v1/wire.proto

import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from '../../courtbridge/v1/Record.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from '../../courtbridge/v1/SmtProof.js';

/**
 * One record found through an index, with its own proof.
 */
export interface IndexedRecord {
  /**
   * The record.
   */
  'record'?: (_courtbridge_v1_Record | null);
  /**
   * Its membership proof against the referenced header.
   */
  'proof'?: (_courtbridge_v1_SmtProof | null);
}

/**
 * One record found through an index, with its own proof.
 */
export interface IndexedRecord__Output {
  /**
   * The record.
   */
  'record': (_courtbridge_v1_Record__Output | null);
  /**
   * Its membership proof against the referenced header.
   */
  'proof': (_courtbridge_v1_SmtProof__Output | null);
}

// Original file: courtbridge/v1/wire.proto

import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from '../../courtbridge/v1/Record.js';
import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from '../../courtbridge/v1/Absence.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from '../../courtbridge/v1/SmtProof.js';
import type { IndexedRecord as _courtbridge_v1_IndexedRecord, IndexedRecord__Output as _courtbridge_v1_IndexedRecord__Output } from '../../courtbridge/v1/IndexedRecord.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';

/**
 * Adapter -> gateway: the answer to an IndexQueryRequest. The index entry itself is a
 * state record (value: the sorted list of keys), so the list is proven complete.
 */
export interface IndexQueryResponse {
  /**
   * The request's id.
   */
  'requestId'?: (string);
  /**
   * The index record.
   */
  'indexRecord'?: (_courtbridge_v1_Record | null);
  /**
   * The index key is absent: no records.
   */
  'indexAbsence'?: (_courtbridge_v1_Absence | null);
  /**
   * Proof of the index entry or its absence.
   */
  'indexProof'?: (_courtbridge_v1_SmtProof | null);
  /**
   * The records listed by the index entry.
   */
  'items'?: (_courtbridge_v1_IndexedRecord)[];
  /**
   * The header all proofs are against.
   */
  'header'?: (_courtbridge_v1_HeaderRef | null);
  /**
   * More records exist than `limit`; ask again with a larger limit.
   */
  'truncated'?: (boolean);
  /**
   * The index entry (membership) or its absence (nothing indexed under the key).
   */
  'indexEntry'?: "indexRecord"|"indexAbsence";
}

/**
 * Adapter -> gateway: the answer to an IndexQueryRequest. The index entry itself is a
 * state record (value: the sorted list of keys), so the list is proven complete.
 */
export interface IndexQueryResponse__Output {
  /**
   * The request's id.
   */
  'requestId': (string);
  /**
   * The index record.
   */
  'indexRecord'?: (_courtbridge_v1_Record__Output | null);
  /**
   * The index key is absent: no records.
   */
  'indexAbsence'?: (_courtbridge_v1_Absence__Output | null);
  /**
   * Proof of the index entry or its absence.
   */
  'indexProof': (_courtbridge_v1_SmtProof__Output | null);
  /**
   * The records listed by the index entry.
   */
  'items': (_courtbridge_v1_IndexedRecord__Output)[];
  /**
   * The header all proofs are against.
   */
  'header': (_courtbridge_v1_HeaderRef__Output | null);
  /**
   * More records exist than `limit`; ask again with a larger limit.
   */
  'truncated': (boolean);
  /**
   * The index entry (membership) or its absence (nothing indexed under the key).
   */
  'indexEntry'?: "indexRecord"|"indexAbsence";
}

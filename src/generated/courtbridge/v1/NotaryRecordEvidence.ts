// Original file: courtbridge/v1/types.proto

import type { NotarySignature as _courtbridge_v1_NotarySignature, NotarySignature__Output as _courtbridge_v1_NotarySignature__Output } from '../../courtbridge/v1/NotarySignature.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The evidence of a record of a `notary` chain (a registry kept in a database, not a chain): the
 * database version the record was read at, when, and the notaries' signatures under the tag
 * `courtbridge/v1/notary-record` over the record statement (the query's chain id, record type and
 * key; the record's SHA-256 or its absence; this version and time). Each notary read the record
 * itself before signing; m distinct notaries of the chain's n registry notaries make it count.
 * Spec: docs/spec/notary.md
 */
export interface NotaryRecordEvidence {
  /**
   * The database's version (a sequence number that grows with every write) the record was read at.
   */
  'version'?: (number | string | Long);
  /**
   * When it was read at that version, unix ms.
   */
  'timeMs'?: (number | string | Long);
  /**
   * The notaries' signatures.
   */
  'notarizations'?: (_courtbridge_v1_NotarySignature)[];
}

/**
 * The evidence of a record of a `notary` chain (a registry kept in a database, not a chain): the
 * database version the record was read at, when, and the notaries' signatures under the tag
 * `courtbridge/v1/notary-record` over the record statement (the query's chain id, record type and
 * key; the record's SHA-256 or its absence; this version and time). Each notary read the record
 * itself before signing; m distinct notaries of the chain's n registry notaries make it count.
 * Spec: docs/spec/notary.md
 */
export interface NotaryRecordEvidence__Output {
  /**
   * The database's version (a sequence number that grows with every write) the record was read at.
   */
  'version': (number);
  /**
   * When it was read at that version, unix ms.
   */
  'timeMs': (number);
  /**
   * The notaries' signatures.
   */
  'notarizations': (_courtbridge_v1_NotarySignature__Output)[];
}

// Original file: courtbridge/v1/wire.proto

import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from '../../courtbridge/v1/Record.js';
import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from '../../courtbridge/v1/Absence.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from '../../courtbridge/v1/SmtProof.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from '../../courtbridge/v1/Attestation.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from '../../courtbridge/v1/EvmEvidence.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from '../../courtbridge/v1/NotaryRecordEvidence.js';

/**
 * Adapter -> gateway: the answer to a QueryRequest, proven against a header the gateway
 * verifies through its light client.
 */
export interface QueryResponse {
  /**
   * The request's id.
   */
  'requestId'?: (string);
  /**
   * The record (membership).
   */
  'record'?: (_courtbridge_v1_Record | null);
  /**
   * The absence (non-membership).
   */
  'absence'?: (_courtbridge_v1_Absence | null);
  /**
   * Proof of `result` against the state root of the referenced header.
   */
  'proof'?: (_courtbridge_v1_SmtProof | null);
  /**
   * The header the proof is against (height and hash).
   */
  'header'?: (_courtbridge_v1_HeaderRef | null);
  /**
   * Attestations over the result, for chains whose policy asks for them.
   */
  'attestations'?: (_courtbridge_v1_Attestation)[];
  /**
   * For an `evm` chain, instead of `proof`: the header and the state proof at the height asked
   * (`header` names that block). The gateway adds the notaries' signatures it holds.
   */
  'evm'?: (_courtbridge_v1_EvmEvidence | null);
  /**
   * For a `notary` chain, instead of `proof` and `header`: the database version read and the
   * notaries' signatures over the record or its absence at that version.
   */
  'notary'?: (_courtbridge_v1_NotaryRecordEvidence | null);
  /**
   * The record found, or the absence of the key.
   */
  'result'?: "record"|"absence";
}

/**
 * Adapter -> gateway: the answer to a QueryRequest, proven against a header the gateway
 * verifies through its light client.
 */
export interface QueryResponse__Output {
  /**
   * The request's id.
   */
  'requestId': (string);
  /**
   * The record (membership).
   */
  'record'?: (_courtbridge_v1_Record__Output | null);
  /**
   * The absence (non-membership).
   */
  'absence'?: (_courtbridge_v1_Absence__Output | null);
  /**
   * Proof of `result` against the state root of the referenced header.
   */
  'proof': (_courtbridge_v1_SmtProof__Output | null);
  /**
   * The header the proof is against (height and hash).
   */
  'header': (_courtbridge_v1_HeaderRef__Output | null);
  /**
   * Attestations over the result, for chains whose policy asks for them.
   */
  'attestations': (_courtbridge_v1_Attestation__Output)[];
  /**
   * For an `evm` chain, instead of `proof`: the header and the state proof at the height asked
   * (`header` names that block). The gateway adds the notaries' signatures it holds.
   */
  'evm': (_courtbridge_v1_EvmEvidence__Output | null);
  /**
   * For a `notary` chain, instead of `proof` and `header`: the database version read and the
   * notaries' signatures over the record or its absence at that version.
   */
  'notary': (_courtbridge_v1_NotaryRecordEvidence__Output | null);
  /**
   * The record found, or the absence of the key.
   */
  'result'?: "record"|"absence";
}

// Original file: courtbridge/v1/mediation.proto

import type { InstrumentKind as _courtbridge_v1_InstrumentKind, InstrumentKind__Output as _courtbridge_v1_InstrumentKind__Output } from '../../courtbridge/v1/InstrumentKind.js';
import type { Party as _courtbridge_v1_Party, Party__Output as _courtbridge_v1_Party__Output } from '../../courtbridge/v1/Party.js';
import type { Obligation as _courtbridge_v1_Obligation, Obligation__Output as _courtbridge_v1_Obligation__Output } from '../../courtbridge/v1/Obligation.js';
import type { Long } from '@grpc/proto-loader';

/**
 * An effective judgment or ruling. The court signs
 * signingInput("courtbridge/v1/judicial-instrument", canonical JSON of the instrument document
 * the spec page defines, built from these fields) with the key the registry gives for kid at
 * effective_at_ms.
 * Spec: docs/spec/judicial-instrument.md
 */
export interface JudicialInstrument {
  /**
   * Judgment or ruling.
   */
  'kind'?: (_courtbridge_v1_InstrumentKind);
  /**
   * Case id on the judicial chain.
   */
  'caseId'?: (string);
  /**
   * sha256 of the document (32 bytes).
   */
  'documentHash'?: (Buffer | Uint8Array | string);
  /**
   * The parties.
   */
  'parties'?: (_courtbridge_v1_Party)[];
  /**
   * The obligations, in document order.
   */
  'obligations'?: (_courtbridge_v1_Obligation)[];
  /**
   * DID of the court.
   */
  'courtDid'?: (string);
  /**
   * Key id of the court's signing key.
   */
  'kid'?: (string);
  /**
   * When it took effect, unix ms.
   */
  'effectiveAtMs'?: (number | string | Long);
}

/**
 * An effective judgment or ruling. The court signs
 * signingInput("courtbridge/v1/judicial-instrument", canonical JSON of the instrument document
 * the spec page defines, built from these fields) with the key the registry gives for kid at
 * effective_at_ms.
 * Spec: docs/spec/judicial-instrument.md
 */
export interface JudicialInstrument__Output {
  /**
   * Judgment or ruling.
   */
  'kind': (_courtbridge_v1_InstrumentKind__Output);
  /**
   * Case id on the judicial chain.
   */
  'caseId': (string);
  /**
   * sha256 of the document (32 bytes).
   */
  'documentHash': (Buffer);
  /**
   * The parties.
   */
  'parties': (_courtbridge_v1_Party__Output)[];
  /**
   * The obligations, in document order.
   */
  'obligations': (_courtbridge_v1_Obligation__Output)[];
  /**
   * DID of the court.
   */
  'courtDid': (string);
  /**
   * Key id of the court's signing key.
   */
  'kid': (string);
  /**
   * When it took effect, unix ms.
   */
  'effectiveAtMs': (number);
}

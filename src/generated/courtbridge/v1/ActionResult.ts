// Original file: courtbridge/v1/wire.proto

import type { ActionStatus as _courtbridge_v1_ActionStatus, ActionStatus__Output as _courtbridge_v1_ActionStatus__Output } from '../../courtbridge/v1/ActionStatus.js';
import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from '../../courtbridge/v1/Record.js';
import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from '../../courtbridge/v1/Absence.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from '../../courtbridge/v1/SmtProof.js';
import type { HeaderRef as _courtbridge_v1_HeaderRef, HeaderRef__Output as _courtbridge_v1_HeaderRef__Output } from '../../courtbridge/v1/HeaderRef.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from '../../courtbridge/v1/EvmEvidence.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from '../../courtbridge/v1/NotaryRecordEvidence.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Adapter -> gateway, as the body of an "action.result" Envelope signed by the adapter (under
 * the envelope's tag "courtbridge/v1/envelope"; nothing is signed under an action-result tag),
 * on the results stream. An action's status is served only as far as such a signed result
 * proves it.
 * Spec: docs/spec/action.md
 */
export interface ActionResult {
  /**
   * The action's idempotency id.
   */
  'actionId'?: (string);
  /**
   * Chain acted on.
   */
  'chainId'?: (string);
  /**
   * DELIVERED (acknowledgement), EXECUTED, REJECTED or FAILED.
   */
  'status'?: (_courtbridge_v1_ActionStatus);
  /**
   * snake_case reason for REJECTED or FAILED, e.g. "order_signature_invalid".
   */
  'reason'?: (string);
  /**
   * Plain-language detail.
   */
  'detail'?: (string);
  /**
   * The record as it now is (e.g. the account with its freeze flag).
   */
  'record'?: (_courtbridge_v1_Record | null);
  /**
   * The record is now absent (e.g. a listing released).
   */
  'absence'?: (_courtbridge_v1_Absence | null);
  /**
   * Proof of `new_state` against the referenced header.
   */
  'proof'?: (_courtbridge_v1_SmtProof | null);
  /**
   * The signed header containing the execution (height and hash).
   */
  'header'?: (_courtbridge_v1_HeaderRef | null);
  /**
   * When the adapter finished, unix ms.
   */
  'finishedAtMs'?: (number | string | Long);
  /**
   * For an `evm` chain, instead of `proof`: the header and state proof of the block holding the
   * execution (final once the chain's notaries sign that block).
   */
  'evm'?: (_courtbridge_v1_EvmEvidence | null);
  /**
   * For a `notary` chain: the target's state after execution, read and signed by its notaries.
   */
  'notary'?: (_courtbridge_v1_NotaryRecordEvidence | null);
  /**
   * The target's state after execution (for EXECUTED).
   */
  'newState'?: "record"|"absence";
}

/**
 * Adapter -> gateway, as the body of an "action.result" Envelope signed by the adapter (under
 * the envelope's tag "courtbridge/v1/envelope"; nothing is signed under an action-result tag),
 * on the results stream. An action's status is served only as far as such a signed result
 * proves it.
 * Spec: docs/spec/action.md
 */
export interface ActionResult__Output {
  /**
   * The action's idempotency id.
   */
  'actionId': (string);
  /**
   * Chain acted on.
   */
  'chainId': (string);
  /**
   * DELIVERED (acknowledgement), EXECUTED, REJECTED or FAILED.
   */
  'status': (_courtbridge_v1_ActionStatus__Output);
  /**
   * snake_case reason for REJECTED or FAILED, e.g. "order_signature_invalid".
   */
  'reason': (string);
  /**
   * Plain-language detail.
   */
  'detail': (string);
  /**
   * The record as it now is (e.g. the account with its freeze flag).
   */
  'record'?: (_courtbridge_v1_Record__Output | null);
  /**
   * The record is now absent (e.g. a listing released).
   */
  'absence'?: (_courtbridge_v1_Absence__Output | null);
  /**
   * Proof of `new_state` against the referenced header.
   */
  'proof': (_courtbridge_v1_SmtProof__Output | null);
  /**
   * The signed header containing the execution (height and hash).
   */
  'header': (_courtbridge_v1_HeaderRef__Output | null);
  /**
   * When the adapter finished, unix ms.
   */
  'finishedAtMs': (number);
  /**
   * For an `evm` chain, instead of `proof`: the header and state proof of the block holding the
   * execution (final once the chain's notaries sign that block).
   */
  'evm': (_courtbridge_v1_EvmEvidence__Output | null);
  /**
   * For a `notary` chain: the target's state after execution, read and signed by its notaries.
   */
  'notary': (_courtbridge_v1_NotaryRecordEvidence__Output | null);
  /**
   * The target's state after execution (for EXECUTED).
   */
  'newState'?: "record"|"absence";
}

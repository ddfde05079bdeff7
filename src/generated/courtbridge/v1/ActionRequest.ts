// Original file: courtbridge/v1/wire.proto

import type { ActionKind as _courtbridge_v1_ActionKind, ActionKind__Output as _courtbridge_v1_ActionKind__Output } from '../../courtbridge/v1/ActionKind.js';
import type { ActionTarget as _courtbridge_v1_ActionTarget, ActionTarget__Output as _courtbridge_v1_ActionTarget__Output } from '../../courtbridge/v1/ActionTarget.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from '../../courtbridge/v1/JudicialProof.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Gateway -> adapter, in an Envelope signed by the gateway, on the chain's JetStream action
 * stream (delivered at least once, executed once: adapters dedupe by action_id).
 */
export interface ActionRequest {
  /**
   * Idempotency id chosen by the court.
   */
  'actionId'?: (string);
  /**
   * Chain to act on.
   */
  'chainId'?: (string);
  /**
   * What to do.
   */
  'kind'?: (_courtbridge_v1_ActionKind);
  /**
   * What to do it to.
   */
  'target'?: (_courtbridge_v1_ActionTarget | null);
  /**
   * Amount in the asset's minor units as a decimal string (e.g. "1250000" cents); empty
   * when the action has none.
   */
  'amount'?: (string);
  /**
   * The court's signed order: compact JWT (ES256K; SM2SM3 for an SM2 key) whose claims name the action id, chain,
   * kind, target and amount (the adapter checks they match).
   */
  'orderJwt'?: (string);
  /**
   * Proof that the case or decision exists on the judicial chain.
   */
  'judicialProof'?: (_courtbridge_v1_JudicialProof | null);
  /**
   * When the gateway accepted the action, unix ms.
   */
  'acceptedAtMs'?: (number | string | Long);
}

/**
 * Gateway -> adapter, in an Envelope signed by the gateway, on the chain's JetStream action
 * stream (delivered at least once, executed once: adapters dedupe by action_id).
 */
export interface ActionRequest__Output {
  /**
   * Idempotency id chosen by the court.
   */
  'actionId': (string);
  /**
   * Chain to act on.
   */
  'chainId': (string);
  /**
   * What to do.
   */
  'kind': (_courtbridge_v1_ActionKind__Output);
  /**
   * What to do it to.
   */
  'target': (_courtbridge_v1_ActionTarget__Output | null);
  /**
   * Amount in the asset's minor units as a decimal string (e.g. "1250000" cents); empty
   * when the action has none.
   */
  'amount': (string);
  /**
   * The court's signed order: compact JWT (ES256K; SM2SM3 for an SM2 key) whose claims name the action id, chain,
   * kind, target and amount (the adapter checks they match).
   */
  'orderJwt': (string);
  /**
   * Proof that the case or decision exists on the judicial chain.
   */
  'judicialProof': (_courtbridge_v1_JudicialProof__Output | null);
  /**
   * When the gateway accepted the action, unix ms.
   */
  'acceptedAtMs': (number);
}

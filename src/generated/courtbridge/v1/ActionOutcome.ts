// Original file: courtbridge/v1/action_service.proto

import type { ActionResult as _courtbridge_v1_ActionResult, ActionResult__Output as _courtbridge_v1_ActionResult__Output } from '../../courtbridge/v1/ActionResult.js';
import type { Envelope as _courtbridge_v1_Envelope, Envelope__Output as _courtbridge_v1_Envelope__Output } from '../../courtbridge/v1/Envelope.js';
import type { ProofBundle as _courtbridge_v1_ProofBundle, ProofBundle__Output as _courtbridge_v1_ProofBundle__Output } from '../../courtbridge/v1/ProofBundle.js';

/**
 * The chain's signed answer to an action: the adapter's "action.result" envelope as received,
 * and the result it carries.
 * Spec: docs/spec/action.md
 */
export interface ActionOutcome {
  /**
   * The result, decoded from `signed_result.body`.
   */
  'result'?: (_courtbridge_v1_ActionResult | null);
  /**
   * The adapter's envelope exactly as received (its signature re-verifies).
   */
  'signedResult'?: (_courtbridge_v1_Envelope | null);
  /**
   * The new state proven against a verified header, assembled by the gateway.
   */
  'newState'?: (_courtbridge_v1_ProofBundle | null);
}

/**
 * The chain's signed answer to an action: the adapter's "action.result" envelope as received,
 * and the result it carries.
 * Spec: docs/spec/action.md
 */
export interface ActionOutcome__Output {
  /**
   * The result, decoded from `signed_result.body`.
   */
  'result': (_courtbridge_v1_ActionResult__Output | null);
  /**
   * The adapter's envelope exactly as received (its signature re-verifies).
   */
  'signedResult': (_courtbridge_v1_Envelope__Output | null);
  /**
   * The new state proven against a verified header, assembled by the gateway.
   */
  'newState': (_courtbridge_v1_ProofBundle__Output | null);
}

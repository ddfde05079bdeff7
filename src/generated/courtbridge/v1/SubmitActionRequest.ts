// Original file: courtbridge/v1/action_service.proto

import type { ActionKind as _courtbridge_v1_ActionKind, ActionKind__Output as _courtbridge_v1_ActionKind__Output } from '../../courtbridge/v1/ActionKind.js';
import type { ActionTarget as _courtbridge_v1_ActionTarget, ActionTarget__Output as _courtbridge_v1_ActionTarget__Output } from '../../courtbridge/v1/ActionTarget.js';
import type { JudicialProof as _courtbridge_v1_JudicialProof, JudicialProof__Output as _courtbridge_v1_JudicialProof__Output } from '../../courtbridge/v1/JudicialProof.js';

export interface SubmitActionRequest {
  /**
   * Idempotency id chosen by the court (1 to 128 characters of [A-Za-z0-9._:-]).
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
   * Amount in minor units as a decimal string; empty when none.
   */
  'amount'?: (string);
  /**
   * The court's signed order, compact JWT (ES256K; SM2SM3 for an SM2 key); its claims must equal the fields above.
   */
  'orderJwt'?: (string);
  /**
   * The case or decision on the judicial chain that justifies the order.
   */
  'judicialProof'?: (_courtbridge_v1_JudicialProof | null);
}

export interface SubmitActionRequest__Output {
  /**
   * Idempotency id chosen by the court (1 to 128 characters of [A-Za-z0-9._:-]).
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
   * Amount in minor units as a decimal string; empty when none.
   */
  'amount': (string);
  /**
   * The court's signed order, compact JWT (ES256K; SM2SM3 for an SM2 key); its claims must equal the fields above.
   */
  'orderJwt': (string);
  /**
   * The case or decision on the judicial chain that justifies the order.
   */
  'judicialProof': (_courtbridge_v1_JudicialProof__Output | null);
}

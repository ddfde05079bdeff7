// Original file: courtbridge/v1/action_service.proto

import type { ActionKind as _courtbridge_v1_ActionKind, ActionKind__Output as _courtbridge_v1_ActionKind__Output } from '../../courtbridge/v1/ActionKind.js';
import type { ActionTarget as _courtbridge_v1_ActionTarget, ActionTarget__Output as _courtbridge_v1_ActionTarget__Output } from '../../courtbridge/v1/ActionTarget.js';
import type { ActionStatus as _courtbridge_v1_ActionStatus, ActionStatus__Output as _courtbridge_v1_ActionStatus__Output } from '../../courtbridge/v1/ActionStatus.js';
import type { ActionOutcome as _courtbridge_v1_ActionOutcome, ActionOutcome__Output as _courtbridge_v1_ActionOutcome__Output } from '../../courtbridge/v1/ActionOutcome.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The gateway's record of an action.
 */
export interface Action {
  /**
   * Idempotency id.
   */
  'actionId'?: (string);
  /**
   * Chain acted on.
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
   * Amount in minor units, decimal string.
   */
  'amount'?: (string);
  /**
   * Case id from the judicial proof.
   */
  'caseId'?: (string);
  /**
   * DID of the ordering court.
   */
  'courtDid'?: (string);
  /**
   * The court's signed order as submitted.
   */
  'orderJwt'?: (string);
  /**
   * Current status.
   */
  'status'?: (_courtbridge_v1_ActionStatus);
  /**
   * snake_case reason for REJECTED or FAILED.
   */
  'reason'?: (string);
  /**
   * When the gateway accepted it, unix ms.
   */
  'submittedAtMs'?: (number | string | Long);
  /**
   * When the status last changed, unix ms.
   */
  'updatedAtMs'?: (number | string | Long);
  /**
   * Deliveries attempted so far.
   */
  'attempts'?: (number);
  /**
   * The signed result, once the adapter sent one.
   */
  'outcome'?: (_courtbridge_v1_ActionOutcome | null);
}

/**
 * The gateway's record of an action.
 */
export interface Action__Output {
  /**
   * Idempotency id.
   */
  'actionId': (string);
  /**
   * Chain acted on.
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
   * Amount in minor units, decimal string.
   */
  'amount': (string);
  /**
   * Case id from the judicial proof.
   */
  'caseId': (string);
  /**
   * DID of the ordering court.
   */
  'courtDid': (string);
  /**
   * The court's signed order as submitted.
   */
  'orderJwt': (string);
  /**
   * Current status.
   */
  'status': (_courtbridge_v1_ActionStatus__Output);
  /**
   * snake_case reason for REJECTED or FAILED.
   */
  'reason': (string);
  /**
   * When the gateway accepted it, unix ms.
   */
  'submittedAtMs': (number);
  /**
   * When the status last changed, unix ms.
   */
  'updatedAtMs': (number);
  /**
   * Deliveries attempted so far.
   */
  'attempts': (number);
  /**
   * The signed result, once the adapter sent one.
   */
  'outcome': (_courtbridge_v1_ActionOutcome__Output | null);
}

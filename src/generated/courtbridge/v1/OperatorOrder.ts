// Original file: courtbridge/v1/chain.proto

import type { OperatorOperation as _courtbridge_v1_OperatorOperation, OperatorOperation__Output as _courtbridge_v1_OperatorOperation__Output } from '../../courtbridge/v1/OperatorOperation.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The order admins approve. Each AdminApproval signs
 * signingInput("courtbridge/v1/operator-order", deterministic protobuf of this message): fields
 * in number order, default-valued fields left out (the page gives the bytes and the checks).
 * Spec: docs/spec/action.md
 */
export interface OperatorOrder {
  /**
   * What to do; must match the RPC it is sent to (`operation_mismatch`).
   */
  'operation'?: (_courtbridge_v1_OperatorOperation);
  /**
   * Chain it applies to.
   */
  'chainId'?: (string);
  /**
   * Why, in words (goes to the audit log).
   */
  'reason'?: (string);
  /**
   * When the order was issued, unix ms; an order older than the gateway's order window, or
   * more than 30 s ahead of its clock, is FAILED_PRECONDITION `stale_order`.
   */
  'issuedAtMs'?: (number | string | Long);
  /**
   * Random 16 bytes; an order is executed once (replays are ALREADY_EXISTS `order_replayed`).
   */
  'nonce'?: (Buffer | Uint8Array | string);
  /**
   * For UNFREEZE_CHAIN: hash of the header to trust from now on (32 bytes).
   */
  'trustedHeaderHash'?: (Buffer | Uint8Array | string);
}

/**
 * The order admins approve. Each AdminApproval signs
 * signingInput("courtbridge/v1/operator-order", deterministic protobuf of this message): fields
 * in number order, default-valued fields left out (the page gives the bytes and the checks).
 * Spec: docs/spec/action.md
 */
export interface OperatorOrder__Output {
  /**
   * What to do; must match the RPC it is sent to (`operation_mismatch`).
   */
  'operation': (_courtbridge_v1_OperatorOperation__Output);
  /**
   * Chain it applies to.
   */
  'chainId': (string);
  /**
   * Why, in words (goes to the audit log).
   */
  'reason': (string);
  /**
   * When the order was issued, unix ms; an order older than the gateway's order window, or
   * more than 30 s ahead of its clock, is FAILED_PRECONDITION `stale_order`.
   */
  'issuedAtMs': (number);
  /**
   * Random 16 bytes; an order is executed once (replays are ALREADY_EXISTS `order_replayed`).
   */
  'nonce': (Buffer);
  /**
   * For UNFREEZE_CHAIN: hash of the header to trust from now on (32 bytes).
   */
  'trustedHeaderHash': (Buffer);
}

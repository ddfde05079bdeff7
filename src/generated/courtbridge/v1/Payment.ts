// Original file: courtbridge/v1/mediation.proto

import type { CreditorRank as _courtbridge_v1_CreditorRank, CreditorRank__Output as _courtbridge_v1_CreditorRank__Output } from '../../courtbridge/v1/CreditorRank.js';
import type { PaymentStatus as _courtbridge_v1_PaymentStatus, PaymentStatus__Output as _courtbridge_v1_PaymentStatus__Output } from '../../courtbridge/v1/PaymentStatus.js';

/**
 * One payment of the distribution: from the court's custody account to a creditor's account.
 */
export interface Payment {
  /**
   * The obligation it pays.
   */
  'obligationId'?: (string);
  /**
   * The creditor's rank.
   */
  'creditorRank'?: (_courtbridge_v1_CreditorRank);
  /**
   * Amount, minor units, decimal string.
   */
  'amount'?: (string);
  /**
   * The payee account on the finance chain (as the signed instrument names it).
   */
  'payeeAccount'?: (string);
  /**
   * The `disburse` action id (empty when held).
   */
  'actionId'?: (string);
  /**
   * Planned, ordering, executed or held.
   */
  'status'?: (_courtbridge_v1_PaymentStatus);
}

/**
 * One payment of the distribution: from the court's custody account to a creditor's account.
 */
export interface Payment__Output {
  /**
   * The obligation it pays.
   */
  'obligationId': (string);
  /**
   * The creditor's rank.
   */
  'creditorRank': (_courtbridge_v1_CreditorRank__Output);
  /**
   * Amount, minor units, decimal string.
   */
  'amount': (string);
  /**
   * The payee account on the finance chain (as the signed instrument names it).
   */
  'payeeAccount': (string);
  /**
   * The `disburse` action id (empty when held).
   */
  'actionId': (string);
  /**
   * Planned, ordering, executed or held.
   */
  'status': (_courtbridge_v1_PaymentStatus__Output);
}

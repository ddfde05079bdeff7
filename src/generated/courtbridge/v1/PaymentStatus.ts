// Original file: courtbridge/v1/mediation.proto

/**
 * Where a payment to a creditor stands.
 */
export const PaymentStatus = {
  /**
   * Never valid.
   */
  PAYMENT_STATUS_UNSPECIFIED: 'PAYMENT_STATUS_UNSPECIFIED',
  /**
   * Planned by the distribution, not yet ordered.
   */
  PAYMENT_STATUS_PLANNED: 'PAYMENT_STATUS_PLANNED',
  /**
   * Ordered (the order credential is fixed); its execution is not yet recorded.
   */
  PAYMENT_STATUS_ORDERING: 'PAYMENT_STATUS_ORDERING',
  /**
   * Executed on the finance chain (proven) and credited to the obligation.
   */
  PAYMENT_STATUS_EXECUTED: 'PAYMENT_STATUS_EXECUTED',
  /**
   * The creditor's share stays in custody: the instrument names no payee account.
   */
  PAYMENT_STATUS_HELD: 'PAYMENT_STATUS_HELD',
} as const;

/**
 * Where a payment to a creditor stands.
 */
export type PaymentStatus =
  /**
   * Never valid.
   */
  | 'PAYMENT_STATUS_UNSPECIFIED'
  | 0
  /**
   * Planned by the distribution, not yet ordered.
   */
  | 'PAYMENT_STATUS_PLANNED'
  | 1
  /**
   * Ordered (the order credential is fixed); its execution is not yet recorded.
   */
  | 'PAYMENT_STATUS_ORDERING'
  | 2
  /**
   * Executed on the finance chain (proven) and credited to the obligation.
   */
  | 'PAYMENT_STATUS_EXECUTED'
  | 3
  /**
   * The creditor's share stays in custody: the instrument names no payee account.
   */
  | 'PAYMENT_STATUS_HELD'
  | 4

/**
 * Where a payment to a creditor stands.
 */
export type PaymentStatus__Output = typeof PaymentStatus[keyof typeof PaymentStatus]

// Original file: courtbridge/v1/mediation.proto

/**
 * A creditor's rank in the distribution of deducted funds (art. 16 of the opinions): the ranks
 * are paid in the configured order (default secured, preferential, ordinary), pro rata within one.
 */
export const CreditorRank = {
  /**
   * An ordinary creditor (the default).
   */
  CREDITOR_RANK_UNSPECIFIED: 'CREDITOR_RANK_UNSPECIFIED',
  /**
   * A secured creditor (mortgage, pledge, lien on the enforced asset).
   */
  CREDITOR_RANK_SECURED: 'CREDITOR_RANK_SECURED',
  /**
   * A preferential claim: wages, social insurance, taxes.
   */
  CREDITOR_RANK_PREFERENTIAL: 'CREDITOR_RANK_PREFERENTIAL',
} as const;

/**
 * A creditor's rank in the distribution of deducted funds (art. 16 of the opinions): the ranks
 * are paid in the configured order (default secured, preferential, ordinary), pro rata within one.
 */
export type CreditorRank =
  /**
   * An ordinary creditor (the default).
   */
  | 'CREDITOR_RANK_UNSPECIFIED'
  | 0
  /**
   * A secured creditor (mortgage, pledge, lien on the enforced asset).
   */
  | 'CREDITOR_RANK_SECURED'
  | 1
  /**
   * A preferential claim: wages, social insurance, taxes.
   */
  | 'CREDITOR_RANK_PREFERENTIAL'
  | 2

/**
 * A creditor's rank in the distribution of deducted funds (art. 16 of the opinions): the ranks
 * are paid in the configured order (default secured, preferential, ordinary), pro rata within one.
 */
export type CreditorRank__Output = typeof CreditorRank[keyof typeof CreditorRank]

/**
 * Why the finance contracts refuse a credit-card or loan-approval tx (adapters/finance/card-contract.ts,
 * contract.ts), beside the shared contract reasons (adapters/sdk/reasons.ts `ContractRefusal`).
 */
export type FinanceContractRefusal =
  /** A loan names an approval that was declined. */
  | 'approval_declined'
  /** A loan's borrower or lender is not its approval's applicant or lender. */
  | 'approval_mismatch'
  /** The approval already backs another loan. */
  | 'approval_used'
  /** A charge or a limit change on a card in default. */
  | 'card_in_default'
  /** A new card limit below the balance owed. */
  | 'limit_below_balance'
  /** A loan registered without an approval, or naming one that does not exist. */
  | 'no_approval'
  /** A card marked in default while nothing is past due. */
  | 'not_overdue'
  /** A loan above its approval's amount or beyond its term. */
  | 'over_approval'
  /** A charge that would take the balance owed over the card's limit. */
  | 'over_limit';

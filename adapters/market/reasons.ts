/**
 * Reasons of the market regulation chain's contracts (adapters/market), besides the shared ones
 * (adapters/sdk/reasons.ts: `record_exists`, `not_frozen`, `already_seized`, ...). `Reason`
 * (src/errors.ts) includes this union. A new reason: add it here, then throw it.
 */
export type MarketReason =
  /** An enterprise's stakes do not sum to 10,000 basis points (at registration, or after a change). */
  | 'shares_not_summing'
  /** The founding shareholders' subscribed contributions do not sum to the registered capital. */
  | 'capital_mismatch'
  /** A transfer would move a part of the stake that a court has frozen. */
  | 'equity_frozen'
  /** A transfer would move a part of the stake that is pledged. */
  | 'equity_pledged'
  /** A transfer to the same holder, or of more than the stake holds. */
  | 'invalid_transfer'
  /** A transfer leaves a stake with contribution and no share, or a share and no contribution. */
  | 'share_mismatch'
  /** A pledge registration number already used on the stake or receipt. */
  | 'already_pledged'
  /** No pledge with that registration number on the stake. */
  | 'not_pledged'
  /** A movable or receipt under a court seizure takes no new mortgage or pledge. */
  | 'asset_seized';

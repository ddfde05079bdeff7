/**
 * Why the data-trading contract refuses a tx (adapters/data/contract.ts), beside the shared
 * contract reasons (adapters/sdk/reasons.ts `ContractRefusal`: `asset_frozen`, `already_frozen`, ...).
 */
export type DataContractRefusal =
  /** A licence that overlaps an exclusive one (or an exclusive one overlapping any) in scope, territory and period. */
  | 'exclusive_conflict'
  /** A licence beyond what the asset's terms (or the seller's own licence) allow. */
  | 'licence_out_of_terms'
  /** The seller is neither the asset's owner nor the holder of a licence of it. */
  | 'not_licensor'
  /** A sublicence where the asset's terms or the seller's licence do not allow sublicensing. */
  | 'sublicence_not_allowed';

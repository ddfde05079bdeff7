/**
 * Rule checks for sensitive operations (issue 6: "freeze, deduct pass a rule check before they
 * are ordered: amount caps, the order's legal basis recorded, no freeze beyond the debt"). Pure;
 * the result names every rule it checked, and is written into the audit entry of the order.
 */
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { ActionRecordJson, CaseStateJson } from './case-state.js';

export type RuleName = 'legal_basis_recorded' | 'asset_investigated' | 'within_amount_cap' | 'within_asset_value' | 'within_debt';

export type RuleRejection = 'legal_basis_missing' | 'asset_not_investigated' | 'amount_cap_exceeded' | 'amount_exceeds_asset' | 'freeze_beyond_debt';

export interface EnforcementPolicy {
  /** Largest amount a single automatic order may freeze or seize, cents. */
  maxOrderCents: bigint;
  /** Statutory basis cited in every order. */
  legalBasis: string;
  /** Lifetime of an order credential, ms (at most an hour: DEFAULT_MAX_LIFETIME_MS.order). */
  orderLifetimeMs: number;
}

export interface RuleCheckEvidence {
  passed: RuleName[];
  /** Sum covered by this and earlier sensitive actions, cents, against the debt. */
  coveredCents: string;
  debtCents: string;
}

/** Steps that take assets: they pass the rule check. */
export const SENSITIVE_STEPS: ReadonlySet<string> = new Set(['freeze', 'seize']);

const refuse = (reason: RuleRejection, message: string): never => {
  throw new CourtbridgeError(ErrorCode.FailedPrecondition, reason, `rule check: ${message}`, { details: { rule: reason } });
};

/** @throws CourtbridgeError FAILED_PRECONDITION with a `RuleRejection` reason */
export function checkSensitiveAction(s: CaseStateJson, a: ActionRecordJson, policy: EnforcementPolicy): RuleCheckEvidence {
  const e = s.enforcement!;
  if (a.legalBasis.trim().length === 0) refuse('legal_basis_missing', `order ${a.orderId} cites no legal basis`);
  const item = e.investigation?.items.find((i) => i.chainId === a.chainId && i.target === a.target && i.bundle === a.basisBundle);
  if (!item) refuse('asset_not_investigated', `${a.chainId}/${a.target} was not found by the investigation with a proof`);
  const amount = a.amountCents === '' ? 0n : BigInt(a.amountCents);
  const covers = BigInt(a.coversCents);
  if (amount > policy.maxOrderCents || covers > policy.maxOrderCents) refuse('amount_cap_exceeded', `${covers} cents exceeds the cap of ${policy.maxOrderCents}`);
  if (amount > BigInt(item!.valueCents)) refuse('amount_exceeds_asset', `${amount} cents exceeds the asset's ${item!.valueCents}`);
  let total = 0n;
  for (const other of Object.values(s.actions)) if (SENSITIVE_STEPS.has(other.step)) total += BigInt(other.coversCents);
  if (!s.actions[a.actionId]) total += covers;
  if (total > BigInt(e.debtCents)) refuse('freeze_beyond_debt', `orders would cover ${total} cents of a ${e.debtCents} cent debt`);
  return { passed: ['legal_basis_recorded', 'asset_investigated', 'within_amount_cap', 'within_asset_value', 'within_debt'], coveredCents: total.toString(), debtCents: e.debtCents };
}

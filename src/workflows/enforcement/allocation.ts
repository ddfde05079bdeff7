/**
 * Which assets to enforce against, and for how much ("freezes/seizures up to the
 * amount owed, accounts first, then property, then IP, in a documented order"). Pure.
 *
 * Order: domains in `ENFORCEMENT_ORDER` (finance, property, equity, ip); within a domain, by target
 * id (deterministic). Accounts and equity stakes are frozen for `min(available, remaining)` (partial freeze);
 * property and IP items are seized/frozen whole and count `min(value, remaining)` toward the
 * debt. Assets worth nothing are skipped. Allocation stops once the debt is covered, so no
 * freeze goes beyond the debt. If the assets fall short, credit punishment follows (listing on
 * the dishonest-debtor list, then a high-consumption restriction).
 */
import { ENFORCEMENT_ORDER, type AssetDomain } from '../ports.js';
import type { InvestigatedItemJson } from './case-state.js';

export interface Allocation {
  item: InvestigatedItemJson;
  /** Cents to put in the order ("" when the item is taken whole). */
  amountCents: bigint | undefined;
  /** Cents of the debt this item covers. */
  coversCents: bigint;
}

export interface AllocationResult {
  allocations: Allocation[];
  coveredCents: bigint;
  /** `covered`: the assets cover the debt; `shortfall`: credit punishment follows. */
  verdict: 'covered' | 'shortfall';
}

/** How each domain takes an asset: by amount (accounts) or whole (titles, rights). */
export const AMOUNT_MODE: Readonly<Record<AssetDomain, 'partial' | 'whole'>> = {
  finance: 'partial',
  property: 'whole',
  // A stake is frozen for the contribution the debt needs, not whole (股权冻结 by amount).
  equity: 'partial',
  ip: 'whole',
};

export function allocate(debtCents: bigint, items: readonly InvestigatedItemJson[]): AllocationResult {
  const rank = (d: AssetDomain): number => ENFORCEMENT_ORDER.indexOf(d);
  const sorted = [...items].sort(
    (a, b) =>
      rank(a.domain) - rank(b.domain) ||
      (a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : 0) ||
      (a.target < b.target ? -1 : a.target > b.target ? 1 : 0),
  );
  const allocations: Allocation[] = [];
  let remaining = debtCents;
  for (const item of sorted) {
    if (remaining <= 0n) break;
    const value = BigInt(item.valueCents);
    if (value <= 0n) continue;
    const covers = value < remaining ? value : remaining;
    allocations.push({ item, amountCents: AMOUNT_MODE[item.domain] === 'partial' ? covers : undefined, coversCents: covers });
    remaining -= covers;
  }
  return { allocations, coveredCents: debtCents - remaining, verdict: remaining > 0n ? 'shortfall' : 'covered' };
}

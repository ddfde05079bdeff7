/**
 * How deducted funds in the court's custody are shared among the creditors of the case (art. 16
 * of the opinions: deducted funds are distributed by priority, pro rata within one rank). Pure.
 *
 * Ranks are paid in `rankOrder` (default `DEFAULT_RANK_ORDER`: secured, then preferential —
 * wages, social insurance, taxes — then ordinary). A rank is paid in full before the next gets
 * anything. The first rank that cannot be paid in full shares what is left pro rata by the amount
 * each creditor is still owed, in integer cents: each gets floor(left * owed / rankOwed), and the
 * cents that flooring leaves over go one each to the largest remainders (ties: the smaller
 * obligation id, by code unit), so the shares add up to exactly what was available. Ranks after
 * it get nothing.
 */
import { CREDITOR_RANKS, type CreditorRank } from './agreement.js';

/** The default priority: secured creditors, then preferential claims, then ordinary ones. */
export const DEFAULT_RANK_ORDER: readonly CreditorRank[] = ['secured', 'preferential', 'ordinary'];

/** The rule as the audit entry names it. */
export const DISTRIBUTION_RULE = '按受偿顺位分配，同一顺位按债权比例分配（最大余数法分配尾差）';

export interface Claim {
  obligationId: string;
  rank: CreditorRank;
  /** What the obligation is still owed, cents. */
  owedCents: bigint;
}

export interface Share {
  obligationId: string;
  rank: CreditorRank;
  amountCents: bigint;
}

export interface DistributionResult {
  /** One share per claim owed anything, in rank order then obligation id; a share may be 0. */
  shares: Share[];
  /** The sum of the shares: min(available, total owed). */
  paidCents: bigint;
  /** `paid_in_full`: every claim is paid; `shortfall`: some claim keeps a balance. */
  verdict: 'paid_in_full' | 'shortfall';
}

/**
 * A rank order names each rank exactly once.
 * @throws Error naming what is wrong (configuration is checked where it enters: workflows-config.ts)
 */
export function checkRankOrder(order: readonly string[]): readonly CreditorRank[] {
  if (
    order.length !== CREDITOR_RANKS.length ||
    new Set(order).size !== order.length ||
    !order.every((r) => CREDITOR_RANKS.includes(r as CreditorRank))
  )
    throw new Error(`rank order: expected each of ${CREDITOR_RANKS.join(', ')} exactly once, got ${order.join(', ')}`);
  return order as readonly CreditorRank[];
}

const byId = (a: { obligationId: string }, b: { obligationId: string }): number =>
  a.obligationId < b.obligationId ? -1 : a.obligationId > b.obligationId ? 1 : 0;

export function distribute(
  availableCents: bigint,
  claims: readonly Claim[],
  rankOrder: readonly CreditorRank[] = DEFAULT_RANK_ORDER,
): DistributionResult {
  checkRankOrder(rankOrder);
  if (availableCents < 0n) throw new Error('distribute: available cents must not be negative');
  let left = availableCents;
  const shares: Share[] = [];
  let shortfall = false;
  for (const rank of rankOrder) {
    const group = claims.filter((c) => c.rank === rank && c.owedCents > 0n).sort(byId);
    const owed = group.reduce((s, c) => s + c.owedCents, 0n);
    if (owed <= left) {
      for (const c of group) shares.push({ obligationId: c.obligationId, rank, amountCents: c.owedCents });
      left -= owed;
      continue;
    }
    shortfall = true;
    // Pro rata: floor shares, then the cents left over to the largest remainders.
    const budget = left;
    const parts = group.map((c) => ({ c, amount: (budget * c.owedCents) / owed, remainder: (budget * c.owedCents) % owed }));
    let spare = budget - parts.reduce((s, p) => s + p.amount, 0n);
    const byRemainder = [...parts].sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : byId(a.c, b.c)));
    for (const p of byRemainder) {
      if (spare === 0n) break;
      p.amount += 1n;
      spare -= 1n;
    }
    for (const p of parts) shares.push({ obligationId: p.c.obligationId, rank, amountCents: p.amount });
    left = 0n;
  }
  return { shares, paidCents: availableCents - left, verdict: shortfall ? 'shortfall' : 'paid_in_full' };
}

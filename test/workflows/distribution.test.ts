/**
 * The distribution rule (src/workflows/enforcement/distribution.ts): ranks in order, pro rata
 * within the rank that falls short, integer cents, largest remainder, ties by obligation id.
 */
import { describe, expect, it } from 'vitest';
import { checkRankOrder, distribute, type Claim } from '../../src/workflows/enforcement/distribution.js';

const c = (obligationId: string, rank: Claim['rank'], owed: bigint): Claim => ({ obligationId, rank, owedCents: owed });
const paid = (r: ReturnType<typeof distribute>): Record<string, bigint> =>
  Object.fromEntries(r.shares.map((s) => [s.obligationId, s.amountCents]));

describe('distribution of deducted funds', () => {
  const three = [c('wages', 'preferential', 300n), c('bank', 'secured', 500n), c('supplier', 'ordinary', 700n)];

  const table: { name: string; available: bigint; claims: Claim[]; order?: Claim['rank'][]; want: Record<string, bigint> }[] = [
    { name: 'exact: every claim in full', available: 1500n, claims: three, want: { bank: 500n, wages: 300n, supplier: 700n } },
    {
      name: 'more than owed: every claim in full, the rest stays',
      available: 2000n,
      claims: three,
      want: { bank: 500n, wages: 300n, supplier: 700n },
    },
    { name: 'zero: nothing to anyone', available: 0n, claims: three, want: { bank: 0n, wages: 0n, supplier: 0n } },
    { name: 'one cent: to the secured creditor', available: 1n, claims: three, want: { bank: 1n, wages: 0n, supplier: 0n } },
    { name: 'shortfall in the second rank', available: 600n, claims: three, want: { bank: 500n, wages: 100n, supplier: 0n } },
    {
      name: 'three creditors, two ranks: pro rata within the short rank',
      available: 1000n,
      claims: [c('A', 'secured', 400n), c('B', 'ordinary', 400n), c('C', 'ordinary', 800n)],
      // 600 left for B:C = 1:2 -> 200, 400
      want: { A: 400n, B: 200n, C: 400n },
    },
    {
      name: 'remainder cents to the largest remainders',
      available: 100n,
      claims: [c('x', 'ordinary', 3n), c('y', 'ordinary', 3n), c('z', 'ordinary', 3n), c('w', 'ordinary', 300n)],
      // 100 * 3 / 309 = 0.97 each (x, y, z), 100 * 300 / 309 = 97.08 (w): floors 0,0,0,97 = 97; 3 cents to x, y, z.
      want: { w: 97n, x: 1n, y: 1n, z: 1n },
    },
    {
      name: 'ties broken by obligation id',
      available: 1n,
      claims: [c('b', 'ordinary', 5n), c('a', 'ordinary', 5n), c('c', 'ordinary', 5n)],
      want: { a: 1n, b: 0n, c: 0n },
    },
    {
      name: 'rank order reconfigured: preferential before secured',
      available: 600n,
      claims: three,
      order: ['preferential', 'secured', 'ordinary'],
      want: { wages: 300n, bank: 300n, supplier: 0n },
    },
    {
      name: 'claims already paid are left out',
      available: 10n,
      claims: [c('done', 'secured', 0n), c('open', 'ordinary', 50n)],
      want: { open: 10n },
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const r = distribute(t.available, t.claims, t.order);
      expect(paid(r)).toEqual(t.want);
      const owed = t.claims.reduce((s, x) => s + x.owedCents, 0n);
      // biome-ignore lint/complexity/useMathMinMax: cents are bigint, which Math.min does not take
      const expected = t.available < owed ? t.available : owed;
      // The shares add up to exactly what is available (or what is owed), never more than a claim.
      expect(r.shares.reduce((s, x) => s + x.amountCents, 0n)).toBe(expected);
      expect(r.paidCents).toBe(expected);
      for (const s of r.shares)
        expect(s.amountCents).toBeLessThanOrEqual(t.claims.find((x) => x.obligationId === s.obligationId)!.owedCents);
      expect(r.verdict).toBe(t.available >= owed ? 'paid_in_full' : 'shortfall');
    });
  }

  it('pays ranks in order: shares listed by rank then obligation id', () => {
    expect(distribute(1500n, three).shares.map((s) => s.obligationId)).toEqual(['bank', 'wages', 'supplier']);
  });

  it('is exact for large amounts and many creditors', () => {
    const claims = Array.from({ length: 37 }, (_, i) => c(`o${String(i).padStart(2, '0')}`, 'ordinary', BigInt(1_000_003 * (i + 1))));
    const r = distribute(123_456_789n, claims);
    expect(r.shares.reduce((s, x) => s + x.amountCents, 0n)).toBe(123_456_789n);
  });

  it('refuses a rank order that misses or repeats a rank', () => {
    expect(() => checkRankOrder(['secured', 'ordinary'])).toThrow(/exactly once/);
    expect(() => checkRankOrder(['secured', 'secured', 'ordinary'])).toThrow(/exactly once/);
    expect(() => checkRankOrder(['secured', 'preferential', 'wages'])).toThrow(/exactly once/);
    expect(() => distribute(1n, three, ['ordinary'])).toThrow(/exactly once/);
  });
});

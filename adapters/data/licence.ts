/**
 * How licences compare (pure): whether one lies within another (a licence within the asset's terms,
 * a sublicence within its seller's licence) and whether two overlap (the exclusivity rule). A
 * territory covers itself and its subdivisions (`CN` covers `CN-BJ`); periods are [fromMs, untilMs).
 */
import type { Licence, LicenceTerms } from './schema.js';

/** Whether territory `outer` covers `inner` (the same, or a subdivision of it). */
export const covers = (outer: string, inner: string): boolean => outer === inner || inner.startsWith(`${outer}-`);

/** What `inner` grants beyond `outer`, one phrase per excess; empty when it lies within. */
export function excessOver(inner: Licence, outer: Licence): string[] {
  const out: string[] = [];
  const scope = inner.scope.filter((s) => !outer.scope.includes(s));
  if (scope.length > 0) out.push(`scope ${scope.join(', ')} not granted`);
  const land = inner.territory.filter((t) => !outer.territory.some((o) => covers(o, t)));
  if (land.length > 0) out.push(`territory ${land.join(', ')} not granted`);
  if (inner.fromMs < outer.fromMs || inner.untilMs > outer.untilMs) out.push('period outside the one granted');
  if (inner.exclusivity === 'exclusive' && outer.exclusivity !== 'exclusive') out.push('exclusive where only non-exclusive is granted');
  if (inner.sublicensing === 'allowed' && outer.sublicensing !== 'allowed') out.push('sublicensing where none is allowed');
  return out;
}

/** `excessOver` against an asset's terms, with its price: a licence from the owner costs at least the terms' price. */
export function excessOverTerms(licence: Licence, priceCents: string, terms: LicenceTerms): string[] {
  const out = excessOver(licence, terms);
  if (BigInt(priceCents) < BigInt(terms.priceCents)) out.push(`price ${priceCents} cents below the terms' ${terms.priceCents}`);
  return out;
}

/** Whether two licences overlap: a common use, in a common territory, for a common instant. */
export function overlaps(a: Licence, b: Licence): boolean {
  return (
    a.fromMs < b.untilMs &&
    b.fromMs < a.untilMs &&
    a.scope.some((s) => b.scope.includes(s)) &&
    a.territory.some((x) => b.territory.some((y) => covers(x, y) || covers(y, x)))
  );
}

/**
 * How amounts and times read for the people who use courtbridge (Chinese courts, agencies and
 * parties): money as 元 with two decimals and thousands separators, times in Beijing time with
 * the zone named. Pure; used where text is written for a person (audit entry details, the demo).
 */

/** `800000000` cents -> `8,000,000.00 元`. @throws SyntaxError on a value that is not an integer */
export function yuan(cents: bigint | string | number): string {
  const c = BigInt(cents);
  const sign = c < 0n ? '-' : '';
  const abs = c < 0n ? -c : c;
  return `${sign}${(abs / 100n).toLocaleString('en-US')}.${(abs % 100n).toString().padStart(2, '0')} 元`;
}

/** Unix ms -> `2026-12-05 08:30:12 北京时间` (UTC+8, which has no daylight saving). */
export function beijingTime(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} 北京时间`;
}

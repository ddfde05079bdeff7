/** Amounts and times as people read them: 元 with two decimals, Beijing time with the zone named. */
import { describe, expect, it } from 'vitest';
import { beijingTime, yuan } from '../../src/workflows/display.js';

describe('display', () => {
  it('money is 元 with two decimals and thousands separators, from cents of any integer form', () => {
    expect(yuan(800_000_000n)).toBe('8,000,000.00 元');
    expect(yuan('3500000')).toBe('35,000.00 元');
    expect(yuan(5)).toBe('0.05 元');
    expect(yuan(0n)).toBe('0.00 元');
    expect(yuan(-1234n)).toBe('-12.34 元');
    expect(() => yuan('12.5')).toThrow(SyntaxError);
  });

  it('times are Beijing time (UTC+8), to the second, with the zone named', () => {
    expect(beijingTime(Date.UTC(2026, 11, 4, 23, 30, 12, 999))).toBe('2026-12-05 07:30:12 北京时间');
    expect(beijingTime(0)).toBe('1970-01-01 08:00:00 北京时间');
  });
});

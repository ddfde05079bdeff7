/** eventually(): passes on the first good try, returns what the probe found, and fails naming the last error. */
import { describe, expect, it } from 'vitest';
import { eventually, EventuallyTimeout } from './eventually.js';

describe('eventually', () => {
  it('retries a predicate until it holds and an assertion until it stops throwing', async () => {
    let n = 0;
    await eventually(() => ++n >= 3, { intervalMs: 1 });
    expect(n).toBe(3);
    let m = 0;
    await eventually(() => expect(++m).toBe(2), { intervalMs: 1 });
    expect(m).toBe(2);
  });

  it('returns what a lookup found', async () => {
    const seen: string[] = [];
    const found = await eventually(
      () => {
        seen.push('x');
        return seen.length === 2 ? { id: 'r-1' } : false;
      },
      { intervalMs: 1 },
    );
    expect(found).toEqual({ id: 'r-1' });
  });

  it('fails after the timeout naming what was awaited, the tries and the last error', async () => {
    const e = await eventually(() => expect('open').toBe('frozen'), { timeoutMs: 30, intervalMs: 5, what: 'client frozen' }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(EventuallyTimeout);
    expect((e as Error).message).toMatch(
      /^eventually \(client frozen\): not satisfied within 30 ms after \d+ tries; last error: .*'open'.*'frozen'/s,
    );
    expect((e as Error).cause).toBeInstanceOf(Error);
    const f = await eventually(() => false, { timeoutMs: 10, intervalMs: 5 }).catch((x: unknown) => x);
    expect((f as Error).message).toContain('the probe returned false every time');
  });
});

/**
 * The verifier's options are checked where they enter: a wrong clock, skew or Authority is a
 * caller's bug, thrown as a TypeError naming the option (never a drop), for both entry points;
 * the boundary values (zero) are accepted.
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/encoding/bytes.js';
import type { CheckOptions } from '../../src/bus/envelope-verify.js';
import { freshSigner, loadBus } from './fixtures/fresh-bus.js';
import { DID, T0, memberTable } from './fixtures/member-table.js';

const authority = memberTable();

async function setup() {
  const bus = await loadBus();
  const wire = bus.encodeEnvelope(
    bus.sealEnvelope(freshSigner(bus, authority, DID.creditAdapter), 'header.announce', utf8('x'), T0, 'opt-1'),
  );
  const base: CheckOptions = { authority, nowMs: T0, maxAgeMs: 60_000, maxFutureSkewMs: 5_000, chain: 'credit' };
  const replay = { claim: () => Promise.resolve('fresh' as const) };
  /** The TypeError message both entry points throw for `opts`, or 'no error'. */
  const thrown = async (opts: CheckOptions): Promise<string> => {
    let sync = 'no error';
    try {
      bus.checkEnvelope(wire, opts);
    } catch (e) {
      sync = e instanceof TypeError ? e.message : `not a TypeError: ${String(e)}`;
    }
    let async_ = 'no error';
    try {
      await bus.openEnvelope(wire, { ...opts, replay });
    } catch (e) {
      async_ = e instanceof TypeError ? e.message : `not a TypeError: ${String(e)}`;
    }
    expect(async_).toBe(sync);
    return sync;
  };
  return { base, thrown };
}

const fn = () => ({ ok: true as const });

describe('envelope verifier options', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses nowMs %s', async (nowMs) => {
    const { base, thrown } = await setup();
    expect(await thrown({ ...base, nowMs })).toBe('options.nowMs: expected a non-negative integer');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxAgeMs %s', async (maxAgeMs) => {
    const { base, thrown } = await setup();
    expect(await thrown({ ...base, maxAgeMs })).toBe('options.maxAgeMs: expected a positive integer');
  });

  it.each([-1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY])('refuses maxFutureSkewMs %s', async (maxFutureSkewMs) => {
    const { base, thrown } = await setup();
    expect(await thrown({ ...base, maxFutureSkewMs })).toBe('options.maxFutureSkewMs: expected a non-negative integer');
  });

  it('accepts the boundaries: nowMs 0, maxAgeMs 1, maxFutureSkewMs 0', async () => {
    const { base, thrown } = await setup();
    expect(await thrown({ ...base, nowMs: 0 })).toBe('no error');
    expect(await thrown({ ...base, maxAgeMs: 1 })).toBe('no error');
    expect(await thrown({ ...base, maxFutureSkewMs: 0 })).toBe('no error');
  });

  it.each([
    { name: 'missing', authority: undefined },
    { name: 'null', authority: null },
    { name: 'empty', authority: {} },
    { name: 'without mayAct', authority: { keyAt: fn } },
    { name: 'without keyAt', authority: { mayAct: fn } },
    { name: 'keyAt not a function', authority: { keyAt: 'x', mayAct: fn } },
    { name: 'mayAct not a function', authority: { keyAt: fn, mayAct: 'x' } },
  ])('refuses an Authority $name', async ({ authority: a }) => {
    const { base, thrown } = await setup();
    expect(await thrown({ ...base, authority: a as unknown as CheckOptions['authority'] })).toBe(
      'options.authority: expected an Authority',
    );
  });
});

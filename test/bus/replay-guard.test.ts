import { describe, expect, it } from 'vitest';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';

describe('MemoryReplayGuard', () => {
  it('accepts an id once per sender within the window, again after it', async () => {
    const g = new MemoryReplayGuard({ windowMs: 1_000 });
    expect(await g.claim('did:a', 'm1', 0)).toBe('fresh');
    expect(await g.claim('did:a', 'm1', 999)).toBe('replayed');
    expect(await g.claim('did:b', 'm1', 999)).toBe('fresh'); // ids are scoped by sender
    expect(await g.claim('did:a', 'm1', 1_000)).toBe('fresh'); // window passed
  });

  it('is bounded: expired entries are swept, a full guard fails closed', () => {
    const g = new MemoryReplayGuard({ windowMs: 100, maxEntries: 2 });
    expect(g.claimSync('did:a', '1', 0)).toBe('fresh');
    expect(g.claimSync('did:a', '2', 10)).toBe('fresh');
    expect(g.claimSync('did:a', '3', 20)).toBe('unavailable');
    expect(g.claimSync('did:a', '1', 50)).toBe('replayed'); // a known id still answers replayed
    expect(g.claimSync('did:a', '3', 100)).toBe('fresh'); // '1' expired and was swept
    expect(g.size).toBe(2);
  });

  it('rejects bad options, naming them', () => {
    expect(() => new MemoryReplayGuard({ windowMs: 0 })).toThrow(/options\.windowMs/);
    expect(() => new MemoryReplayGuard({ windowMs: 1, maxEntries: -1 })).toThrow(/options\.maxEntries/);
    expect(() => new MemoryReplayGuard({ windowMs: 1, maxEntries: 0 })).toThrow(/options\.maxEntries/);
    expect(new MemoryReplayGuard({ windowMs: 1, maxEntries: 1 }).maxEntries).toBe(1);
  });

  it('an id that expired behind a live one (the clock stepped back) is fresh again, and does not count as new', () => {
    // The sweep stops at the first live entry, so after a clock step back an expired id can stay
    // in the map; the guard must still judge it by its expiry, exactly at the boundary too.
    const g = new MemoryReplayGuard({ windowMs: 100, maxEntries: 2 });
    expect(g.claimSync('did:a', 'late', 100)).toBe('fresh'); // expires at 200
    expect(g.claimSync('did:a', 'early', 50)).toBe('fresh'); // expires at 150, behind 'late'
    expect(g.size).toBe(2);
    // At 150 'early' has expired (an id is remembered for [first sight, first sight + window)).
    expect(g.claimSync('did:a', 'early', 150)).toBe('fresh');
    expect(g.size).toBe(2); // re-recorded in place: a full guard still takes a known expired id
    expect(g.claimSync('did:a', 'early', 151)).toBe('replayed');
  });
});

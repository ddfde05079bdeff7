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
  });
});

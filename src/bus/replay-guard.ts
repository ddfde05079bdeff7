/**
 * Replay protection: an envelope id is accepted once per sender within a window
 * (DESIGN.md "Transport"; receivers drop what is stale, and what is not stale is remembered).
 *
 * Window rule: an envelope is fresh while `nowMs - timestampMs <= maxAgeMs` and
 * `timestampMs - nowMs <= maxFutureSkewMs`, so it can be accepted at most during
 * `maxAgeMs + maxFutureSkewMs` after first sight. A guard must remember an id at least that
 * long; after that the freshness check rejects the copy as `stale` on its own.
 *
 * Guards fail closed: when they cannot record an id (full, store down) they answer
 * `unavailable` and the envelope is dropped, since accepting it could accept a replay.
 */
export type ReplayVerdict = 'fresh' | 'replayed' | 'unavailable';

export interface ReplayGuard {
  /**
   * Atomically record that `senderDid` used `msgId` (first seen at `nowMs`). `fresh` the first
   * time within the window, `replayed` after. Call only after the signature verified, so
   * unauthenticated traffic cannot fill the guard.
   */
  claim(senderDid: string, msgId: string, nowMs: number): Promise<ReplayVerdict>;
}

export interface MemoryReplayGuardOptions {
  /** How long an id is remembered; at least `maxAgeMs + maxFutureSkewMs` of the receiver. */
  windowMs: number;
  /** Most ids held at once; beyond it (with none expired) claims answer `unavailable`. */
  maxEntries?: number;
}

/**
 * In-process bounded TTL guard: one receiver, or tests. Pure: time comes from `claim`'s
 * `nowMs`. For several gateway replicas use `KvReplayGuard` (src/bus/replay-kv.ts).
 */
export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen = new Map<string, number>();
  readonly windowMs: number;
  readonly maxEntries: number;

  constructor(options: MemoryReplayGuardOptions) {
    if (!Number.isSafeInteger(options.windowMs) || options.windowMs <= 0)
      throw new TypeError('options.windowMs: expected a positive integer');
    const max = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(max) || max <= 0) throw new TypeError('options.maxEntries: expected a positive integer');
    this.windowMs = options.windowMs;
    this.maxEntries = max;
  }

  get size(): number {
    return this.seen.size;
  }

  claim(senderDid: string, msgId: string, nowMs: number): Promise<ReplayVerdict> {
    return Promise.resolve(this.claimSync(senderDid, msgId, nowMs));
  }

  /** Synchronous form of `claim` for callers that hold no I/O. */
  claimSync(senderDid: string, msgId: string, nowMs: number): ReplayVerdict {
    this.sweep(nowMs);
    // NUL cannot occur in a DID, so the key is unambiguous.
    const key = `${senderDid}\u0000${msgId}`;
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > nowMs) return 'replayed';
    if (expires === undefined && this.seen.size >= this.maxEntries) return 'unavailable';
    this.seen.delete(key);
    this.seen.set(key, nowMs + this.windowMs);
    return 'fresh';
  }

  /** Entries are kept in insertion order, so expired ones are at the front (for a non-decreasing clock). */
  private sweep(nowMs: number): void {
    for (const [k, exp] of this.seen) {
      if (exp > nowMs) break;
      this.seen.delete(k);
    }
  }
}

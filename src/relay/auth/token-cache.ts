/**
 * Cache of verified bearer tokens (DESIGN.md "Budgets": did-jwt verifies ~350/s and even the
 * native path costs one signature check, so a caller's token is verified once and remembered
 * until it expires). Keyed by the token string itself: a hit is one Map lookup, with no hashing
 * or encoding per call (it sat on every call of the gated path). The tokens held are the ones the
 * process holds anyway while their calls run, each only until it expires (auth tokens live
 * minutes), and the map is bounded (`maxEntries`, oldest evicted first); a token is never logged.
 * A registry update that revokes or rotates a DID drops that DID's entries (`invalidateDid`); a
 * hit is also re-checked against the registry by the caller.
 *
 * Pure: time is passed in.
 */

/** An authenticated caller: the evidence of its verified token. */
export interface Caller {
  readonly did: string;
  /** Full DID URL of the key that signed the token. */
  readonly kid: string;
  readonly jti: string;
  /** Token expiry, ms since the epoch. */
  readonly expiresAtMs: number;
}

export interface TokenCacheOptions {
  /**
   * Most tokens held; the oldest are evicted beyond it. 10,000 unless told: an entry holds its
   * token string (~0.5 KB), so about 10 MB at most; callers reuse a token for half its lifetime
   * (client/court-bearer.ts), so an alliance's live tokens fit many times over, and a client
   * minting one per call only churns the oldest out.
   */
  maxEntries?: number;
}

/** Verified tokens, with an index by DID for revocation. */
export class TokenCache {
  private readonly byToken = new Map<string, Caller>();
  private readonly byDid = new Map<string, Set<string>>();
  readonly maxEntries: number;

  constructor(options: TokenCacheOptions = {}) {
    const max = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('options.maxEntries: expected a positive integer');
    this.maxEntries = max;
  }

  get size(): number {
    return this.byToken.size;
  }

  /** The caller of a cached, unexpired token (exactly this token string); an expired entry is dropped. */
  get(token: string, nowMs: number): Caller | undefined {
    const hit = this.byToken.get(token);
    if (hit === undefined) return undefined;
    if (hit.expiresAtMs <= nowMs) {
      this.remove(token, hit.did);
      return undefined;
    }
    return hit;
  }

  /** Remember a verified token until `caller.expiresAtMs`. */
  set(token: string, caller: Caller): void {
    const prev = this.byToken.get(token);
    if (prev !== undefined) this.remove(token, prev.did);
    else if (this.byToken.size >= this.maxEntries) {
      // Map keeps insertion order: evict the oldest entry.
      const oldest = this.byToken.entries().next().value;
      if (oldest !== undefined) this.remove(oldest[0], oldest[1].did);
    }
    this.byToken.set(token, caller);
    let set = this.byDid.get(caller.did);
    if (set === undefined) {
      set = new Set();
      this.byDid.set(caller.did, set);
    }
    set.add(token);
  }

  /** Forget every token of `did` (revocation, rotation); returns how many were dropped. */
  invalidateDid(did: string): number {
    const set = this.byDid.get(did);
    if (set === undefined) return 0;
    for (const token of set) this.byToken.delete(token);
    this.byDid.delete(did);
    return set.size;
  }

  private remove(token: string, did: string): void {
    this.byToken.delete(token);
    const set = this.byDid.get(did);
    if (set !== undefined) {
      set.delete(token);
      if (set.size === 0) this.byDid.delete(did);
    }
  }
}

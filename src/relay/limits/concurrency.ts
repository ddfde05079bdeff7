/** Calls in flight per key (caller DID), with a ceiling (per-caller concurrency). */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();
  constructor(private readonly max: number) {
    if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('max: expected a positive integer');
  }

  /** Claim a slot; returns a release function (idempotent), or undefined when `key` is at the ceiling. */
  acquire(key: string): (() => void) | undefined {
    const n = this.inFlight.get(key) ?? 0;
    if (n >= this.max) return undefined;
    this.inFlight.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    };
  }

  current(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}

/**
 * Real time plus an offset the test moves forward: the `now` of real processes (a gateway, an
 * adapter) that must keep running on the wall clock (timers, NATS, signatures other processes
 * check) while a test pushes them past a deadline at once instead of sleeping until it passes.
 * Pure in-process logic takes a ManualClock (src/workflows/clock.ts) instead.
 */
export class OffsetClock {
  private offsetMs = 0;

  /** Wall-clock time plus every `advance` so far; a function, so it can be passed as `now`. */
  readonly now = (): number => Date.now() + this.offsetMs;

  /** Move this clock forward by `ms` (never back: the processes reading it expect time to run forward). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected a duration of 0 ms or more, got ${ms}`);
    this.offsetMs += ms;
  }
}

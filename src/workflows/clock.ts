/** Clocks for the contracts (ports.ts `Clock`): the system clock at the edge, a manual one in tests. */
import type { Clock } from './ports.js';

/** Wall-clock time; used only by the processes that run the contracts, never by the pure core. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock the tests move by hand ("time comes from a clock the tests control"). */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * The replica's loop: every interval, list the cases and mediations, take (or renew) the lease of each, and
 * advance the ones it holds with `EnforcementEngine.tickCase`, renewing before every step and
 * stopping at the step boundary where the lease is lost. A replica cut off past its lease (a GC
 * pause, a network split) is fenced by the store: its next state write fails with `state_conflict`
 * (another replica wrote the case since), the step stops there with nothing more written, and the
 * case is dropped here until its lease is won again. `stop()` drains: it waits for the step
 * in flight, then releases every lease so another replica takes the cases at once.
 */
import type { EnforcementEngine, StepTaken } from '../enforcement/engine.js';
import { isStateConflict } from '../state-conflict.js';
import type { CaseLeases } from './case-lease.js';

export interface CaseRunnerOptions {
  engine: EnforcementEngine;
  leases: CaseLeases;
  intervalMs: number;
  /** Cases advanced at once (each case by one worker); 1 unless told. */
  concurrency?: number;
  now: () => number;
  /** Every step as soon as it is done, and every error, for the service's log. */
  onStep?: (step: StepTaken) => void;
  onError?: (caseId: string, e: unknown) => void;
}

export class CaseRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly held = new Set<string>();

  constructor(private readonly o: CaseRunnerOptions) {}

  /** How many case leases this replica holds now (the service's metrics). */
  get heldCount(): number {
    return this.held.size;
  }

  start(): void {
    const loop = (): void => {
      if (this.stopping) return;
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (!this.stopping) this.timer = setTimeout(loop, this.o.intervalMs);
      });
    };
    loop();
  }

  /**
   * One pass over the cases with a step to take, `concurrency` at a time (exported for tests: a
   * pass without the timer). Each case is advanced by one worker at a time, under its lease.
   */
  async pass(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.o.engine.dueCaseIds(this.o.now());
    } catch (e) {
      this.o.onError?.('', e);
      return;
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!this.stopping && next < ids.length) await this.advance(ids[next++]!);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.o.concurrency ?? 1, ids.length)) }, worker));
  }

  /** Take or renew the case's lease and advance it while the lease holds. */
  private async advance(caseId: string): Promise<void> {
    try {
      if (!(await this.o.leases.acquire(caseId))) {
        this.held.delete(caseId);
        return;
      }
      this.held.add(caseId);
      // Renewed before every step, and in the background every third of the ttl: a slow step (a
      // gateway call waiting for its block) must not let the lease lapse while it runs here.
      // One renewal at a time: two of our own at the same revision would make one look lost.
      let lost = false;
      let renewing: Promise<boolean> = Promise.resolve(true);
      const renew = (): Promise<boolean> => {
        renewing = renewing.then(
          () => this.o.leases.acquire(caseId),
          () => this.o.leases.acquire(caseId),
        );
        return renewing.then((ok) => {
          lost ||= !ok;
          return ok;
        });
      };
      const heartbeat = setInterval(() => void renew().catch(() => undefined), Math.max(50, Math.floor(this.o.leases.ttlMs / 3)));
      try {
        await this.o.engine.tickCase(
          caseId,
          this.o.now(),
          async () => {
            if (this.stopping || lost) return false;
            return renew();
          },
          this.o.onStep,
        );
      } finally {
        clearInterval(heartbeat);
      }
      if (lost) this.held.delete(caseId);
    } catch (e) {
      // Lost the case: another replica wrote it since we read it (fenced write); not ours now.
      if (isStateConflict(e)) this.held.delete(caseId);
      this.o.onError?.(caseId, e);
    }
  }

  /** Drain: no new step, the one in flight finishes, every lease held is released. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    for (const caseId of this.held) await this.o.leases.release(caseId).catch(() => undefined);
    this.held.clear();
  }
}

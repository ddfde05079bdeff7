/**
 * The replica's loop: every interval, list the cases, take (or renew) the lease of each, and
 * advance the ones it holds with `EnforcementEngine.tickCase`, renewing before every step and
 * stopping at the step boundary where the lease is lost. `stop()` drains: it waits for the step
 * in flight, then releases every lease so another replica takes the cases at once.
 */
import type { EnforcementEngine, TickReport } from '../enforcement/engine.js';
import type { CaseLeases } from './case-lease.js';

export interface CaseRunnerOptions {
  engine: EnforcementEngine;
  leases: CaseLeases;
  intervalMs: number;
  now: () => number;
  /** Every step taken and every error, for the service's log. */
  onSteps?: (report: TickReport) => void;
  onError?: (caseId: string, e: unknown) => void;
}

export class CaseRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly held = new Set<string>();

  constructor(private readonly o: CaseRunnerOptions) {}

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

  /** One pass over every case (exported for tests: a pass without the timer). */
  async pass(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.o.engine.caseIds();
    } catch (e) {
      this.o.onError?.('', e);
      return;
    }
    for (const caseId of ids) {
      if (this.stopping) return;
      try {
        if (!(await this.o.leases.acquire(caseId))) {
          this.held.delete(caseId);
          continue;
        }
        this.held.add(caseId);
        let first = true;
        const report = await this.o.engine.tickCase(caseId, this.o.now(), async () => {
          if (this.stopping) return false;
          // Just taken for the first step; renewed before every later one.
          if (first) {
            first = false;
            return true;
          }
          const ok = await this.o.leases.acquire(caseId);
          if (!ok) this.held.delete(caseId);
          return ok;
        });
        if (report.steps.length > 0) this.o.onSteps?.(report);
      } catch (e) {
        this.o.onError?.(caseId, e);
      }
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

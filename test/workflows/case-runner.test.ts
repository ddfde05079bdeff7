/**
 * The replica's loop (src/workflows/service/case-runner.ts) over a real nats-server's KV leases:
 * it leases only the cases with a step to take, advances up to `concurrency` of them at once,
 * each case by one worker, and a case another replica holds is left alone.
 */
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKv } from '../../src/bus/jetstream.js';
import type { EnforcementEngine, StepTaken, TickReport } from '../../src/workflows/enforcement/engine.js';
import { CaseLeases } from '../../src/workflows/service/case-lease.js';
import { CaseRunner } from '../../src/workflows/service/case-runner.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

/** The engine's surface the runner uses: which cases are due, and one case's tick (each taking `stepMs`). */
function engineOf(due: string[], stepMs: number) {
  const ticks: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const engine = {
    dueCaseIds: async () => [...due],
    tickCase: async (
      caseId: string,
      _now: number,
      keepGoing: () => Promise<boolean>,
      onStep?: (s: StepTaken) => void,
    ): Promise<TickReport> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (!(await keepGoing())) return { steps: [] };
        await new Promise((r) => setTimeout(r, stepMs));
        ticks.push(caseId);
        onStep?.({ caseId, step: 'investigate' });
        return { steps: [{ caseId, step: 'investigate' }] };
      } finally {
        inFlight--;
      }
    },
  };
  return { engine: engine as unknown as EnforcementEngine, ticks, maxInFlight: () => maxInFlight };
}

describe('case runner (real JetStream KV leases)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let kv: KV;
  const leases = (replicaId: string): CaseLeases => new CaseLeases({ kv, replicaId, ttlMs: 10_000, now: Date.now });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    kv = await ensureKv(nc.jetstream(), 'cb_runner_test');
  }, 30_000);

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('advances up to `concurrency` due cases at once, each once per pass, and leases nothing else', async () => {
    const due = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5'];
    const e = engineOf(due, 60);
    const steps: StepTaken[] = [];
    const runner = new CaseRunner({
      engine: e.engine,
      leases: leases('a'),
      intervalMs: 1_000,
      concurrency: 2,
      now: Date.now,
      onStep: (s) => steps.push(s),
    });
    await runner.pass();
    expect([...e.ticks].sort()).toEqual(due);
    expect(e.maxInFlight()).toBe(2);
    expect(steps.map((s) => s.caseId).sort()).toEqual(due);
    for (const id of due) expect((await leases('x').read(id))!.holder).toBe('a');
    // A case that was not due was never leased: no write for idle or closed cases.
    expect(await leases('x').read('R-idle')).toBeUndefined();
    await runner.stop();
    for (const id of due) expect((await leases('x').read(id))!.holder).toBe('');
  });

  it('a case another replica holds is not advanced by this one', async () => {
    expect(await leases('b').acquire('R-held')).toBe(true);
    const e = engineOf(['R-held', 'R-free'], 1);
    const runner = new CaseRunner({ engine: e.engine, leases: leases('a'), intervalMs: 1_000, concurrency: 4, now: Date.now });
    await runner.pass();
    expect(e.ticks).toEqual(['R-free']);
    await runner.stop();
    expect((await leases('x').read('R-held'))!.holder).toBe('b');
  });
});

/**
 * The gateway-wide admission queue (relay/limits/admission.ts) on its own: slots first, then a
 * bounded FIFO wait, then shedding (queue full at once, or the wait ran out); a caller that went
 * away leaves the queue; the gauges follow. Real timers, short waits.
 */
import { describe, expect, it } from 'vitest';

import { loadGatewayConfig, type LimitsConfig } from '../../../src/config/gateway-config.js';
import { AdmissionQueue, type ShedCause } from '../../../src/relay/limits/admission.js';

function harness(maxInFlight: number, maxQueued: number, maxQueueWaitMs: number) {
  const q = new AdmissionQueue({ maxInFlight, maxQueued, maxQueueWaitMs });
  const admitted: number[] = [];
  const releases = new Map<number, () => void>();
  const shed: Array<{ id: number; cause: ShedCause }> = [];
  const ask = (id: number): (() => void) =>
    q.admit(
      (release) => {
        admitted.push(id);
        releases.set(id, release);
      },
      (cause) => shed.push({ id, cause }),
    );
  return { q, admitted, releases, shed, ask };
}

describe('AdmissionQueue', () => {
  it('admits up to maxInFlight, queues up to maxQueued in order, sheds the rest at once', () => {
    const h = harness(2, 2, 10_000);
    for (let i = 1; i <= 6; i++) h.ask(i);
    expect(h.admitted).toEqual([1, 2]);
    expect(h.q.queued).toBe(2);
    expect(h.shed).toEqual([
      { id: 5, cause: 'queue_full' },
      { id: 6, cause: 'queue_full' },
    ]);
    h.releases.get(1)!();
    h.releases.get(1)!(); // idempotent
    expect(h.admitted).toEqual([1, 2, 3]);
    h.releases.get(2)!();
    h.releases.get(3)!();
    expect(h.admitted).toEqual([1, 2, 3, 4]);
    h.releases.get(4)!();
    expect(h.q.inFlight).toBe(0);
    expect(h.q.queued).toBe(0);
  });

  it('sheds a call that waited longer than maxQueueWaitMs; a cancelled waiter leaves the queue', async () => {
    const h = harness(1, 4, 50);
    h.ask(1);
    const cancel2 = h.ask(2);
    h.ask(3);
    cancel2();
    expect(h.q.queued).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(h.shed).toEqual([{ id: 3, cause: 'queue_wait' }]);
    h.releases.get(1)!();
    expect(h.admitted).toEqual([1]);
    expect(h.q.inFlight).toBe(0);
    expect(h.q.queued).toBe(0);
  });

  it('refuses bad limits, naming the field', () => {
    expect(() => new AdmissionQueue({ maxInFlight: 0, maxQueued: 1, maxQueueWaitMs: 1 })).toThrow(/limits\.maxInFlight/);
    expect(() => new AdmissionQueue({ maxInFlight: 1, maxQueued: -1, maxQueueWaitMs: 1 })).toThrow(/limits\.maxQueued/);
  });

  it('limits.maxInFlight, maxQueued and maxQueueWaitMs: defaults, environment, and validation naming the field', () => {
    const hash = 'a'.repeat(64);
    expect(loadGatewayConfig({ overrides: { genesisHash: hash } }).limits).toMatchObject({
      maxInFlight: 256,
      maxQueued: 512,
      maxQueueWaitMs: 1_000,
    });
    expect(
      loadGatewayConfig({
        env: {
          COURTBRIDGE_GENESIS_HASH: hash,
          COURTBRIDGE_MAX_IN_FLIGHT: '8',
          COURTBRIDGE_MAX_QUEUED: '0',
          COURTBRIDGE_MAX_QUEUE_WAIT_MS: '250',
        },
      }).limits,
    ).toMatchObject({ maxInFlight: 8, maxQueued: 0, maxQueueWaitMs: 250 });
    for (const [field, value] of [
      ['maxInFlight', 0],
      ['maxQueued', -1],
      ['maxQueueWaitMs', 0],
    ] as const) {
      expect(() => loadGatewayConfig({ overrides: { genesisHash: hash, limits: { [field]: value } as unknown as LimitsConfig } })).toThrow(
        new RegExp(`config\\.limits\\.${field}`),
      );
    }
  });
});

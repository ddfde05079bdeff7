import { describe, expect, it } from 'vitest';

import { isTransientJetStreamError, retryTransient, transientBackoffMs } from '../../src/bus/transient.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';

/** A nats.js error as it arrives: a `code`, or a JetStream API error with its status and description. */
const natsError = (code: string): Error => Object.assign(new Error(code), { code });
const apiError = (code: number, err_code: number, description: string): Error =>
  Object.assign(new Error(description), { code: String(code), api_error: { code, err_code, description } });

describe('transient JetStream unavailability', () => {
  it('pins the back-off schedule: 250, 500, 1,000, 2,000, 4,000, then 5,000 ms', () => {
    expect(Array.from({ length: 8 }, (_, i) => transientBackoffMs(i))).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(() => transientBackoffMs(-1)).toThrow(TypeError);
  });

  const cases: { name: string; error: unknown; transient: boolean }[] = [
    { name: 'request timeout', error: natsError('TIMEOUT'), transient: true },
    { name: 'no responders (503)', error: natsError('503'), transient: true },
    { name: 'disconnected', error: natsError('DISCONNECT'), transient: true },
    { name: 'JetStream temporarily unavailable', error: apiError(503, 10008, 'JetStream system temporarily unavailable'), transient: true },
    { name: 'stream leader election', error: apiError(500, 10999, 'stream leader not elected yet'), transient: true },
    { name: 'wrong last sequence (the key exists)', error: apiError(400, 10071, 'wrong last sequence: 4'), transient: false },
    { name: 'stream not found', error: apiError(404, 10059, 'stream not found'), transient: false },
    { name: 'permissions violation', error: natsError('PERMISSIONS_VIOLATION'), transient: false },
    { name: 'a plain error', error: new Error('boom'), transient: false },
    {
      name: 'a CourtbridgeError wrapping a timeout',
      error: new CourtbridgeError(ErrorCode.Unavailable, 'jetstream_provision_failed', 'x', { cause: natsError('TIMEOUT') }),
      transient: true,
    },
    { name: 'not an error', error: 'TIMEOUT', transient: false },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.transient ? 'retried' : 'passed on'}`, () => {
      expect(isTransientJetStreamError(c.error)).toBe(c.transient);
    });
  }

  it('retries transient failures with the schedule until it succeeds; other errors pass at once', async () => {
    const waits: number[] = [];
    let calls = 0;
    const v = await retryTransient(
      async () => {
        calls++;
        if (calls < 4) throw natsError('TIMEOUT');
        return 'done';
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(v).toBe('done');
    expect(waits).toEqual([250, 500, 1_000]);
    const wrong = apiError(400, 10071, 'wrong last sequence: 1');
    await expect(retryTransient(async () => Promise.reject(wrong), { sleep: async () => undefined })).rejects.toBe(wrong);
  });

  it('gives up with the last error past its budget, or once told to stop', async () => {
    let t = 0;
    const timeout = natsError('TIMEOUT');
    const budget = retryTransient(async () => Promise.reject(timeout), {
      budgetMs: 2_000,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    await expect(budget).rejects.toBe(timeout);
    expect(t).toBe(1_750); // 250 + 500 + 1,000: the next wait (2,000) would pass the budget
    let stop = false;
    const stopped = retryTransient(async () => Promise.reject(timeout), {
      stopped: () => stop,
      sleep: async () => {
        stop = true;
      },
    });
    await expect(stopped).rejects.toBe(timeout);
  });
});

/**
 * The one way tests wait for something that happens asynchronously (a message processed, a
 * client frozen, a result published): poll a probe until it passes or a deadline passes. Tests
 * never sleep a fixed time to wait for something; to show that something did NOT happen they
 * wait for an acknowledgement (a JetStream ack floor, a NATS flush, a later message) instead.
 */

export interface EventuallyOptions {
  /** Give up after this long, ms; 10,000 unless told. */
  timeoutMs?: number;
  /** Pause between two tries, ms; 50 unless told. */
  intervalMs?: number;
  /** What is awaited, for the failure message ("property light client ready"). */
  what?: string;
}

/** Why {@link eventually} gave up: the probe's last error (also the `cause`) or last value. */
export class EventuallyTimeout extends Error {
  override readonly name = 'EventuallyTimeout';
}

/**
 * Run `probe` until it passes, then return what it returned. A try fails when the probe throws
 * or rejects (an `expect` inside it, an RPC error) or returns `false`; any other value, including
 * `undefined` from an assertion block, passes. A probe that looks something up returns
 * `found ?? false`. The first try runs at once; a try that never settles is not cut short.
 *
 * @throws EventuallyTimeout after `timeoutMs`, naming `what`, the number of tries and the last
 *   error (its message, and as `cause`) or that the probe kept returning `false`.
 *
 * @example
 * // A predicate: the registry applied the update.
 * await eventually(() => gw.deps.registry.state.sequence >= 1);
 * // An async assertion: its last failure is the timeout's message.
 * await eventually(async () => expect((await status()).status).toBe('CLIENT_STATUS_FROZEN'), { timeoutMs: 5_000 });
 * // A lookup: the result once it exists.
 * const r = await eventually(async () => (await results('finance')).find((x) => x.actionId === id) ?? false);
 */
export async function eventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, false>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = performance.now() + timeoutMs;
  let tries = 0;
  let lastError: unknown;
  let failedBy: 'error' | 'false' = 'false';
  for (;;) {
    tries += 1;
    try {
      const v = await probe();
      if (v !== false) return v as Exclude<T, false>;
      failedBy = 'false';
    } catch (e) {
      lastError = e;
      failedBy = 'error';
    }
    if (performance.now() + intervalMs > deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const what = options.what === undefined ? '' : ` (${options.what})`;
  const last =
    failedBy === 'error'
      ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
      : 'the probe returned false every time';
  const message = `eventually${what}: not satisfied within ${timeoutMs} ms after ${tries} tries; ${last}`;
  throw new EventuallyTimeout(message, failedBy === 'error' ? { cause: lastError } : undefined);
}

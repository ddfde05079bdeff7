/**
 * Transient JetStream unavailability and its retry (DESIGN.md "Actions": delivered at least once,
 * executed exactly once). On a cluster a stream's leader election, a killed node or a reconnect
 * makes JetStream calls time out or answer 503 for a few seconds; such a failure says nothing
 * about the work, so it must be retried, never turned into a final result (a REJECTED or FAILED
 * action, a terminated message). Everything else (a wrong last sequence, a permission error, a
 * bad request) is an answer, not a failure, and is passed on at once.
 */
import type { Logger } from '../log.js';

/** JetStream API errors that mean "not now": 503 system unavailable, 504, and the cluster's own "try again" answers. */
const TRANSIENT_API_STATUS: ReadonlySet<number> = new Set([408, 503, 504]);
/** nats.js error codes of a lost or slow server: timeout, no responders / JetStream not enabled (503), connection trouble. */
const TRANSIENT_NATS_CODES: ReadonlySet<string> = new Set([
  'TIMEOUT',
  '503',
  '408',
  'DISCONNECT',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
  'REQUEST_ERROR',
]);
/** Descriptions of a cluster between leaders (the API has no stable code for all of them). */
const TRANSIENT_TEXT =
  /temporarily unavailable|no responders|timeout|timed out|leader|no suitable peers|insufficient resources|not available|stream not current|catching up/i;

/** Whether `e` (from nats.js or the JetStream API) is a transient unavailability worth retrying. */
export function isTransientJetStreamError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const err = e as { code?: unknown; api_error?: { code?: number; description?: string }; message?: unknown; cause?: unknown };
  if (err.api_error !== undefined) {
    if (TRANSIENT_API_STATUS.has(err.api_error.code ?? 0)) return true;
    return TRANSIENT_TEXT.test(err.api_error.description ?? '');
  }
  if (typeof err.code === 'string' && TRANSIENT_NATS_CODES.has(err.code)) return true;
  // A CourtbridgeError wrapping one (e.g. jetstream_provision_failed) keeps it as its cause.
  if (err.cause !== undefined && err.cause !== e) return isTransientJetStreamError(err.cause);
  return false;
}

/** Delays between attempts, ms: 250, 500, 1,000, 2,000, 4,000, then 5,000 each time (pinned by a test). */
export function transientBackoffMs(attempt: number): number {
  if (!Number.isSafeInteger(attempt) || attempt < 0) throw new TypeError('attempt: expected an integer >= 0');
  return Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);
}

export interface RetryTransientOptions {
  /** Give up (rethrow the last transient error) once this much time has passed since the first attempt; never unless told. */
  budgetMs?: number;
  /** Stop retrying (rethrow) once this says so, e.g. the component is stopping. */
  stopped?: () => boolean;
  /** Called before each wait (log it; keep a message's ack wait alive). */
  onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** What is being retried, for the log line. */
  what?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn`; while it fails transiently (`isTransientJetStreamError`, or `retryIf`), wait
 * `transientBackoffMs(attempt)` and run it again. A non-transient error is thrown at once.
 *
 * @example
 * await retryTransient(() => js.publish(subject, data, { msgID }), { budgetMs: 10_000, what: 'publish result' });
 */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  options: RetryTransientOptions = {},
  retryIf: (e: unknown) => boolean = isTransientJetStreamError,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const started = now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!retryIf(e)) throw e;
      const delayMs = transientBackoffMs(attempt);
      if (options.stopped?.() === true) throw e;
      if (options.budgetMs !== undefined && now() + delayMs - started > options.budgetMs) throw e;
      options.logger?.warn({ err: e, attempt, delayMs, what: options.what }, 'JetStream unavailable; retrying');
      options.onRetry?.(e, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}

/**
 * NATS failures as the statuses a gRPC caller can act on (DESIGN.md "Conventions": UNAVAILABLE for
 * what is down; docs in README "Faults and retries"). The one mapping of transport trouble: a
 * NATS timeout, a 503 / no-responders, a JetStream API timeout, a closed, draining or lost
 * connection anywhere on a call's path (adapter and witness requests, judicial tx/prove, KV,
 * JetStream publishes, mediation forwarding) becomes UNAVAILABLE with a stable reason and a
 * suggested wait (`retryAfterMs`, sent as the `retry-after-ms` trailer), never INTERNAL.
 */
import { CourtbridgeError, ErrorCode, asCourtbridgeError, isCourtbridgeError, type Reason } from '../errors.js';

/**
 * The suggested wait before retrying, ms, per UNAVAILABLE reason. A lost connection waits about
 * one reconnect round (connection.ts: 2,000 ms + jitter); a timeout or a missing responder is
 * often a restart in progress; an unknown UNAVAILABLE gets the short default.
 */
export const RETRY_AFTER_MS: Readonly<Partial<Record<Reason, number>>> = {
  nats_disconnected: 2_000,
  nats_closed: 5_000,
  nats_draining: 2_000,
  nats_timeout: 1_000,
  jetstream_unavailable: 1_000,
  no_responders: 1_000,
  no_adapter: 2_000,
  adapter_unavailable: 2_000,
  bus_error: 1_000,
  workflows_unavailable: 2_000,
};
const DEFAULT_RETRY_AFTER_MS = 1_000;

/** The retry wait suggested for an UNAVAILABLE `reason`. */
export function retryAfterMsOf(reason: Reason): number {
  return RETRY_AFTER_MS[reason] ?? DEFAULT_RETRY_AFTER_MS;
}

/** nats.js error codes (core.js `ErrorCode`), named here so a version bump shows in one place. */
const NATS_CODE: Readonly<Record<string, { reason: Reason; what: string }>> = {
  TIMEOUT: { reason: 'nats_timeout', what: 'NATS did not answer in time' },
  '503': { reason: 'no_responders', what: 'nobody serves that subject or stream on NATS right now' },
  '408': { reason: 'jetstream_unavailable', what: 'a JetStream request timed out' },
  DISCONNECT: { reason: 'nats_disconnected', what: 'the connection to NATS was lost' },
  CONNECTION_REFUSED: { reason: 'nats_disconnected', what: 'NATS refused the connection' },
  CONNECTION_TIMEOUT: { reason: 'nats_disconnected', what: 'connecting to NATS timed out' },
  CONNECTION_CLOSED: { reason: 'nats_closed', what: 'the connection to NATS is closed' },
  CONNECTION_DRAINING: { reason: 'nats_draining', what: 'the connection to NATS is draining (shutting down)' },
};

/** Texts of transport failures that reach us without a code (JetStream API and KV wrappers). */
const NATS_TEXT: ReadonlyArray<{ re: RegExp; code: string }> = [
  { re: /connection (is )?closed/i, code: 'CONNECTION_CLOSED' },
  { re: /connection (is )?draining/i, code: 'CONNECTION_DRAINING' },
  { re: /disconnect/i, code: 'DISCONNECT' },
  { re: /no responders/i, code: '503' },
  { re: /jetstream.*(timeout|timed out|not enabled)|request timed out/i, code: 'TIMEOUT' },
];

function natsCodeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code in NATS_CODE) return code;
  if ((e as { name?: unknown }).name !== 'NatsError') return undefined;
  const message = String((e as { message?: unknown }).message ?? '');
  return NATS_TEXT.find((t) => t.re.test(message))?.code;
}

/**
 * The UNAVAILABLE error for a NATS transport failure `e` (or one in its `cause` chain, so a
 * wrapper that made it INTERNAL is seen through), or undefined when `e` is none.
 */
export function transportErrorOf(e: unknown): CourtbridgeError | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 8 && cur !== undefined && cur !== null; depth++) {
    if (isCourtbridgeError(cur) && cur.code !== ErrorCode.Internal) return undefined;
    const code = natsCodeOf(cur);
    if (code !== undefined) {
      const { reason, what } = NATS_CODE[code]!;
      return new CourtbridgeError(ErrorCode.Unavailable, reason, `${what}; retry after ${retryAfterMsOf(reason)} ms`, {
        cause: e,
        details: { retryAfterMs: retryAfterMsOf(reason) },
      });
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * `e` as the error a call answers with: a CourtbridgeError stays itself (an UNAVAILABLE one gains
 * the suggested `retryAfterMs` of its reason when it names none), a NATS transport failure
 * becomes UNAVAILABLE (transportErrorOf), anything else INTERNAL `internal_error`.
 */
export function asCallError(e: unknown): CourtbridgeError {
  const transport = transportErrorOf(e);
  if (transport !== undefined) return transport;
  const err = asCourtbridgeError(e);
  if (err.code === ErrorCode.Unavailable && typeof err.details.retryAfterMs !== 'number') {
    return new CourtbridgeError(err.code, err.reason, err.message, {
      cause: err,
      details: { ...err.details, retryAfterMs: retryAfterMsOf(err.reason) },
    });
  }
  return err;
}

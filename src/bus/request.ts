/**
 * Request/reply over NATS with deadlines and typed errors (DESIGN.md "Transport": queries are
 * request/reply with queue groups; STYLE.md 7: never error strings in payloads).
 *
 * An error reply has an empty payload and three headers:
 *   Nats-Service-Error-Code  the gRPC numeric status (e.g. `5` for NOT_FOUND), as nats.js
 *                            services carry a numeric code in this header
 *   Nats-Service-Error       the message for a person (one line)
 *   Courtbridge-Reason       the stable snake_case reason (e.g. `record_not_found`)
 * The requester maps them back to the same `CourtbridgeError`, so a gRPC handler can return it
 * unchanged.
 */
import { ErrorCode as NatsErrorCode, headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { CourtbridgeError, ErrorCode, foreignReason, grpcStatusOf, isCourtbridgeError } from '../errors.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { failOnConnectionLoss } from './connection-loss.js';
import { muxRequest, type MuxRequestOptions } from './request-mux.js';
import { parseChainSubject } from './subjects.js';
import { transportErrorOf } from './transport-error.js';

export const ServiceErrorHeader = {
  code: 'Nats-Service-Error-Code',
  message: 'Nats-Service-Error',
  reason: 'Courtbridge-Reason',
} as const;

const codeOfStatus = new Map<number, ErrorCode>(Object.entries(grpcStatusOf).map(([c, n]) => [n, c as ErrorCode]));

export interface RequestOptions {
  /** Absolute deadline, ms since the epoch (from the gRPC call's deadline, or now + a budget). */
  deadlineMs: number;
  /** The clock the deadline is measured against; `Date.now` unless told (tests pin it). */
  now?: () => number;
  headers?: MsgHdrs;
  metrics?: CourtbridgeMetrics;
}

/** Header values may not contain CR/LF (NATS header grammar); keep them one short line. */
function headerSafe(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 512);
}

/** Answer `msg` with `data` (no error headers). */
export function replyOk(msg: Msg, data: Uint8Array, headers?: MsgHdrs): boolean {
  return msg.respond(data, headers === undefined ? undefined : { headers });
}

/**
 * Answer `msg` with an error in headers and an empty payload. A `CourtbridgeError` keeps its
 * code, reason and message; a NATS transport failure becomes UNAVAILABLE (transport-error.ts);
 * anything else becomes INTERNAL `internal` without its text, which may hold details a remote
 * caller must not see.
 */
export function replyError(msg: Msg, err: unknown): boolean {
  // A NATS failure inside the responder (KV, JetStream) is UNAVAILABLE to the requester too.
  const e =
    transportErrorOf(err) ??
    (isCourtbridgeError(err) ? err : new CourtbridgeError(ErrorCode.Internal, 'internal', 'internal error in responder'));
  const h = natsHeaders();
  h.set(ServiceErrorHeader.code, String(e.grpcStatus));
  h.set(ServiceErrorHeader.message, headerSafe(e.message) || e.reason);
  h.set(ServiceErrorHeader.reason, headerSafe(e.reason) || 'unknown');
  return msg.respond(new Uint8Array(0), { headers: h });
}

/** The `CourtbridgeError` an error reply carries, or `undefined` for a normal reply. */
export function errorFromReply(msg: Msg, subject = msg.subject): CourtbridgeError | undefined {
  const h = msg.headers;
  if (h === undefined || !h.has(ServiceErrorHeader.code)) return undefined;
  const status = Number(h.get(ServiceErrorHeader.code));
  const code = codeOfStatus.get(status) ?? ErrorCode.Internal;
  const named = h.get(ServiceErrorHeader.reason);
  const reason = named ? foreignReason(named) : 'unknown';
  const message = h.get(ServiceErrorHeader.message) || reason;
  return new CourtbridgeError(code, reason, message, { details: { subject, remote: true } });
}

/** A request waiting for the end of its event-loop turn. */
interface Corked {
  subject: string;
  data: Uint8Array;
  opts: MuxRequestOptions;
  resolve: (m: Msg) => void;
  reject: (e: unknown) => void;
}

/** Requests of the current turn, by connection (sent by `sendCorked` at its end). */
const corked = new WeakMap<NatsConnection, Corked[]>();

/**
 * A request (request-mux.ts), sent once the current event-loop turn ends, together with every other request of
 * that turn. nats.js writes its outbound buffer to the socket on the microtask after a publish,
 * so requests made by calls that arrived together (one socket read of gRPC frames) but reach
 * their request a few awaits apart each cost a write syscall of their own: under load the
 * largest single cost of a relayed call. Sent in one synchronous loop, they share one write.
 * The delay is the rest of the turn (a `setImmediate`), nothing at rest.
 */
function corkedRequest(nc: NatsConnection, subject: string, data: Uint8Array, opts: MuxRequestOptions): Promise<Msg> {
  return new Promise<Msg>((resolve, reject) => {
    let q = corked.get(nc);
    if (q === undefined) {
      q = [];
      corked.set(nc, q);
      setImmediate(sendCorked, nc, q);
    }
    q.push({ subject, data, opts, resolve, reject });
  });
}

function sendCorked(nc: NatsConnection, q: Corked[]): void {
  corked.delete(nc);
  for (const r of q) {
    try {
      muxRequest(nc, r.subject, r.data, r.opts).then(r.resolve, r.reject);
    } catch (e) {
      r.reject(e);
    }
  }
}

/** Counts a request's outcome (a function of its own: no closure per request). */
function count(options: RequestOptions, kind: string, outcome: string): void {
  options.metrics?.busRequests.inc({ kind, outcome });
}

/**
 * Send `data` to `subject` and wait for one reply until `deadlineMs`.
 *
 * @returns the reply message (its `data` is the answer)
 * @throws CourtbridgeError DEADLINE_EXCEEDED `deadline_exceeded` when the deadline passes (or has
 *   passed before sending); UNAVAILABLE `nats_disconnected` at once when the connection is lost
 *   while waiting (or is down when called: connection-loss.ts); UNAVAILABLE `no_adapter` when
 *   nobody subscribes to a chain's query or index subject (`no_responders` for other subjects);
 *   the responder's own error when it replied with error headers.
 * @example
 * const reply = await request(bus.nc, querySubject('credit'), queryBytes, { deadlineMs: Date.now() + 2_000 });
 */
export async function request(nc: NatsConnection, subject: string, data: Uint8Array, options: RequestOptions): Promise<Msg> {
  if (!Number.isFinite(options.deadlineMs)) throw new TypeError('options.deadlineMs: expected ms since the epoch');
  const now = options.now ?? Date.now;
  const parsed = parseChainSubject(subject);
  const kind = parsed?.kind ?? 'other';
  const started = now();
  const budgetMs = Math.ceil(options.deadlineMs - started);
  if (budgetMs <= 0) {
    count(options, kind, 'deadline_exceeded');
    throw new CourtbridgeError(
      ErrorCode.DeadlineExceeded,
      'deadline_exceeded',
      `deadline passed before the request to ${subject} was sent`,
      { details: { subject } },
    );
  }
  let reply: Msg;
  try {
    reply = await failOnConnectionLoss(nc, `the request to ${subject}`, () =>
      corkedRequest(
        nc,
        subject,
        data,
        options.headers === undefined ? { timeout: budgetMs } : { timeout: budgetMs, headers: options.headers },
      ),
    );
  } catch (e) {
    if (isCourtbridgeError(e)) {
      count(options, kind, e.reason);
      throw e;
    }
    const code = (e as { code?: string }).code;
    if (code === NatsErrorCode.NoResponders) {
      count(options, kind, 'no_responders');
      if (parsed !== undefined && (parsed.kind === 'query' || parsed.kind === 'index')) {
        throw new CourtbridgeError(ErrorCode.Unavailable, 'no_adapter', `no adapter is serving chain ${parsed.chain}`, {
          cause: e,
          details: { subject, chain: parsed.chain },
        });
      }
      throw new CourtbridgeError(ErrorCode.Unavailable, 'no_responders', `nobody is serving ${subject}`, {
        cause: e,
        details: { subject },
      });
    }
    if (code === NatsErrorCode.Timeout) {
      count(options, kind, 'deadline_exceeded');
      throw new CourtbridgeError(ErrorCode.DeadlineExceeded, 'deadline_exceeded', `no reply from ${subject} within ${budgetMs} ms`, {
        cause: e,
        details: { subject, budgetMs },
      });
    }
    const transport = transportErrorOf(e);
    count(options, kind, transport?.reason ?? 'bus_error');
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      transport?.reason ?? 'bus_error',
      `request to ${subject} failed: ${(e as Error).message}`,
      {
        cause: e,
        details: { subject, retryAfterMs: transport?.details.retryAfterMs ?? 1_000 },
      },
    );
  } finally {
    options.metrics?.busRequestSeconds.observe({ kind }, (now() - started) / 1000);
  }
  const err = errorFromReply(reply, subject);
  if (err !== undefined) {
    // Count by code, not by the remote's reason: a responder must not grow our label set.
    count(options, kind, err.code);
    throw err;
  }
  count(options, kind, 'ok');
  return reply;
}

/**
 * Handler adapters: an async function becomes a grpc-js handler, so every service answers the
 * same way (STYLE.md 7: every failure leaves as a gRPC status with its named reason,
 * host/grpc-status.ts). A failure is counted by method and reason; one that is not a
 * CourtbridgeError is logged once here, since it becomes INTERNAL `internal_error` and would
 * otherwise leave no trace.
 */
import type * as grpc from '@grpc/grpc-js';

import { isCourtbridgeError } from '../../errors.js';
import { asCallError, transportErrorOf } from '../../bus/transport-error.js';
import { boundContextOf, contextOf, type CallContext, type ContextOf } from './call-context.js';
import { statusOf } from './grpc-status.js';

/** Count (and, when unexpected, log) a handler's failure, and turn it into a status. */
function failed(error: unknown, ctx: CallContext | undefined): grpc.StatusObject {
  if (!isCourtbridgeError(error) && transportErrorOf(error) === undefined) ctx?.log.error({ err: error }, 'handler failed');
  ctx?.metrics?.callFailures.inc({ method: ctx.method, reason: asCallError(error).reason });
  return statusOf(error);
}

/** The context of `call`, or undefined when even that fails (the failure is then the answer). */
function tryContext(of: ContextOf, call: object): { ctx: CallContext } | { error: unknown } {
  try {
    return { ctx: of(call) };
  } catch (error) {
    return { error };
  }
}

/**
 * Wrap `fn` as a grpc-js unary handler.
 * @example
 * GetAction: unary(async (req, ctx) => load(kv, req.actionId)),
 */
export function unary<Q, R>(fn: (req: Q, ctx: CallContext, call: grpc.ServerUnaryCall<Q, R>) => Promise<R>, of: ContextOf = contextOf) {
  return (call: grpc.ServerUnaryCall<Q, R>, cb: grpc.sendUnaryData<R>): void => {
    const c = tryContext(of, call);
    if ('error' in c) {
      cb(failed(c.error, undefined), null);
      return;
    }
    let run: Promise<R>;
    try {
      run = fn(call.request, c.ctx, call);
    } catch (e) {
      run = Promise.reject(e);
    }
    run.then(
      (r) => cb(null, r),
      (e: unknown) => cb(failed(e, c.ctx), null),
    );
  };
}

/**
 * Wrap `fn`, which reads nothing of the call but its request (VerifyBundle: a public check),
 * as a grpc-js unary handler; served the same with or without the guard.
 */
export function requestUnary<Q, R>(fn: (req: Q) => Promise<R>) {
  return (call: grpc.ServerUnaryCall<Q, R>, cb: grpc.sendUnaryData<R>): void => {
    let run: Promise<R>;
    try {
      run = fn(call.request);
    } catch (e) {
      run = Promise.reject(e);
    }
    run.then(
      (r) => cb(null, r),
      (e: unknown) => cb(failed(e, boundContextOf(call)), null),
    );
  };
}

/** A server stream's cancellation, as its handler sees it. */
export interface StreamSignal {
  /** True once the caller cancelled. */
  readonly cancelled: boolean;
  /** Run `fn` when the caller cancels (at once when it already has). */
  onCancel(fn: () => void): void;
}

/**
 * Wrap `fn` as a grpc-js server-streaming handler. `fn` writes to the call; when it resolves
 * `'end'` the stream ends, `'follow'` leaves it open (a follower, ended by the caller's cancel);
 * when it rejects the stream ends with the error's status (nothing is sent after a cancel).
 * @example
 * WatchHeaders: serverStream(async (call, ctx, signal) => { replay(call); return 'follow'; }),
 */
export function serverStream<Q, R>(
  fn: (call: grpc.ServerWritableStream<Q, R>, ctx: CallContext, signal: StreamSignal) => Promise<'end' | 'follow'>,
  of: ContextOf = contextOf,
) {
  return (call: grpc.ServerWritableStream<Q, R>): void => {
    let cancelled = false;
    const pending: Array<() => void> = [];
    call.on('cancelled', () => {
      cancelled = true;
      for (const f of pending.splice(0)) f();
    });
    const signal: StreamSignal = {
      get cancelled() {
        return cancelled;
      },
      onCancel: (f) => (cancelled ? f() : void pending.push(f)),
    };
    const c = tryContext(of, call);
    if ('error' in c) {
      call.emit('error', failed(c.error, undefined));
      return;
    }
    let run: Promise<'end' | 'follow'>;
    try {
      run = fn(call, c.ctx, signal);
    } catch (e) {
      run = Promise.reject(e);
    }
    run.then(
      (how) => {
        if (how === 'end' && !cancelled) call.end();
      },
      (e: unknown) => {
        if (!cancelled) call.emit('error', failed(e, c.ctx));
      },
    );
  };
}

/**
 * One adapter from an async handler to a grpc-js unary handler, shared by the services that
 * read the call context (STYLE.md 7: every failure leaves as a gRPC status with its named
 * reason). Errors that are not a CourtbridgeError are logged once here, since they become
 * INTERNAL `internal_error` and would otherwise leave no trace.
 */
import type * as grpc from '@grpc/grpc-js';

import { isCourtbridgeError } from '../../errors.js';
import { contextOf, type CallContext } from '../auth/guard.js';
import { statusOf } from './grpc-status.js';

/**
 * Wrap `fn` as a grpc-js unary handler.
 * @example
 * GetAction: unary(async (req, ctx) => load(kv, req.actionId)),
 */
export function unary<Q, R>(fn: (req: Q, ctx: CallContext) => Promise<R>) {
  return (call: grpc.ServerUnaryCall<Q, R>, cb: grpc.sendUnaryData<R>): void => {
    fn(call.request, contextOf(call)).then(
      (r) => cb(null, r),
      (e: unknown) => {
        if (!isCourtbridgeError(e)) contextOf(call).log.error({ err: e }, 'handler failed');
        cb(statusOf(e), null);
      },
    );
  };
}

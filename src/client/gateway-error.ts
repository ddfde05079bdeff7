/**
 * A failed gateway call as a `CourtbridgeError` carrying the gateway's named reason (the
 * `courtbridge-reason` trailer), for callers that branch on reasons rather than gRPC statuses.
 */
import * as grpc from '@grpc/grpc-js';
import { CourtbridgeError, ErrorCode, foreignReason } from '../errors.js';
import { REASON_TRAILER } from '../wire/reason-trailer.js';

const GRPC_TO_CODE: Record<number, (typeof ErrorCode)[keyof typeof ErrorCode]> = {
  [grpc.status.INVALID_ARGUMENT]: ErrorCode.InvalidArgument,
  [grpc.status.UNAUTHENTICATED]: ErrorCode.Unauthenticated,
  [grpc.status.PERMISSION_DENIED]: ErrorCode.PermissionDenied,
  [grpc.status.NOT_FOUND]: ErrorCode.NotFound,
  [grpc.status.ALREADY_EXISTS]: ErrorCode.AlreadyExists,
  [grpc.status.FAILED_PRECONDITION]: ErrorCode.FailedPrecondition,
  [grpc.status.DEADLINE_EXCEEDED]: ErrorCode.DeadlineExceeded,
  [grpc.status.RESOURCE_EXHAUSTED]: ErrorCode.ResourceExhausted,
};

function isServiceError(e: unknown): e is grpc.ServiceError {
  return e instanceof Error && typeof (e as Partial<grpc.ServiceError>).code === 'number' && 'metadata' in e;
}

/** `e` as a CourtbridgeError named by the gateway's reason; anything but a gRPC error is returned as is. */
export function gatewayErrorOf(e: unknown, call: string): unknown {
  if (!isServiceError(e)) return e;
  const trailer = e.metadata?.get(REASON_TRAILER)[0];
  // The gateway's reason, passed on as the gateway named it (it may run another version).
  const reason = trailer === undefined ? 'gateway_error' : foreignReason(String(trailer));
  return new CourtbridgeError(GRPC_TO_CODE[e.code] ?? ErrorCode.Unavailable, reason, `${call}: ${e.details}`, { cause: e });
}

/** Await a gateway call, turning its failure into a CourtbridgeError (`gatewayErrorOf`). */
export async function viaGateway<T>(call: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw gatewayErrorOf(e, call);
  }
}

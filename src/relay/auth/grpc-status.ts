/**
 * Errors to gRPC statuses (DESIGN.md "Conventions": every error is a gRPC status with a reason
 * a person can act on). The snake_case reason travels in the `courtbridge-reason` trailer
 * (docs/api.md; one name for the control and query paths, ) so clients branch on it
 * without parsing messages; the message is `reason: text`.
 */
import * as grpc from '@grpc/grpc-js';

import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import { REASON_TRAILER } from '../../wire/reason-trailer.js';

/** Trailer with the suggested wait before retrying, ms (RESOURCE_EXHAUSTED, UNAVAILABLE). */
export const RETRY_AFTER_TRAILER = 'retry-after-ms';
/**
 * Trailer of an UNAUTHENTICATED answer naming the gateway's DID, the audience a token must name:
 * a caller with a member key but no audience yet learns it from the refusal (the DID is public
 * in the registry; the token it then signs is bound to it).
 */
export const AUDIENCE_TRAILER = 'courtbridge-audience';

/** A grpc-js status object for `error` (unknown errors become INTERNAL `internal_error`). */
export function statusOf(error: unknown): grpc.StatusObject {
  const e: CourtbridgeError = isCourtbridgeError(error)
    ? error
    : // An unexpected error's text may hold internals (paths, peers): the caller gets a generic
      // message; the guard logs the cause with the call's request id.
      new CourtbridgeError(ErrorCode.Internal, 'internal_error', 'internal error in the gateway; it is logged with this call\'s request id', { cause: error });
  const metadata = new grpc.Metadata();
  metadata.set(REASON_TRAILER, e.reason);
  const retry = e.details.retryAfterMs;
  if (typeof retry === 'number') metadata.set(RETRY_AFTER_TRAILER, String(retry));
  const audience = e.details.audience;
  if (typeof audience === 'string') metadata.set(AUDIENCE_TRAILER, audience);
  return { code: e.grpcStatus, details: `${e.reason}: ${e.message}`, metadata };
}

/** The numeric gRPC code name for metrics labels, e.g. `PERMISSION_DENIED`. */
export function codeName(code: number): string {
  return grpc.status[code] ?? String(code);
}

/**
 * Errors to gRPC statuses (DESIGN.md "Conventions": every error is a gRPC status with a reason
 * a person can act on). The one mapping of the relay: the status is the code's column of the
 * table in src/errors.ts (STATUS_OF); the snake_case reason travels in the `courtbridge-reason`
 * trailer (docs/api.md) so clients branch on it without parsing messages; the message is
 * `reason: text`.
 */
import * as grpc from '@grpc/grpc-js';

import { STATUS_OF } from '../../errors.js';
import { asCallError } from '../../bus/transport-error.js';
import { REASON_TRAILER } from '../../wire/reason-trailer.js';

/** Trailer with the suggested wait before retrying, ms (RESOURCE_EXHAUSTED, UNAVAILABLE). */
export const RETRY_AFTER_TRAILER = 'retry-after-ms';
/**
 * Trailer of an UNAUTHENTICATED answer naming the gateway's DID, the audience a token must name:
 * a caller with a member key but no audience yet learns it from the refusal (the DID is public
 * in the registry; the token it then signs is bound to it).
 */
export const AUDIENCE_TRAILER = 'courtbridge-audience';

/**
 * A grpc-js status object for `error`: NATS transport failures become UNAVAILABLE with a
 * retry-after-ms (bus/transport-error.ts), other unknown errors INTERNAL `internal_error`.
 */
export function statusOf(error: unknown): grpc.StatusObject {
  const e = asCallError(error);
  const metadata = new grpc.Metadata();
  metadata.set(REASON_TRAILER, e.reason);
  const retry = e.details.retryAfterMs;
  if (typeof retry === 'number') metadata.set(RETRY_AFTER_TRAILER, String(retry));
  const audience = e.details.audience;
  if (typeof audience === 'string') metadata.set(AUDIENCE_TRAILER, audience);
  return { code: STATUS_OF[e.code].grpc, details: `${e.reason}: ${e.message}`, metadata };
}

/** The numeric gRPC code name for metrics labels, e.g. `PERMISSION_DENIED`. */
export function codeName(code: number): string {
  return grpc.status[code] ?? String(code);
}

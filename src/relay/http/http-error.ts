/**
 * Errors of the HTTP/JSON verification endpoint, as JSON (STYLE.md 7: a code that maps to a
 * gRPC status, a stable snake_case reason, a message for a person; never a stack trace).
 *
 * Body: `{ "error": { "code": "INVALID_ARGUMENT", "grpcStatus": 3, "reason": "body_not_json",
 * "message": "..." } }`. HTTP status by code (the gRPC-HTTP mapping of
 * google/rpc/code.proto, narrowed to what this endpoint produces).
 */
import { CourtbridgeError, ErrorCode, grpcStatusOf, isCourtbridgeError } from '../../errors.js';

/** The JSON error body. */
export interface HttpErrorBody {
  error: { code: ErrorCode; grpcStatus: number; reason: string; message: string };
}

/** HTTP status of each code (google/rpc/code.proto "HTTP Mapping"). */
export const httpStatusOf: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 400,
  DEADLINE_EXCEEDED: 504,
  UNAVAILABLE: 503,
  RESOURCE_EXHAUSTED: 429,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
};

/** Reasons whose HTTP status is more specific than their code's (RFC 9110 §15.5). */
const SPECIFIC_STATUS: Readonly<Record<string, number>> = {
  body_too_large: 413,
  method_not_allowed: 405,
  unsupported_media_type: 415,
};

/** An error as its HTTP status and JSON body; anything not a CourtbridgeError is INTERNAL (its text is not shown). */
export function httpErrorOf(e: unknown): { status: number; body: HttpErrorBody } {
  const err = isCourtbridgeError(e) ? e : new CourtbridgeError(ErrorCode.Internal, 'internal', 'the server failed to answer; the failure is logged');
  return {
    status: SPECIFIC_STATUS[err.reason] ?? httpStatusOf[err.code],
    body: { error: { code: err.code, grpcStatus: grpcStatusOf[err.code], reason: err.reason, message: err.message } },
  };
}

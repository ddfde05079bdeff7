/**
 * Errors of the HTTP/JSON verification endpoint, as JSON (STYLE.md 7: a code that maps to a
 * gRPC status, a stable snake_case reason, a message for a person; never a stack trace).
 *
 * Body: `{ "error": { "code": "INVALID_ARGUMENT", "grpcStatus": 3, "reason": "body_not_json",
 * "message": "..." } }`. HTTP status by code (the gRPC-HTTP mapping of
 * google/rpc/code.proto, in src/errors.ts STATUS_OF).
 */
import { asCourtbridgeError, STATUS_OF, type ErrorCode } from '../../errors.js';

/** The JSON error body. */
export interface HttpErrorBody {
  error: { code: ErrorCode; grpcStatus: number; reason: string; message: string };
}

/** Reasons whose HTTP status is more specific than their code's (RFC 9110 §15.5). */
const SPECIFIC_STATUS: Readonly<Record<string, number>> = {
  body_too_large: 413,
  method_not_allowed: 405,
  unsupported_media_type: 415,
};

/** An error as its HTTP status and JSON body; anything not a CourtbridgeError is INTERNAL (its text is not shown). */
export function httpErrorOf(e: unknown): { status: number; body: HttpErrorBody } {
  const err = asCourtbridgeError(e);
  const status = STATUS_OF[err.code];
  return {
    status: SPECIFIC_STATUS[err.reason] ?? status.http,
    body: { error: { code: err.code, grpcStatus: status.grpc, reason: err.reason, message: err.message } },
  };
}

/**
 * One base error for the whole project (STYLE.md 7, after viem's BaseError and nats.js errors.ts).
 * `code` is a named status that maps 1:1 to a gRPC status and to a NATS service error header;
 * `reason` is a stable machine-readable name (counted in metrics); the message is for a person.
 */
export const ErrorCode = {
  InvalidArgument: 'INVALID_ARGUMENT',
  Unauthenticated: 'UNAUTHENTICATED',
  PermissionDenied: 'PERMISSION_DENIED',
  NotFound: 'NOT_FOUND',
  AlreadyExists: 'ALREADY_EXISTS',
  FailedPrecondition: 'FAILED_PRECONDITION',
  DeadlineExceeded: 'DEADLINE_EXCEEDED',
  Unavailable: 'UNAVAILABLE',
  ResourceExhausted: 'RESOURCE_EXHAUSTED',
  Unimplemented: 'UNIMPLEMENTED',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** gRPC numeric status for each code (grpc/status.proto). */
export const grpcStatusOf: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

export interface CourtbridgeErrorOptions {
  cause?: unknown;
  /** Extra facts for logs (never secrets, never personal identifiers in clear). */
  details?: Record<string, string | number | boolean>;
}

export class CourtbridgeError extends Error {
  override readonly name: string = 'CourtbridgeError';
  readonly details: Record<string, string | number | boolean>;
  constructor(
    readonly code: ErrorCode,
    /** Stable snake_case reason, e.g. `high_s_signature`. */
    readonly reason: string,
    message: string,
    options: CourtbridgeErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
  }

  get grpcStatus(): number {
    return grpcStatusOf[this.code];
  }
}

/** Verification failed: a signature, proof, header or token is wrong. Always carries a named reason. */
export class VerificationError extends CourtbridgeError {
  override readonly name = 'VerificationError';
  constructor(reason: string, message: string, options: CourtbridgeErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? ErrorCode.InvalidArgument, reason, message, options);
  }
}

export function isCourtbridgeError(e: unknown): e is CourtbridgeError {
  return e instanceof CourtbridgeError;
}

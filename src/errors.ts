/**
 * One base error for the whole project (STYLE.md 7, after viem's BaseError and nats.js errors.ts).
 * `code` is a named status that maps 1:1 to a gRPC status and to a NATS service error header;
 * `reason` is a stable machine-readable name (counted in metrics), one of `Reason`; the message is for a person.
 */
import type { SdkReason } from '../adapters/sdk/reasons.js';
import type { BusReason } from './bus/reasons.js';
import type { ChainReason } from './chain/reasons.js';
import type { CliReason } from './cli/reasons.js';
import type { ConfigReason } from './config/reasons.js';
import type { ConformanceReason } from './conformance/reasons.js';
import type { EncodingReason } from './encoding/reasons.js';
import type { IdentityReason } from './identity/reasons.js';
import type { LightClientReason } from './lightclient/reasons.js';
import type { PrivacyReason } from './privacy/reasons.js';
import type { ProofReason } from './proof/reasons.js';
import type { RelayReason } from './relay/reasons.js';
import type { SeedReason } from './seed/reasons.js';
import type { StorageReason } from './storage/reasons.js';
import type { VerifyReason } from './verify/reasons.js';
import type { WireReason } from './wire/reasons.js';
import type { WorkflowReason } from './workflows/reasons.js';

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

/**
 * A reason this build does not name itself, passed on unchanged: read from a peer's reply (the
 * peer may run another version) or chosen by a partner's own contract. The one place a string
 * becomes a `Reason` unchecked, so a misspelled literal anywhere else still fails to typecheck.
 */
export const foreignReason = (reason: string): Reason => reason as Reason;

/**
 * Every reason an error may carry: the union of each layer's reasons (`<layer>/reasons.ts`). A new
 * reason goes into its layer's union; nothing to add here.
 */
export type Reason =
  | IdentityReason
  | ChainReason
  | LightClientReason
  | ProofReason
  | VerifyReason
  | BusReason
  | RelayReason
  | WorkflowReason
  | SdkReason
  | CliReason
  | ConformanceReason
  | ConfigReason
  | WireReason
  | EncodingReason
  | PrivacyReason
  | StorageReason
  | SeedReason;

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
    /** Stable snake_case reason, e.g. `high_s_signature` (the layers' unions list them all). */
    readonly reason: Reason,
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
  constructor(reason: Reason, message: string, options: CourtbridgeErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? ErrorCode.InvalidArgument, reason, message, options);
  }
}

export function isCourtbridgeError(e: unknown): e is CourtbridgeError {
  return e instanceof CourtbridgeError;
}

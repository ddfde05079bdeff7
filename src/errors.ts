/**
 * One base error for the whole project (STYLE.md 7, after viem's BaseError and nats.js errors.ts).
 * `code` is a named status that maps 1:1 to a gRPC status and to a NATS service error header;
 * `reason` is a stable machine-readable name (counted in metrics), one of `Reason`; the message is for a person.
 */
import type { CollabReason } from '../adapters/collab/reasons.js';
import type { DataContractRefusal } from '../adapters/data/reasons.js';
import type { EvmAdapterReason } from '../adapters/evm/reasons.js';
import type { FinanceContractRefusal } from '../adapters/finance/reasons.js';
import type { NotaryRegistryReason } from '../adapters/notary/reasons.js';
import type { MarketReason } from '../adapters/market/reasons.js';
import type { MobileReason } from './mobile/reasons.js';
import type { BankruptcyReason } from '../adapters/bankruptcy/reasons.js';
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

/**
 * The one table from code to transport status: gRPC (grpc/status.proto) and HTTP (the
 * "HTTP Mapping" of google/rpc/code.proto). Every mapping of an error to a status reads it.
 */
export const STATUS_OF: Readonly<Record<ErrorCode, { readonly grpc: number; readonly http: number }>> = {
  INVALID_ARGUMENT: { grpc: 3, http: 400 },
  DEADLINE_EXCEEDED: { grpc: 4, http: 504 },
  NOT_FOUND: { grpc: 5, http: 404 },
  ALREADY_EXISTS: { grpc: 6, http: 409 },
  PERMISSION_DENIED: { grpc: 7, http: 403 },
  RESOURCE_EXHAUSTED: { grpc: 8, http: 429 },
  FAILED_PRECONDITION: { grpc: 9, http: 400 },
  UNIMPLEMENTED: { grpc: 12, http: 501 },
  INTERNAL: { grpc: 13, http: 500 },
  UNAVAILABLE: { grpc: 14, http: 503 },
  UNAUTHENTICATED: { grpc: 16, http: 401 },
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
  | EvmAdapterReason
  | CollabReason
  | NotaryRegistryReason
  | MarketReason
  | MobileReason
  | BankruptcyReason
  | FinanceContractRefusal
  | DataContractRefusal
  | CliReason
  | ConformanceReason
  | ConfigReason
  | WireReason
  | EncodingReason
  | PrivacyReason
  | StorageReason
  | SeedReason;
const column = (k: 'grpc' | 'http'): Record<ErrorCode, number> =>
  Object.fromEntries(Object.entries(STATUS_OF).map(([code, s]) => [code, s[k]])) as Record<ErrorCode, number>;

/** gRPC numeric status for each code (a column of STATUS_OF). */
export const grpcStatusOf: Readonly<Record<ErrorCode, number>> = column('grpc');

/** HTTP status for each code (a column of STATUS_OF). */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = column('http');

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

/**
 * `e` itself when it is a CourtbridgeError, else INTERNAL `internal_error` with `e` as its cause:
 * an unexpected error's text may hold internals (paths, peers), so the caller gets a generic
 * message and the cause is logged where the call is (host/handlers.ts, the guard).
 */
export function asCourtbridgeError(e: unknown): CourtbridgeError {
  if (isCourtbridgeError(e)) return e;
  return new CourtbridgeError(
    ErrorCode.Internal,
    'internal_error',
    "internal error in the gateway; it is logged with this call's request id",
    { cause: e },
  );
}

/**
 * How the CLI turns an error into one line and an exit code (STYLE.md 7: one base error with
 * a code; here that code, or a gRPC status, picks the exit code of exit-codes.ts).
 * A stack trace is printed only with `COURTBRIDGE_DEBUG=1`.
 */
import { CourtbridgeError, ErrorCode, grpcStatusOf } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import { REASON_TRAILER } from '../wire/reason-trailer.js';

/** A wrong command line: always exit 2, with the command's usage hint. */
export class UsageError extends CourtbridgeError {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose `--help` to point at, e.g. `keys new`. */
    readonly command: string = '',
  ) {
    super(ErrorCode.InvalidArgument, 'usage', message);
  }
}

/** gRPC numeric status -> name (grpc/status.proto), for the printed line. */
const GRPC_STATUS_NAMES: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

/** Exit code for a gRPC status number. */
export function exitCodeOfGrpcStatus(status: number): ExitCode {
  switch (status) {
    case 0:
      return ExitCode.Ok;
    case 4: // DEADLINE_EXCEEDED
    case 14: // UNAVAILABLE
      return ExitCode.Unreachable;
    case 7: // PERMISSION_DENIED
    case 16: // UNAUTHENTICATED
      return ExitCode.Denied;
    case 5:
      return ExitCode.NotFound;
    case 12:
      return ExitCode.Unavailable;
    default:
      return ExitCode.Failure;
  }
}

interface GrpcLikeError {
  code: number;
  details?: string;
  message: string;
  metadata?: { get(key: string): unknown[] };
}

function isGrpcError(e: unknown): e is GrpcLikeError {
  return e instanceof Error && typeof (e as Partial<GrpcLikeError>).code === 'number' && 'metadata' in e;
}

/**
 * The next command to run after a refusal by the gateway, zh-CN first, English after; '' when the
 * gateway's own message says enough.
 */
export function nextStepOf(status: number, reason: string): string {
  if (status === 16 && (reason === 'missing_token' || reason === 'malformed_authorization'))
    return '请加 --as KEYFILE（或设置 $COURTBRIDGE_KEY）/ add --as KEYFILE (or set $COURTBRIDGE_KEY)';
  if (status === 16 && (reason === 'unknown_issuer' || reason === 'revoked_issuer' || reason === 'revoked'))
    return (
      '该密钥的 DID 不是联盟的有效成员：请联盟管理员登记（courtbridge alliance register --did DID ... --admin-key A --admin-key B）/ ' +
      "the key's DID is not an active member: have the alliance admins register it (courtbridge alliance register --did DID ... --admin-key A --admin-key B)"
    );
  if (status === 16 && reason === 'wrong_audience')
    return '令牌的受众不是此网关：请加 --gateway-did DID / the token names another gateway: add --gateway-did DID';
  return '';
}

/** System errors that mean "nobody answers there" (NATS or a TCP connect). */
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'CONNECTION_REFUSED']);

/** The one line and the exit code for an error. */
export function describeError(e: unknown): { line: string; exitCode: ExitCode } {
  if (e instanceof UsageError) {
    const hint = e.command === '' ? 'courtbridge --help' : `courtbridge ${e.command} --help`;
    return { line: `courtbridge: ${e.message} (see ${hint})`, exitCode: ExitCode.Usage };
  }
  if (e instanceof CourtbridgeError) {
    const status = grpcStatusOf[e.code];
    // A part missing from this build is "not available" (exit 7), like a method the gateway does not serve.
    let exitCode = e.reason === 'module_unavailable' ? ExitCode.Unavailable : exitCodeOfGrpcStatus(status);
    if (e.name === 'VerificationError') exitCode = exitCode === ExitCode.Denied ? ExitCode.Denied : ExitCode.VerificationFailed;
    return { line: `courtbridge: ${e.code} ${e.reason}: ${e.message}`, exitCode };
  }
  if (isGrpcError(e)) {
    const name = GRPC_STATUS_NAMES[e.code] ?? `status ${e.code}`;
    const reason = e.metadata?.get(REASON_TRAILER)[0];
    const detail = e.details !== undefined && e.details !== '' ? e.details : e.message;
    const why = typeof reason === 'string' && reason !== '' ? ` ${reason}` : '';
    const next = nextStepOf(e.code, typeof reason === 'string' ? reason : '');
    return {
      line: `courtbridge: gateway answered ${name}${why}: ${detail}${next === '' ? '' : `\n  ${next}`}`,
      exitCode: exitCodeOfGrpcStatus(e.code),
    };
  }
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && UNREACHABLE_ERRNO.has(code)) {
      return { line: `courtbridge: unreachable: ${e.message}`, exitCode: ExitCode.Unreachable };
    }
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      return { line: `courtbridge: ${e.message}`, exitCode: ExitCode.Failure };
    }
    return { line: `courtbridge: ${e.message}`, exitCode: ExitCode.Failure };
  }
  return { line: `courtbridge: ${String(e)}`, exitCode: ExitCode.Failure };
}

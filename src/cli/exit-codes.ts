/**
 * Exit codes scripts can rely on (docs/cli.md "Exit codes"). Stable: a new failure kind gets a
 * new number, an existing number never changes meaning.
 */
export const ExitCode = {
  /** The command did what was asked; for a verdict, the verdict is positive. */
  Ok: 0,
  /** The command ran but failed, or its answer is negative (not anchored, action rejected). */
  Failure: 1,
  /** The command line is wrong (unknown command or option, missing argument, bad value). */
  Usage: 2,
  /** A service could not be reached in time: gateway or NATS down (gRPC UNAVAILABLE, DEADLINE_EXCEEDED). */
  Unreachable: 3,
  /** A signature, proof, header, bundle or token did not verify. */
  VerificationFailed: 4,
  /** Authentication or authorisation refused (UNAUTHENTICATED, PERMISSION_DENIED, wrong passphrase). */
  Denied: 5,
  /** What was asked for does not exist (NOT_FOUND). */
  NotFound: 6,
  /** The feature is not available in this build or on this gateway (UNIMPLEMENTED, module missing). */
  Unavailable: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The table printed by `courtbridge --help` and in docs/cli.md. */
export const EXIT_CODE_HELP = `Exit codes:
  0  ok (for a verdict: valid / anchored / executed)
  1  failure, or a negative answer (not anchored, action rejected, server-side error)
  2  usage error (unknown command or option, missing or bad argument)
  3  unreachable: gateway or NATS not answering (UNAVAILABLE, DEADLINE_EXCEEDED)
  4  verification failed (bundle, proof, signature, token)
  5  denied (UNAUTHENTICATED, PERMISSION_DENIED, wrong passphrase)
  6  not found (NOT_FOUND)
  7  not available (UNIMPLEMENTED on the gateway, or the module is not in this build)`;

/**
 * One conformance check ("Conformance kit"): an id, a title a partner reads, and
 * `run(ctx)`, which returns a verdict with its evidence (STYLE.md 5). A check never throws for
 * what the adapter did: a wrong answer, a silence or a crash of the exchange is a `fail` with a
 * detail naming what was expected and what came back.
 */
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import type { ConformanceContext } from './context.js';

/** `skip` only when the adapter announces no actions (the action checks then have nothing to test). */
export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckVerdict {
  status: CheckStatus;
  /** One line for a person: what was checked and what the adapter did. */
  detail: string;
  /** What the verdict rests on (heights, header hashes, reasons, result ids), for the JSON report. */
  evidence?: Record<string, string | number | boolean>;
}

export interface ConformanceCheck {
  /** Stable snake_case id, e.g. `order_forged_refused`. */
  readonly id: string;
  readonly title: string;
  run(ctx: ConformanceContext): Promise<CheckVerdict>;
}

export const pass = (detail: string, evidence?: CheckVerdict['evidence']): CheckVerdict =>
  evidence === undefined ? { status: 'pass', detail } : { status: 'pass', detail, evidence };
export const fail = (detail: string, evidence?: CheckVerdict['evidence']): CheckVerdict =>
  evidence === undefined ? { status: 'fail', detail } : { status: 'fail', detail, evidence };
export const skip = (detail: string): CheckVerdict => ({ status: 'skip', detail });

/**
 * End the current check with `fail(detail, evidence)`, from however deep in it: throws a
 * `check_failed` error (the evidence as its details), which `runConformance` turns into the verdict.
 */
export function failCheck(detail: string, evidence?: CheckVerdict['evidence']): never {
  throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'check_failed', detail, evidence === undefined ? {} : { details: evidence });
}

/** Whether `e` ends a check by `failCheck` (pass it on: it already says what the adapter did). */
export function isCheckFailure(e: unknown): e is CourtbridgeError {
  return isCourtbridgeError(e) && e.reason === 'check_failed';
}

/** The verdict a check ended by `failCheck` gets. */
export function verdictOfCheckFailure(e: CourtbridgeError): CheckVerdict {
  return Object.keys(e.details).length > 0 ? fail(e.message, e.details) : fail(e.message);
}

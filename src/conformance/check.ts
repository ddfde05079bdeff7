/**
 * One conformance check ("Conformance kit"): an id, a title a partner reads, and
 * `run(ctx)`, which returns a verdict with its evidence (STYLE.md 5). A check never throws for
 * what the adapter did: a wrong answer, a silence or a crash of the exchange is a `fail` with a
 * detail naming what was expected and what came back.
 */
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

export const pass = (detail: string, evidence?: CheckVerdict['evidence']): CheckVerdict => (evidence === undefined ? { status: 'pass', detail } : { status: 'pass', detail, evidence });
export const fail = (detail: string, evidence?: CheckVerdict['evidence']): CheckVerdict => (evidence === undefined ? { status: 'fail', detail } : { status: 'fail', detail, evidence });
export const skip = (detail: string): CheckVerdict => ({ status: 'skip', detail });

/** Thrown inside a check to end it with `fail(detail)`; `runChecks` turns it into the verdict. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly evidence?: CheckVerdict['evidence'],
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/** End the current check with a failure. */
export function failCheck(detail: string, evidence?: CheckVerdict['evidence']): never {
  throw new CheckFailure(detail, evidence);
}

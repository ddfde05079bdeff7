/**
 * The deadline of a call ("Limits": deadlines required and capped), the one computation the
 * guard and standalone handlers share. A call that brings no deadline gets `now + capMs`; a
 * deadline beyond the cap is shortened to it. The result is absolute ms since the epoch, what
 * handlers propagate to NATS requests (`QueryRequest.deadline_ms`). Pure: time is passed in.
 */

/** Budget of a call served without the guard (its cap comes from the gateway's limits). */
export const DEFAULT_CALL_BUDGET_MS = 10_000;

/** Why the effective deadline is what it is (logged per call). */
export type DeadlineSource = 'caller' | 'cap_applied' | 'cap_shortened';

export interface EffectiveDeadline {
  readonly deadlineMs: number;
  readonly source: DeadlineSource;
}

/** @param callerDeadline what grpc-js reports (`call.getDeadline()`): a Date, ms, or Infinity */
export function effectiveDeadline(callerDeadline: Date | number, nowMs: number, capMs: number): EffectiveDeadline {
  const asked = callerDeadline instanceof Date ? callerDeadline.getTime() : callerDeadline;
  const cap = nowMs + capMs;
  if (!Number.isFinite(asked)) return { deadlineMs: cap, source: 'cap_applied' };
  if (asked > cap) return { deadlineMs: cap, source: 'cap_shortened' };
  return { deadlineMs: asked, source: 'caller' };
}

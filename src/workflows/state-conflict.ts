/**
 * The error of a revision-checked state write that lost: another writer (the replica that took
 * the case over, or an RPC on the same case) wrote the key since it was read. The writer holds a
 * stale view: it must stop at that step and write nothing more (src/workflows/service/case-runner.ts
 * drops the case; an RPC caller retries on the fresh state).
 */
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';

export function stateConflict(key: string, expected: number, found: number): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'state_conflict',
    `状态 ${key} 已被其他副本更新（读取时修订号 ${expected}，现为 ${found}），本次写入作废，请重试 / ` +
      `state ${key} was written by another replica since it was read (revision ${expected}, now ${found}); this write is void, retry`,
    { details: { key, expected, found } },
  );
}

export const isStateConflict = (e: unknown): boolean => isCourtbridgeError(e) && e.reason === 'state_conflict';

/**
 * Run an idempotent input (register an agreement, report a performance...) again on the fresh
 * state when it lost a race with the replica advancing the same case: the second run finds what
 * the first wrote (or what the replica did) and completes or answers from it.
 */
export async function retryOnStateConflict<T>(f: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (e) {
      if (!isStateConflict(e) || i >= attempts) throw e;
    }
  }
}

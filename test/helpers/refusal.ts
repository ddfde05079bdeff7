/**
 * How a call the test expects to be refused was refused: the CourtbridgeError's reason with its
 * message (a synchronous call) or its code (a reply or an action). Anything else is rethrown;
 * an accepted call fails the test.
 */
import { type CourtbridgeError, isCourtbridgeError } from '../../src/errors.js';

/** The whole CourtbridgeError a synchronous call was refused with (its code, details and cause too). */
export function courtbridgeErrorOf(f: () => unknown): CourtbridgeError {
  try {
    f();
  } catch (e) {
    if (isCourtbridgeError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

export function refusal(f: () => unknown): { reason: string; message: string } {
  const e = courtbridgeErrorOf(f);
  return { reason: e.reason, message: e.message };
}

/** The whole CourtbridgeError a promise was rejected with. */
export async function courtbridgeRejectionOf(p: Promise<unknown>): Promise<CourtbridgeError> {
  try {
    await p;
  } catch (e) {
    if (isCourtbridgeError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

export async function asyncRefusal(p: Promise<unknown>): Promise<{ reason: string; code: string }> {
  const e = await courtbridgeRejectionOf(p);
  return { reason: e.reason, code: e.code };
}

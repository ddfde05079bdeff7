/**
 * The refusal of an adapter's answer the gateway could not verify (query-evm.ts, query-notary.ts):
 * UNAVAILABLE with the named reason, saying which chain's adapter answered which key with what.
 */
import { CourtbridgeError, ErrorCode, type Reason } from '../../errors.js';

export function answerRefused(q: { chainId: string; key: string }, reason: Reason, why: string, cause?: unknown): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.Unavailable,
    reason,
    `the adapter of ${q.chainId} answered ${q.key} with ${why}`,
    cause === undefined ? {} : { cause },
  );
}

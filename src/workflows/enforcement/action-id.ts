/**
 * Deterministic action ids ("action ids derived from case + step"): a crashed and
 * restarted engine derives the same id for the same step, and the target chain refuses a second
 * transaction with an id it has seen, so no action is ever applied twice.
 *
 * actionId = hex(sha256(utf8("courtbridge/v1/action-id") || 0x00 || utf8(caseId) || 0x00 ||
 *            utf8(step) || 0x00 || utf8(chainId) || 0x00 || utf8(target)))
 */
import { sha256Concat } from '../../crypto/hash.js';
import { toHex, utf8 } from '../../encoding/bytes.js';

const TAG = utf8('courtbridge/v1/action-id');
const NUL = Uint8Array.of(0);

export function actionIdOf(caseId: string, step: string, chainId: string, target: string): string {
  return toHex(sha256Concat(TAG, NUL, utf8(caseId), NUL, utf8(step), NUL, utf8(chainId), NUL, utf8(target)));
}

/** The order id for an action: one order per action. */
export const orderIdOf = (actionId: string): string => `ord-${actionId.slice(0, 40)}`;

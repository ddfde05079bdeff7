/**
 * Submits an intake's tx to a dev ledger at most once: a tx id already on the chain (a redelivered
 * submission, or one that raced another delivery to the ledger, `duplicate_tx`) is answered
 * `already_committed` with the latest block instead of being applied again.
 */
import type { IntakeReceipt } from '../../src/bus/intake-reply.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { isCourtbridgeError } from '../../src/errors.js';

export async function commitOnce(ledger: DevLedger, tx: Tx): Promise<IntakeReceipt> {
  const latest = (): IntakeReceipt => {
    const h = ledger.latest().signedHeader.header;
    return { outcome: 'already_committed', height: h.height, timeMs: h.timeMs };
  };
  if (ledger.hasTx(tx.id)) return latest();
  try {
    const r = await ledger.submit(tx);
    return { outcome: 'committed', height: r.height, timeMs: r.timeMs };
  } catch (e) {
    if (isCourtbridgeError(e) && e.reason === 'duplicate_tx') return latest();
    throw e;
  }
}

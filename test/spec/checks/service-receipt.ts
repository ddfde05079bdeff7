/**
 * docs/spec/service-of-process.md, the recipient's receipt: each case through the product's
 * ServiceRegistry.recordReceipt against the `service/<id>` record the case gives (or its absence),
 * up to the judicial transaction.
 */
import { utf8 } from '../../../src/encoding/bytes.js';
import { ServiceRegistry } from '../../../src/workflows/service-of-process.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf, reasonOf } from './evidence.js';
import { ledgerHolding, REACHED_SUBMIT } from './service-of-process.js';

export async function check(file: VectorFile, c: VectorCase | InvalidCase): Promise<string> {
  const r = c.request as { serviceId: string; recipientDid: string; kid: string; signedAtMs: number; signature: string };
  const record = c.serviceRecord === null ? null : utf8(JSON.stringify(c.serviceRecord));
  const registry = new ServiceRegistry({
    ledger: ledgerHolding(record),
    authority: authorityOf(file),
    clock: { now: () => c.nowMs as number },
  });
  try {
    await registry.recordReceipt({ ...r, signature: new Uint8Array(Buffer.from(r.signature, 'hex')) });
    return 'ok'; // the same receipt again: already recorded, nothing to submit
  } catch (e) {
    return e === REACHED_SUBMIT ? 'ok' : reasonOf(e);
  }
}

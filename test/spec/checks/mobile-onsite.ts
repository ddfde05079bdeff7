/**
 * Runs the product's checks of an on-site record on a vector case: the shape the contract reads
 * (`invalid_record`), then the device signature against the key its did:key embeds.
 */
import { isCourtbridgeError } from '../../../src/errors.js';
import { Fields } from '../../../src/chain/ledger/record.js';
import type { CanonicalObject } from '../../../src/encoding/canonical-json.js';
import { checkOnsiteSignature, readSignedOnsite } from '../../../src/mobile/onsite-record.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  const { chainId, ...content } = c.fields as Record<string, unknown>;
  try {
    const f = new Fields({ ...content, signature: c.signature } as CanonicalObject, 'record');
    const r = readSignedOnsite(f);
    f.done();
    return checkOnsiteSignature(chainId as string, r);
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

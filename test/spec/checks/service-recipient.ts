/**
 * docs/spec/service-of-process.md, the recipient binding: the binding a case gives against the
 * product's recipientBindingOf(documentHash, recipientDid), the comparison RecordServiceReceipt
 * makes (`receipt_not_recipient` when they differ).
 */
import { equalBytes, fromHex } from '../../../src/encoding/bytes.js';
import { recipientBindingOf } from '../../../src/workflows/service-of-process.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  const did = ('fields' in c ? (c.fields as { recipientDid: string }).recipientDid : c.recipientDid) as string;
  const expected = recipientBindingOf(fromHex(c.documentHash as string), did);
  return equalBytes(expected, fromHex(c.binding as string)) ? 'ok' : 'receipt_not_recipient';
}

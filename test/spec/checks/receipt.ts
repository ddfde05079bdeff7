/**
 * docs/spec/receipt.md, a receipt for one answer: the product's receipt check (the
 * `receipt_binding` and `receipt_signature` checks of bundle verification) on the case's receipt
 * and subject, with the file's registry. Returns the first failed check's reason.
 */
import { fromHex } from '../../../src/encoding/bytes.js';
import { checkReceipt, type BundleCheck } from '../../../src/verify/bundle-verify.js';
import type { WireBundle } from '../../../src/verify/bundle-verify.js';
import { subjectFromJson, type ReceiptSubjectJson } from '../../vectors/generate-receipt.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf } from './relay-registry.js';

export interface BatchJson {
  leafIndex: number;
  leafCount: number;
  path: string[];
  batchRoot: string;
  rootSignature: string;
  gatewayDid: string;
  kid: string;
  signedAtMs: number;
}

/** The receipt as the gateway's Receipt message decodes (oneof `form`). */
export function receiptOf(r: { batch?: BatchJson; jwt?: string } | null): WireBundle['receipt'] {
  if (r === null) return null;
  if (r.jwt !== undefined) return { form: 'jwt', jwt: r.jwt } as WireBundle['receipt'];
  const b = r.batch!;
  return {
    form: 'batch',
    batch: { ...b, path: b.path.map((x) => fromHex(x)), batchRoot: fromHex(b.batchRoot), rootSignature: fromHex(b.rootSignature) },
  } as WireBundle['receipt'];
}

export function runReceiptChecks(file: VectorFile, receipt: WireBundle['receipt'], subject: ReceiptSubjectJson): BundleCheck[] {
  const checks: BundleCheck[] = [];
  checkReceipt({ receipt } as WireBundle, () => subjectFromJson(subject), { atMs: 0, authority: authorityOf(file) }, checks);
  return checks;
}

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const checks = runReceiptChecks(file, receiptOf(c.receipt as never), c.subject as ReceiptSubjectJson);
  const failed = checks.find((k) => k.outcome !== 'passed');
  return failed === undefined ? 'ok' : failed.reason;
}

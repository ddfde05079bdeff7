/**
 * docs/spec/receipt.md, a signed batch root: the product's receipt check on a batch receipt
 * carrying the case's root, count, time, signer and signature, for a leaf of it; returns the
 * reason of its `receipt_signature` check (the root signature), after the leaf's binding held.
 */
import type { ReceiptSubjectJson } from '../../vectors/generate-receipt.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { receiptOf, runReceiptChecks, type BatchJson } from './receipt.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  let batch: BatchJson;
  if ('reason' in c) batch = c.batch as BatchJson;
  else {
    const f = c.fields as { batchRoot: string; leafCount: number; signedAtMs: number };
    const leaf = c.leaf as { leafIndex: number; path: string[] };
    batch = {
      ...f,
      leafIndex: leaf.leafIndex,
      path: leaf.path,
      rootSignature: c.signature!,
      gatewayDid: c.gatewayDid as string,
      kid: c.kid as string,
    };
  }
  const checks = runReceiptChecks(file, receiptOf({ batch }), (c.leaf as { subject: ReceiptSubjectJson }).subject);
  const binding = checks.find((k) => k.name === 'receipt_binding');
  if (binding?.outcome !== 'passed') return `leaf not bound: ${binding?.reason}`;
  const sig = checks.find((k) => k.name === 'receipt_signature');
  return sig?.outcome === 'passed' ? 'ok' : (sig?.reason ?? 'no signature check');
}

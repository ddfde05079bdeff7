/**
 * The receipt an answer gets, by mode (STYLE.md 4, a named choice): `batch` (group commit,
 * the default) or `jwt` (one signature per answer).
 */
import type { MessageInput } from '../../wire/messages.js';
import { receiptDigest, type ReceiptSubject } from '../../verify/receipt-layout.js';
import { BatchReceipts } from './batch-receipts.js';
import { JwtReceipts } from './jwt-receipts.js';
import type { ReceiptSigner } from './root-signer.js';

export type ReceiptMode = 'batch' | 'jwt';

export interface ReceiptIssuer {
  readonly mode: ReceiptMode;
  /** The receipt for the answer described by `subject`. */
  issue(subject: ReceiptSubject): Promise<MessageInput<'Receipt'>>;
  /** Finish the receipts in flight. */
  close(): Promise<void>;
}

export interface ReceiptIssuerOptions {
  mode: ReceiptMode;
  signer: ReceiptSigner;
  now: () => number;
  onBatch?: (leafCount: number, signMs: number) => void;
}

/** Build the issuer for `options.mode`. */
export function createReceiptIssuer(options: ReceiptIssuerOptions): ReceiptIssuer {
  if (options.mode === 'jwt') {
    const jwt = new JwtReceipts({ signer: options.signer, now: options.now });
    return {
      mode: 'jwt',
      issue: async (s) => ({ jwt: await jwt.issue(receiptDigest(s), s.requesterDid, s.requestId) }),
      close: async () => {},
    };
  }
  const batch = new BatchReceipts(options.onBatch === undefined ? { signer: options.signer, now: options.now } : { signer: options.signer, now: options.now, onBatch: options.onBatch });
  return {
    mode: 'batch',
    issue: async (s) => ({ batch: await batch.issue(receiptDigest(s)) }),
    close: () => batch.close(),
  };
}

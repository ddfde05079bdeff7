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
  /**
   * Announce an answer on its way to a receipt (when its query starts); call the returned
   * function when it issued its receipt or failed. Lets batch mode hold a batch open for answers
   * in flight (batch-receipts.ts, load-aware close); a no-op for JWTs.
   */
  begin(): () => void;
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
  /** Batch mode: longest a leaf waits for answers in flight (batch-receipts.ts `holdMs`). */
  holdMs?: number;
}

const noop = (): void => {};

/** Build the issuer for `options.mode`. */
export function createReceiptIssuer(options: ReceiptIssuerOptions): ReceiptIssuer {
  if (options.mode === 'jwt') {
    const jwt = new JwtReceipts({ signer: options.signer, now: options.now });
    return {
      mode: 'jwt',
      begin: () => noop,
      issue: async (s) => ({ jwt: await jwt.issue(receiptDigest(s, options.signer.suite), s.requesterDid, s.requestId) }),
      close: async () => {},
    };
  }
  const batch = new BatchReceipts({
    signer: options.signer,
    now: options.now,
    ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
    ...(options.holdMs === undefined ? {} : { holdMs: options.holdMs }),
  });
  return {
    mode: 'batch',
    begin: () => batch.begin(),
    issue: async (s) => ({ batch: await batch.issue(receiptDigest(s, options.signer.suite)) }),
    close: () => batch.close(),
  };
}
